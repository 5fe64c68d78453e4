package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"deskside/flows"
)

// File is what a journal writes to: an *os.File, or a stand-in that fails
// in tests of a full disk.
type File interface {
	io.Writer
	Sync() error
	Close() error
}

// Journal is one session's log on disk: JSON Lines, one event a line,
// each written and fsynced before the caller moves on, so killing the
// process at any moment loses nothing already answered. Every entry is
// redacted before it is written.
type Journal struct {
	mu      sync.Mutex
	path    string
	f       File
	mem     *bytes.Buffer // the whole journal, for a session kept in memory only
	seq     int
	pending [][]byte // lines not yet on disk, oldest first
	partial bool     // a failed write left part of a line on disk
	counts  map[string]int
}

// ErrPending wraps a write failure after which the journal still holds
// unwritten events in memory; the next Append or Flush retries them.
var ErrPending = errors.New("events are kept in memory until they can be written")

var unsafeName = lazyRegexp(`[^A-Za-z0-9._-]+`)

// FileName is the journal's file name: the UTC start time and the ticket
// ID, with only characters that are safe on every file system.
func FileName(start time.Time, ticket string) string {
	name := start.UTC().Format("20060102T150405Z")
	if t := strings.Trim(unsafeName().ReplaceAllString(ticket, "_"), "._-"); t != "" {
		if len(t) > 64 {
			t = t[:64]
		}
		name += "-" + t
	}
	return name + ".jsonl"
}

// Create starts a new journal in dir, creating dir (mode 0700) if needed,
// and writes the session-start line. It fails before the first step if
// the log cannot be written, so the operator knows at once.
func Create(dir string, st Start, at time.Time) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("session: cannot create the log folder %s: %w", dir, err)
	}
	ticket, _ := RedactField(st.Ticket)
	base := FileName(at, ticket)
	var f *os.File
	var err error
	var path string
	for i := 1; i < 100; i++ {
		path = filepath.Join(dir, base)
		if i > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.jsonl", strings.TrimSuffix(base, ".jsonl"), i))
		}
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
		if !errors.Is(err, os.ErrExist) {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("session: cannot write a log in %s: %w", dir, err)
	}
	j := &Journal{path: path, f: f}
	if err := j.AppendEntry(Entry{TS: Stamp(at), Event: flows.Event{Type: EventStart}, Start: &st}); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("session: cannot write a log in %s: %w", dir, err)
	}
	return j, nil
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

// Reopen continues an existing journal, as resume does: new entries are
// appended after the last one read. A torn last line is closed off first
// so the next entry starts on a line of its own.
func Reopen(log *Log) (*Journal, error) {
	f, err := os.OpenFile(log.Path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("session: cannot continue the log %s: %w", log.Path, err)
	}
	j := &Journal{path: log.Path, f: f, seq: log.LastSeq(), partial: !log.EndsWithNewline}
	return j, nil
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

// Summary reads the journal back and summarizes it.
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
func NewJournal(f File, path string, seq int) *Journal {
	return &Journal{path: path, f: f, seq: seq}
}

// Path returns the journal's file name.
func (j *Journal) Path() string { return j.path }

// Redactions returns what was masked in this journal so far, by kind.
func (j *Journal) Redactions() map[string]int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return addCounts(nil, j.counts)
}

// Pending returns how many events wait in memory for the disk.
func (j *Journal) Pending() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending)
}

// Append writes the walk's events, one line and one fsync each.
func (j *Journal) Append(evs ...flows.Event) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, ev := range evs {
		j.add(Entry{TS: Stamp(ev.At), Event: ev})
	}
	return j.flush()
}

// AppendEntry writes one session entry (start, export, end, resume).
func (j *Journal) AppendEntry(e Entry) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if e.Event.At.IsZero() {
		e.Event.At = e.TS.Time()
	}
	j.add(e)
	return j.flush()
}

// Flush retries writing the events kept in memory.
func (j *Journal) Flush() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.flush()
}

// Close writes what it can and closes the file.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	err := j.flush()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (j *Journal) add(e Entry) {
	j.seq++
	e.Seq = j.seq
	redactEntry(&e)
	j.counts = addCounts(j.counts, e.Redacted)
	b, err := json.Marshal(e)
	if err != nil {
		// Only plain values go in; a failure here is a bug, and the entry
		// is still recorded as text rather than lost.
		b, _ = json.Marshal(Entry{Seq: e.Seq, TS: e.TS, Event: flows.Event{Type: e.Type, Text: "unrecordable entry: " + err.Error()}})
	}
	j.pending = append(j.pending, append(escapeJSONUnsafe(b), '\n'))
}

func (j *Journal) flush() error {
	for len(j.pending) > 0 {
		if j.partial {
			if _, err := j.f.Write([]byte{'\n'}); err != nil {
				return j.failed(err)
			}
			j.partial = false
		}
		line := j.pending[0]
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
	return fmt.Errorf("session: cannot write the log %s (%v); %d event(s) %w", j.path, err, len(j.pending), ErrPending)
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
