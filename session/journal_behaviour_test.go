package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskside/flows"
)

// closeFailFile accepts every write and fails only when closed, as a
// network file system may report a lost write at close.
type closeFailFile struct{ strings.Builder }

var errClose = errors.New("stale file handle")

func (*closeFailFile) Sync() error  { return nil }
func (*closeFailFile) Close() error { return errClose }

// TestCloseReportsTheFileError: when everything was written but closing
// the file fails, Close says so instead of reporting success.
func TestCloseReportsTheFileError(t *testing.T) {
	f := &closeFailFile{}
	j := NewJournal(f, "s.jsonl", 0)
	if err := j.Append(flows.Event{Type: flows.EventNote, Node: "ask", Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); !errors.Is(err, errClose) {
		t.Errorf("Close = %v, want the file's close error", err)
	}
	if !strings.Contains(f.String(), `"text":"hello"`) {
		t.Errorf("the note was not written: %s", f.String())
	}
}

// TestMemoryJournal: a --no-log session says it keeps nothing on disk
// and still summarizes what was answered; a journal on disk does not
// claim to be in memory.
func TestMemoryJournal(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	j := NewMemoryJournal(Start{Ticket: "INC1", StartNode: "ask"}, at)
	if !j.InMemory() {
		t.Error("a memory journal says it is on disk")
	}
	if err := j.Append(flows.Event{Type: flows.EventNote, At: at.Add(time.Minute), Node: "ask", Title: "Ask", Text: "called back"}); err != nil {
		t.Fatal(err)
	}
	s, err := j.Summary()
	if err != nil {
		t.Fatal(err)
	}
	if s.Start.Ticket != "INC1" || len(s.Notes) != 1 || s.Notes[0].Text != "called back" {
		t.Errorf("summary: ticket %q, notes %+v", s.Start.Ticket, s.Notes)
	}
	d, err := Create(t.TempDir(), Start{StartNode: "ask"}, at)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.InMemory() {
		t.Error("a journal on disk says it is in memory")
	}
}

// TestCheckDir: a folder that can be written passes and is left as it
// was; a folder that cannot be made (a file is in the way) is refused
// with a sentence naming it.
func TestCheckDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	if err := CheckDir(dir); err != nil {
		t.Fatalf("CheckDir(%s) = %v", dir, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("CheckDir left %d file(s) behind", len(entries))
	}
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := CheckDir(filepath.Join(file, "logs"))
	if err == nil || !strings.Contains(err.Error(), "cannot create the log folder") {
		t.Errorf("CheckDir under a file = %v", err)
	}
}

// TestLockedErrorNamesTheLastWriter: the refusal names the process of the
// last session-start or resume record; a log whose records carry no
// process (written before they did) names none.
func TestLockedErrorNamesTheLastWriter(t *testing.T) {
	const start = `{"seq":1,"ts":"2026-11-23T09:30:23.000Z","type":"session-start"%s,"session":{"version":"0.1.0","start_node":"ask"}}` + "\n"
	const step = `{"seq":2,"ts":"2026-11-23T09:30:46.000Z","type":"step","node":"ask","title":"Ask?"}` + "\n"
	const resume = `{"seq":3,"ts":"2026-11-23T09:40:00.000Z","type":"resume","pid":222}` + "\n"
	cases := map[string]struct{ log, want string }{
		"started":           {fmt.Sprintf(start, `,"pid":111`) + step, "deskside process 111"},
		"resumed":           {fmt.Sprintf(start, `,"pid":111`) + step + resume, "deskside process 222"},
		"no process stored": {fmt.Sprintf(start, "") + step, "another deskside process"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.jsonl")
			if err := os.WriteFile(path, []byte(tc.log), 0o600); err != nil {
				t.Fatal(err)
			}
			err := lockedError(path)
			if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "is open in "+tc.want+",") {
				t.Errorf("lockedError = %v, want it to name %s", err, tc.want)
			}
		})
	}
}

// TestReopenWarnings: continuing a log in a private folder warns of
// nothing; in a folder others can read, of that alone.
func TestReopenWarnings(t *testing.T) {
	for mode, want := range map[os.FileMode]string{0o700: "", 0o755: "chmod 700"} {
		dir := filepath.Join(t.TempDir(), "logs")
		if err := os.Mkdir(dir, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
		j, err := Create(dir, Start{StartNode: "ask"}, at)
		if err != nil {
			t.Fatal(err)
		}
		must(t, j.Close())
		l, err := ReadFile(j.Path())
		if err != nil {
			t.Fatal(err)
		}
		r, err := Reopen(l)
		if err != nil {
			t.Fatal(err)
		}
		w := r.Warnings()
		r.Close()
		switch {
		case want == "" && len(w) != 0:
			t.Errorf("mode %o: warnings %q, want none", mode, w)
		case want != "" && (len(w) != 1 || !strings.Contains(w[0], want)):
			t.Errorf("mode %o: warnings %q, want one saying %q", mode, w, want)
		}
	}
}

// TestDescribeUnsaved: the list of events lost to a full disk names each
// in a few words, cutting a long answer to 40 characters with a sign.
func TestDescribeUnsaved(t *testing.T) {
	label40 := strings.Repeat("a", 40)
	label45 := strings.Repeat("b", 45)
	for want, r := range map[string]Record{
		"the answer “" + label40 + "” at step ask":                  {Type: flows.EventAnswer, Node: "ask", Label: label40},
		"the answer “" + strings.Repeat("b", 39) + "…” at step ask": {Type: flows.EventAnswer, Node: "ask", Label: label45},
		"step at step ask": {Type: flows.EventStep, Node: "ask"},
		"resume":           {Type: EventResume},
	} {
		if got := describe(r); got != want {
			t.Errorf("describe = %q, want %q", got, want)
		}
	}
}

// TestAfterClose: once closed, a journal has nothing left to flush, and
// an event appended after it is reported as not saved rather than
// silently kept in a buffer.
func TestAfterClose(t *testing.T) {
	j := NewMemoryJournal(Start{StartNode: "ask"}, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	must(t, j.Close())
	if err := j.Flush(); err != nil {
		t.Errorf("Flush after Close = %v, want nil: nothing is pending", err)
	}
	err := j.Append(flows.Event{Type: flows.EventNote, Node: "ask", Text: "late"})
	if !errors.Is(err, ErrPending) || !errors.Is(j.writeErr, os.ErrClosed) {
		t.Errorf("Append after Close = %v (write error %v), want one wrapping ErrPending for a closed log", err, j.writeErr)
	}
}

// refuseOnce fails its first write without writing a byte, then accepts
// everything.
type refuseOnce struct {
	strings.Builder
	refused bool
}

func (f *refuseOnce) Write(p []byte) (int, error) {
	if !f.refused {
		f.refused = true
		return 0, errors.New("no space left on device")
	}
	return f.Builder.Write(p)
}
func (*refuseOnce) Sync() error  { return nil }
func (*refuseOnce) Close() error { return nil }

// TestRefusedWriteLeavesNoBlankLine: a write the disk refused before
// writing anything leaves no torn line, so the retry writes the record
// at the start of the file, with no empty line before it.
func TestRefusedWriteLeavesNoBlankLine(t *testing.T) {
	f := &refuseOnce{}
	j := NewJournal(f, "s.jsonl", 0)
	if err := j.Append(flows.Event{Type: flows.EventNote, Node: "ask", Text: "first"}); !errors.Is(err, ErrPending) {
		t.Fatalf("refused write: %v", err)
	}
	must(t, j.Flush())
	if got := f.String(); !strings.HasPrefix(got, `{"v":`) || strings.Count(got, "\n") != 1 {
		t.Errorf("log after the retry = %q, want one record starting the file", got)
	}
}

// TestDefaultDirWindowsProfile: on Windows without LOCALAPPDATA the logs
// go under the user's profile, where LOCALAPPDATA normally points.
func TestDefaultDirWindowsProfile(t *testing.T) {
	env := map[string]string{"USERPROFILE": `C:\Users\a`}
	got, err := DefaultDir("windows", func(k string) string { return env[k] })
	if want := filepath.Join(`C:\Users\a`, "AppData", "Local", "deskside", "sessions"); err != nil || got != want {
		t.Errorf("DefaultDir = %q, %v; want %q", got, err, want)
	}
}

// TestPathAnswers: every answer on the path is offered to the escalation
// packet (which fixes were tried, what each answer established), numbered
// by its step on the path.
func TestPathAnswers(t *testing.T) {
	sets := map[string]any{"http.status": 401}
	got := PathAnswers([]flows.Step{
		{Node: "a", Label: "It started today"},
		{Node: "b", Label: "Yes, 401", Sets: sets},
	})
	if len(got) != 2 || got[0].Step != 1 || got[0].Label != "It started today" || len(got[0].Sets) != 0 ||
		got[1].Step != 2 || got[1].Label != "Yes, 401" || got[1].Sets["http.status"] != 401 {
		t.Errorf("PathAnswers = %+v, want both answers, numbered 1 and 2, with step 2's facts", got)
	}
}

// TestShortValue: a fact's value in an export is kept whole up to 120
// characters, on one line, and cut with a sign beyond.
func TestShortValue(t *testing.T) {
	v120 := strings.Repeat("x", 120)
	for in, want := range map[string]string{
		v120:         v120,
		v120 + "y":   strings.Repeat("x", 119) + "…",
		"two\nlines": "two lines",
	} {
		if got := shortValue(in); got != want {
			t.Errorf("shortValue(%.20q…) = %.20q…, want %.20q…", in, got, want)
		}
	}
}
