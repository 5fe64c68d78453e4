package session

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"deskside/flows"
)

// Log is a journal as read back: its entries, and what was wrong with
// the file, if anything.
type Log struct {
	Path    string
	Entries []Record
	// Torn is set when the last line was cut off (power lost mid-write);
	// everything before it is kept.
	Torn bool
	// Damaged lists the line numbers in the middle that could not be read
	// and were skipped.
	Damaged []int
	// EndsWithNewline tells whether the file ends on a complete line.
	EndsWithNewline bool
	// Size is how many bytes were read: Reopen checks that nothing was
	// appended since.
	Size int64
	// Disorder lists lines whose sequence number repeats an earlier one
	// or goes back (two writers, a copied or moved line), and jumps that
	// no damaged line explains.
	Disorder []SeqProblem
	// Newer is the highest format version read that is newer than this
	// deskside writes (0 when none): such lines are read as far as their
	// fields are known.
	Newer int
}

// SeqProblem is one line whose sequence number does not follow the
// line before it.
type SeqProblem struct {
	Line int // 1-based line of the file
	Seq  int // its sequence number
	Prev int // the highest sequence number before it
	// Repeat is set when an earlier line had the same number.
	Repeat bool
}

// MaxLine bounds one journal line; a longer one is treated as damaged.
const MaxLine = 8 << 20

// ReadFile reads a journal from disk. Only a regular file is read: a
// device or FIFO named by mistake (or by a hostile log) would never end.
func ReadFile(path string) (*Log, error) {
	if err := regularFile(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("session: cannot open the log: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("session: %s is not a regular file; a session log is a .jsonl file", path)
	}
	l, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("session: %s: %w", path, err)
	}
	l.Path = path
	return l, nil
}

// Read reads a journal. It keeps every line it can read, reports a torn
// last line and skips damaged lines in the middle; it fails only when
// nothing in the input is a deskside journal.
func Read(r io.Reader) (*Log, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	l := &Log{EndsWithNewline: true}
	lineNo := 0
	var seqs seqCheck
	for {
		line, n, err := readLine(br)
		l.Size += int64(n)
		if len(line) > 0 {
			lineNo++
			complete := err == nil
			l.EndsWithNewline = complete
			if t := bytes.TrimSpace(line); len(t) > 0 {
				var e Record
				if jerr := json.Unmarshal(t, &e); jerr != nil || e.Type == "" {
					if complete {
						l.Damaged = append(l.Damaged, lineNo)
					} else {
						l.Torn = true
					}
				} else {
					seqs.check(l, lineNo, e.Seq)
					if e.V > FormatVersion {
						l.Newer = max(l.Newer, e.V)
					}
					if e.Result != nil {
						for k, v := range e.Result.Facts {
							e.Result.Facts[k] = flows.Normalize(v)
						}
					}
					l.Entries = append(l.Entries, e)
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(l.Entries) == 0 {
		if lineNo == 0 {
			return nil, errors.New("the log is empty")
		}
		return nil, errors.New("this is not a deskside session log: no line of it could be read")
	}
	if l.Entries[0].Type != EventStart || l.Entries[0].Start == nil {
		return nil, errors.New("this is not a deskside session log: it does not begin with session-start")
	}
	if len(l.Damaged) > 0 || l.Torn {
		// A damaged line explains a jump; only repeats and steps back
		// are news then.
		l.Disorder = slices.DeleteFunc(l.Disorder, func(p SeqProblem) bool { return p.Seq > p.Prev })
	}
	return l, nil
}

// seqCheck follows sequence numbers through a journal as it is read.
type seqCheck struct {
	prev int
	seen map[int]bool
}

func (c *seqCheck) check(l *Log, line, seq int) {
	if c.seen == nil {
		c.seen = map[int]bool{}
	} else if seq != c.prev+1 {
		l.Disorder = append(l.Disorder, SeqProblem{Line: line, Seq: seq, Prev: c.prev, Repeat: c.seen[seq]})
	}
	c.seen[seq] = true
	c.prev = max(c.prev, seq)
}

// readLine reads up to and including the next newline and says how many
// bytes it consumed; a line longer than MaxLine is consumed and returned
// cut, so it reads as damaged.
func readLine(br *bufio.Reader) ([]byte, int, error) {
	var buf []byte
	n := 0
	for {
		chunk, err := br.ReadSlice('\n')
		n += len(chunk)
		if len(buf)+len(chunk) <= MaxLine {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return buf, n, err
	}
}

// Start returns the session-start record.
func (l *Log) Start() Start { return *l.Entries[0].Start }

// LastSeq returns the highest sequence number read.
func (l *Log) LastSeq() int {
	n := 0
	for _, e := range l.Entries {
		n = max(n, e.Seq)
	}
	return n
}

// Problems says in sentences what was wrong with the file.
func (l *Log) Problems() []string {
	var out []string
	if l.Torn {
		out = append(out, "the last line of the log was cut off (the PC may have lost power while writing); everything before it is kept")
	}
	if len(l.Damaged) > 0 {
		out = append(out, damagedLines(l.Damaged))
	}
	if len(l.Disorder) > 0 {
		out = append(out, describeDisorder(l.Disorder))
	}
	if l.Newer > 0 {
		out = append(out, fmt.Sprintf("part of the log was written by a newer deskside (log format %d, this one reads %d): what this version does not know is left out", l.Newer, FormatVersion))
	}
	return out
}

// damagedLines says which damaged lines were skipped: "1 damaged line was
// skipped (line 3)", "2 damaged lines were skipped (lines 3 and 7)".
func damagedLines(lines []int) string {
	nums := make([]string, len(lines))
	for i, n := range lines {
		nums[i] = fmt.Sprint(n)
	}
	if len(lines) == 1 {
		return "1 damaged line was skipped (line " + nums[0] + ")"
	}
	list := strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
	return fmt.Sprintf("%d damaged lines were skipped (lines %s)", len(lines), list)
}

// describeDisorder says in one sentence which lines are out of sequence,
// naming the first few.
func describeDisorder(ps []SeqProblem) string {
	var parts []string
	for _, p := range ps[:min(len(ps), 3)] {
		switch {
		case p.Repeat:
			parts = append(parts, fmt.Sprintf("line %d repeats number %d", p.Line, p.Seq))
		case p.Seq < p.Prev:
			parts = append(parts, fmt.Sprintf("line %d (number %d) comes after number %d", p.Line, p.Seq, p.Prev))
		default:
			parts = append(parts, fmt.Sprintf("line %d jumps from number %d to %d", p.Line, p.Prev, p.Seq))
		}
	}
	more := ""
	if len(ps) > 3 {
		more = fmt.Sprintf(" and %d more", len(ps)-3)
	}
	are := "lines of the log are"
	if len(ps) == 1 {
		are = "line of the log is"
	}
	return fmt.Sprintf("%d %s out of sequence (%s%s): lines were repeated, reordered or lost, for example by two programs writing at once or by editing; what is shown follows the file's order and may not be what happened",
		len(ps), are, strings.Join(parts, ", "), more)
}

// regularFile refuses anything at path but a regular file, saying what
// it is instead.
func regularFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("session: cannot open the log: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("session: %s is %s, not a session log; a session log is a regular .jsonl file", path, fileKind(fi.Mode()))
	}
	return nil
}

// fileKind names what a non-regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// MaxTreeFile bounds the tree file a log names: replay and resume load it
// from wherever the log says, and a log can be hostile.
const MaxTreeFile = 8 << 20

// RecordedTree checks the tree file a log names before replay or resume
// load it. It returns the path to load, or "" when no such file exists
// (the caller then uses the embedded tree). A device, FIFO, folder or a
// file over MaxTreeFile is refused with an error that says which.
func RecordedTree(path string) (string, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("session: cannot read the tree file %s that the log names: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("session: the tree file %s that the log names is %s; give the tree file with --flows", path, fileKind(fi.Mode()))
	}
	if fi.Size() > MaxTreeFile {
		return "", fmt.Errorf("session: the tree file %s that the log names is %d MB, over the %d MB a tree file may be; give the tree file with --flows", path, fi.Size()>>20, MaxTreeFile>>20)
	}
	return path, nil
}

// logFiles lists the session logs in dir: regular files named *.jsonl,
// sorted by name (the start time). FIFOs, devices, folders and links
// with that name are skipped: reading them could hang or never end.
func logFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range ents {
		if strings.HasSuffix(d.Name(), ".jsonl") && d.Type().IsRegular() {
			out = append(out, filepath.Join(dir, d.Name()))
		}
	}
	return out, nil
}
