package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// File is what a journal writes to: an *os.File, or a stand-in that fails
// in tests of a full disk.
type File interface {
	io.Writer
	Sync() error
	Close() error
}

// Journal is one session's log on disk: JSON Lines, one record a line,
// each written and fsynced before the caller moves on, so killing the
// process at any moment loses nothing already answered. Every record is
// redacted before it is written. While a session is live its log is
// locked, so a second deskside cannot append to it.
type Journal struct {
	mu       sync.Mutex
	path     string
	f        File
	mem      *bytes.Buffer // the whole journal, for a session kept in memory only
	pid      int           // recorded on session-start and resume; 0 in memory
	seq      int
	pending  []unsaved // records not yet on disk, oldest first
	partial  bool      // a failed write left part of a line on disk
	closed   bool
	writeErr error // why the last write failed
	counts   map[string]int
	warnings []string
	call     callTime
}

// unsaved is a record waiting for the disk: its line, and what it was,
// to tell the operator what would be lost.
type unsaved struct {
	line []byte
	what string
}

// ErrPending wraps a write failure after which the journal still holds
// unwritten events in memory; the next Append or Flush retries them.
var ErrPending = errors.New("they are kept in memory until they can be written")

// ErrUnsaved is wrapped by Close when events could not be written before
// the journal closed: they are lost, and the session must not be taken
// as complete.
var ErrUnsaved = errors.New("events were not saved")

// ErrLocked is returned by Create and Reopen when another live deskside
// process holds the log; the message names that process.
var ErrLocked = errors.New("the session log is in use by another deskside")

// errHeld is what lockFile returns when another holder has the lock.
var errHeld = errors.New("the lock is held by another process")

// sameSecond bounds the session logs with one ticket started in one
// folder within one second: the file name tells them apart with -2…-99.
const sameSecond = 99

var unsafeName = lazyRegexp(`[^A-Za-z0-9._-]+`)

// FileName is the journal's file name: the UTC start time and the ticket
// ID, with only characters that are safe on every file system.
func FileName(start time.Time, ticket string) string {
	name := start.UTC().Format("20060102T150405Z")
	if t := strings.Trim(unsafeName().ReplaceAllString(ticket, "_"), "._-"); t != "" {
		t = t[:min(len(t), 64)]
		name += "-" + t
	}
	return name + ".jsonl"
}

// Create starts a new journal in dir, creating dir (mode 0700) if needed,
// locks it and writes the session-start line. It fails before the first
// step if the log cannot be written, so the operator knows at once.
// Warnings says what the operator should know but that does not stop
// the session (a folder others can read, a lock the system refused).
func Create(dir string, st Start, at time.Time) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("session: cannot create the log folder %s: %w", dir, err)
	}
	ticket, _ := RedactField(st.Ticket)
	base := FileName(at, ticket)
	var f *os.File
	var err error
	var path string
	for i := 1; i <= sameSecond; i++ {
		path = filepath.Join(dir, base)
		if i > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.jsonl", strings.TrimSuffix(base, ".jsonl"), i))
		}
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
		if !errors.Is(err, os.ErrExist) {
			break
		}
	}
	if errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("session: %d sessions with this ticket were already started in %s within this second (%s to -%d); wait a second and start again: %w",
			sameSecond, dir, base, sameSecond, err)
	}
	if err != nil {
		return nil, fmt.Errorf("session: cannot write a log in %s: %w", dir, err)
	}
	j := &Journal{path: path, f: f, pid: os.Getpid()}
	if w := FolderWarning(dir); w != "" {
		j.warnings = append(j.warnings, w)
	}
	if err := lockFile(f); err != nil {
		// Nobody else can know this new name yet; a system without locks
		// still gets its session, with a warning.
		j.warnings = append(j.warnings, fmt.Sprintf("the log %s could not be locked (%v), so a second deskside could write to it at once", path, err))
	}
	if err := j.AppendEntry(Entry{TS: Stamp(at), Event: flows.Event{Type: EventStart}, Start: &st}); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("session: cannot write a log in %s: %w", dir, err)
	}
	return j, nil
}

// FolderWarning says, when dir lets other users of the PC in (group or
// other permission bits), that the logs there can be read by them; ""
// when it does not, or on Windows, whose folders have no such bits. The
// folder is not changed: a team may share it on purpose.
func FolderWarning(dir string) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("the log folder %s can be opened by other users of this PC (mode %04o), and the logs hold details of calls; to keep them private: chmod 700 %s",
		dir, fi.Mode().Perm(), dir)
}

// CheckDir makes sure session logs can be written in dir, creating it if
// needed, so that a folder that cannot be written is reported before the
// first step rather than at the end of the call.
func CheckDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("session: cannot create the log folder %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".deskside-check-*")
	if err != nil {
		return fmt.Errorf("session: cannot write a log in %s: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// Reopen continues an existing journal, as resume does: it locks the log
// (ErrLocked, naming the process, when another deskside has it), checks
// that nothing was appended since log was read, and appends new records
// after the last one read. A torn last line is closed off first so the
// next record starts on a line of its own.
func Reopen(log *Log) (*Journal, error) {
	if err := regularFile(log.Path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(log.Path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("session: cannot continue the log %s: %w", log.Path, err)
	}
	j := &Journal{path: log.Path, f: f, pid: os.Getpid(), seq: log.LastSeq(), partial: !log.EndsWithNewline}
	if err := lockFile(f); errors.Is(err, errHeld) {
		f.Close()
		return nil, lockedError(log.Path)
	} else if err != nil {
		j.warnings = append(j.warnings, fmt.Sprintf("the log %s could not be locked (%v), so a second deskside could write to it at once", log.Path, err))
	}
	if fi, err := f.Stat(); err == nil && fi.Size() != log.Size {
		f.Close()
		return nil, fmt.Errorf("session: the log %s changed after it was read (another deskside wrote to it); run resume again to continue from its end", log.Path)
	}
	if w := FolderWarning(filepath.Dir(log.Path)); w != "" {
		j.warnings = append(j.warnings, w)
	}
	for _, e := range log.Entries {
		j.call.add(e.Type, e.TS.Time())
	}
	return j, nil
}

// lockedError names the process that holds the log, from the last
// session-start or resume record it wrote.
func lockedError(path string) error {
	who := "another deskside process"
	if l, err := ReadFile(path); err == nil {
		for _, e := range slices.Backward(l.Entries) {
			if e.PID > 0 && (e.Type == EventStart || e.Type == EventResume) {
				who = fmt.Sprintf("deskside process %d", e.PID)
				break
			}
		}
	}
	return fmt.Errorf("session: %s is open in %s, which is still on that call; finish or quit it there (if that process is gone, try again): %w", path, who, ErrLocked)
}

// NewMemoryJournal keeps a session in memory only (--no-log): nothing is
// written to disk, but the session can still be summarized and copied.
func NewMemoryJournal(st Start, at time.Time) *Journal {
	buf := &bytes.Buffer{}
	j := &Journal{f: memFile{buf}, mem: buf}
	_ = j.AppendEntry(Entry{TS: Stamp(at), Event: flows.Event{Type: EventStart}, Start: &st})
	return j
}

type memFile struct{ *bytes.Buffer }

func (memFile) Sync() error  { return nil }
func (memFile) Close() error { return nil }

// InMemory reports whether the journal keeps nothing on disk.
func (j *Journal) InMemory() bool { return j.mem != nil }

// Summary reads the journal back and summarizes it. It fails while
// events wait for the disk: a summary would leave them out.
func (j *Journal) Summary() (*Summary, error) {
	if err := j.Flush(); err != nil {
		return nil, err
	}
	if j.mem != nil {
		j.mu.Lock()
		data := bytes.Clone(j.mem.Bytes())
		j.mu.Unlock()
		l, err := Read(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return Summarize(l), nil
	}
	l, err := ReadFile(j.path)
	if err != nil {
		return nil, err
	}
	return Summarize(l), nil
}

// NewJournal wraps an open file; tests use it to simulate a failing disk.
// It takes no lock.
func NewJournal(f File, path string, seq int) *Journal {
	return &Journal{path: path, f: f, seq: seq}
}

// Path returns the journal's file name.
func (j *Journal) Path() string { return j.path }

// Warnings returns what the operator should be told about this log that
// does not stop the session: a folder other users can read, a lock the
// system refused. Drivers print them once, when the session opens.
func (j *Journal) Warnings() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.warnings)
}

// Redactions returns what was masked in this journal so far, by kind.
func (j *Journal) Redactions() map[string]int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return addCounts(nil, j.counts)
}

// Unsaved returns how many events wait in memory for the disk. While it
// is not zero the session is not safely recorded: drivers must not
// declare an outcome complete.
func (j *Journal) Unsaved() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending)
}

// Append writes the walk's events, one line and one fsync each. When the
// disk refuses, the events are kept in memory and the error wraps
// ErrPending; the next write retries them in order.
func (j *Journal) Append(evs ...flows.Event) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, ev := range evs {
		j.add(recordOf(ev))
	}
	return j.flush()
}

// AppendEntry writes one session entry (start, export, end, resume).
func (j *Journal) AppendEntry(e Entry) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.add(e.record())
	return j.flush()
}

// Flush retries writing the events kept in memory.
func (j *Journal) Flush() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.flush()
}

// Close writes what it can, closes the file and releases the lock. When
// events could still not be written, they are lost with the process: the
// error wraps ErrUnsaved, lists them, and says what to do (free space,
// then resume the log, which continues from the last saved step). Closing
// twice is harmless.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return nil
	}
	err := j.flush()
	j.closed = true
	cerr := j.f.Close()
	if len(j.pending) > 0 {
		what := make([]string, len(j.pending))
		for i, p := range j.pending {
			what[i] = p.what
		}
		return fmt.Errorf("session: %s could not be written to %s and will be lost: %s (%v). Free space on the disk, then resume the session; it continues from the last saved step: %w",
			plural(len(j.pending), "event", "events"), j.path, lostList(what, 6), j.writeErr, ErrUnsaved)
	}
	if err != nil {
		return err
	}
	return cerr
}

func (j *Journal) add(e Record) {
	j.seq++
	e.V, e.Seq = FormatVersion, j.seq
	if e.Type == EventStart || e.Type == EventResume {
		e.PID = j.pid
	}
	redactEntry(&e)
	j.counts = addCounts(j.counts, e.Redacted)
	j.call.add(e.Type, e.TS.Time())
	b, err := json.Marshal(e)
	if err != nil {
		// Only plain values go in; a failure here is a bug, and the entry
		// is still recorded as text rather than lost.
		b, _ = json.Marshal(Record{V: FormatVersion, Seq: e.Seq, TS: e.TS, Type: e.Type, Text: "unrecordable entry: " + err.Error()})
	}
	j.pending = append(j.pending, unsaved{line: append(SafeJSON(b), '\n'), what: describe(e)})
}

// describe names a record in a few words, for the list of what was not
// saved.
func describe(e Record) string {
	switch e.Type {
	case flows.EventAnswer:
		return fmt.Sprintf("the answer %s at step %s", flows.Quote(probes.Shorten(e.Label, 40)), e.Node)
	case flows.EventProbe:
		return fmt.Sprintf("the %s check at step %s", e.Probe, e.Node)
	case flows.EventNote:
		return fmt.Sprintf("a note at step %s", e.Node)
	case flows.EventBack:
		return fmt.Sprintf("going back to step %s", e.Node)
	case flows.EventOutcome:
		return fmt.Sprintf("the outcome %s (%s)", e.Outcome, e.Node)
	case EventEnd:
		return fmt.Sprintf("the end of the session (%s)", e.Reason)
	case EventExport:
		return "the record of the export " + e.Path
	}
	if e.Node != "" {
		return fmt.Sprintf("%s at step %s", e.Type, e.Node)
	}
	return string(e.Type)
}

// lostList names unsaved events for a message an operator reads: equal
// descriptions once with their count, in the order they happened, and at
// most max of them, the rest counted.
func lostList(what []string, max int) string {
	var order []string
	count := map[string]int{}
	for _, w := range what {
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	var parts []string
	rest := 0
	for i, w := range order {
		if i >= max {
			rest += count[w]
			continue
		}
		if c := count[w]; c > 1 {
			w = fmt.Sprintf("%s (%d times)", w, c)
		}
		parts = append(parts, w)
	}
	switch {
	case rest == 1:
		parts = append(parts, "1 more event")
	case rest > 1:
		parts = append(parts, fmt.Sprintf("%d more events", rest))
	}
	return strings.Join(parts, "; ")
}

func (j *Journal) flush() error {
	if j.closed && len(j.pending) > 0 {
		return j.failed(os.ErrClosed)
	}
	for len(j.pending) > 0 {
		if j.partial {
			if _, err := j.f.Write([]byte{'\n'}); err != nil {
				return j.failed(err)
			}
			j.partial = false
		}
		line := j.pending[0].line
		n, err := j.f.Write(line)
		if err != nil {
			if n > 0 {
				j.partial = true
			}
			return j.failed(err)
		}
		j.pending = j.pending[1:]
		if err := j.f.Sync(); err != nil {
			return fmt.Errorf("session: the log %s was written but not confirmed on disk: %w", j.path, err)
		}
	}
	return nil
}

func (j *Journal) failed(err error) error {
	j.writeErr = err
	are := plural(len(j.pending), "event is", "events are")
	return fmt.Errorf("session: cannot write the log %s (%v); %s not on disk yet: %w", j.path, err, are, ErrPending)
}

// DefaultDir is where session logs go when --log-dir is not given: the
// user's state directory on Linux, local app data on Windows, Application
// Support on macOS.
func DefaultDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "deskside", "sessions"), nil
		}
		if d := getenv("USERPROFILE"); d != "" {
			return filepath.Join(d, "AppData", "Local", "deskside", "sessions"), nil
		}
	case "darwin":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support", "deskside", "sessions"), nil
		}
	default:
		if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "deskside", "sessions"), nil
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".local", "state", "deskside", "sessions"), nil
		}
	}
	return "", errors.New("session: cannot tell where to keep session logs (no home folder is set): give one with --log-dir, or run with --no-log")
}

// ExportBeside writes the Markdown export next to the journal (the same
// name with .md), records an export entry, and returns the file's path
// and what the export pass masked. The wizard calls it at an outcome.
func (j *Journal) ExportBeside(at time.Time) (string, map[string]int, error) {
	if j.mem != nil {
		return "", nil, errors.New("session: no log folder is used (--no-log), so there is nowhere to write the export; copy it instead")
	}
	sum, err := j.Summary()
	if err != nil {
		return "", nil, err
	}
	out, counts, err := Export(sum, FormatMarkdown)
	if err != nil {
		return "", nil, err
	}
	path := strings.TrimSuffix(j.path, filepath.Ext(j.path)) + ".md"
	if err := writeBeside(path, out); err != nil {
		return "", nil, fmt.Errorf("session: cannot write the export %s: %w", path, err)
	}
	err = j.AppendEntry(Entry{TS: Stamp(at), Event: flows.Event{Type: EventExport}, Path: path, Format: string(FormatMarkdown)})
	return path, counts, err
}
