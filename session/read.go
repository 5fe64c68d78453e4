package session

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

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
	// Newer is the highest format version read that is newer than this
	// deskside writes (0 when none): such lines are read as far as their
	// fields are known.
	Newer int
}

// MaxLine bounds one journal line; a longer one is treated as damaged.
const MaxLine = 8 << 20

// ReadFile reads a journal from disk.
func ReadFile(path string) (*Log, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("session: cannot open the log: %w", err)
	}
	defer f.Close()
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
	for {
		line, err := readLine(br)
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
	return l, nil
}

// readLine reads up to and including the next newline; a line longer
// than MaxLine is consumed and returned cut, so it reads as damaged.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) <= MaxLine {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			return buf, nil
		}
		return buf, err
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
		out = append(out, fmt.Sprintf("%d damaged line(s) were skipped (line %v)", len(l.Damaged), l.Damaged))
	}
	if l.Newer > 0 {
		out = append(out, fmt.Sprintf("part of the log was written by a newer deskside (log format %d, this one reads %d): what this version does not know is left out", l.Newer, FormatVersion))
	}
	return out
}
