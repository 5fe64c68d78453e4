package tui

import (
	"bytes"
	"encoding/base64"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"deskside/flows"
	"deskside/session"
)

// outcomeStart opens the wizard on a walk whose first step is an outcome,
// as `deskside run --flows F --flow X` does when X starts at one.
func outcomeStart(t *testing.T) (Options, *session.Journal) {
	t.Helper()
	o, _ := testOptions(t)
	dir := t.TempDir()
	j, err := session.Create(dir, session.Start{Version: "test", TreeFile: "flows.yaml", StartNode: "resolved-method-1", OS: "linux"}, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	w, evs := flows.NewWalkAt(o.Tree, "resolved-method-1", o.Now)
	if err := j.Append(evs...); err != nil {
		t.Fatal(err)
	}
	o.Walk, o.Journal = w, j
	return o, j
}

// TestOutcomeStartQuitsOnQ is the hang of issue 12: a walk that starts at
// its outcome wrote its export from New, and every later write and the
// quit waited for it forever.
func TestOutcomeStartQuitsOnQ(t *testing.T) {
	o, j := outcomeStart(t)
	var m tea.Model = New(o)
	m, _ = drain(t, m, m.Init())
	m = sized(t, m, 120, 40)
	m, cmd := m.Update(runes("q"))
	if _, quit := drain(t, m, cmd); !quit {
		t.Fatal("q did not quit at an outcome the walk started on")
	}
	l, err := session.ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range l.Entries {
		kinds = append(kinds, string(e.Type))
	}
	// The summary is written at the outcome and again as the call ends.
	if got := strings.Join(kinds, " "); got != "session-start step outcome export export session-end" {
		t.Errorf("journal: %s", got)
	}
}

// TestOutcomeStartQuitsOnQProgram runs the same through a real program.
func TestOutcomeStartQuitsOnQProgram(t *testing.T) {
	o, _ := outcomeStart(t)
	o.After = nil // real time
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "RESOLVED")
	tm.Send(runes("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// slowJournal answers every write late, as a slow disk would.
type slowJournal struct {
	*session.Journal
}

func (s slowJournal) Append(evs ...flows.Event) error {
	time.Sleep(20 * time.Millisecond)
	return s.Journal.Append(evs...)
}

// TestCopyAfterQueuedWrites presses keys faster than the journal writes
// them: the copied summary still holds every one of them, because it is
// read back after them, not from Update.
func TestCopyAfterQueuedWrites(t *testing.T) {
	o, _ := testOptions(t)
	clip := &bytes.Buffer{}
	o.Clipboard = clip
	inner := o.NewSession
	o.NewSession = func(r StartRequest) (Journal, error) {
		j, err := inner(r)
		return slowJournal{j.(*session.Journal)}, err
	}
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, enter)
	var cmds []tea.Cmd
	for _, k := range []tea.KeyMsg{runes("n"), runes("the user is on the VPN"), enter, runes("7"), runes("c")} {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		cmds = append(cmds, cmd)
	}
	m, _ = drain(t, m, tea.Batch(cmds...))
	wantDialog(t, root(m), "Copy the Markdown summary")
	if s := root(press(t, m, runes("y"))).status; !strings.Contains(s, "Copied the Markdown summary") {
		t.Errorf("status %q", s)
	}
	seq := clip.String()
	if !strings.HasPrefix(seq, "\x1b]52;c;") || !strings.HasSuffix(seq, "\a") {
		t.Fatalf("clipboard got %q", seq)
	}
	md, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\a"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"the user is on the VPN", "Not this problem", "Path taken"} {
		if !strings.Contains(strings.ToUpper(string(md)), strings.ToUpper(want)) {
			t.Errorf("the copied summary lacks %q:\n%s", want, md)
		}
	}
}

func TestCopyInsideTmux(t *testing.T) {
	var b bytes.Buffer
	env := map[string]string{"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen-256color"}
	if _, err := copyOSC52(&b, []byte("hi"), func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "\x1bPtmux;\x1b\x1b]52;c;aGk=\a\x1b\\" {
		t.Errorf("inside tmux the copy is %q", got)
	}
}

// fullDisk fails every write with ENOSPC until it is given room.
type fullDisk struct {
	mu   sync.Mutex
	full bool
	buf  bytes.Buffer
}

func (d *fullDisk) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.full {
		return 0, syscall.ENOSPC
	}
	return d.buf.Write(p)
}
func (d *fullDisk) Sync() error  { return nil }
func (d *fullDisk) Close() error { return nil }

func (d *fullDisk) setFull(b bool) {
	d.mu.Lock()
	d.full = b
	d.mu.Unlock()
}

// TestFullDiskStopsTheCall fills the disk mid-call: the wizard stops on a
// screen that says what was not saved and what to do, takes no answer
// meanwhile, carries on once the disk has room, and quitting with the
// disk still full reports the failure.
func TestFullDiskStopsTheCall(t *testing.T) {
	o, _ := testOptions(t)
	disk := &fullDisk{}
	path := filepath.Join("/var/log/deskside", "20261123T093000Z.jsonl")
	o.NewSession = func(StartRequest) (Journal, error) { return session.NewJournal(disk, path, 1), nil }
	var m tea.Model = New(o)
	m = sized(t, m, 60, 20)
	m = press(t, m, enter)
	disk.setFull(true)
	m = press(t, m, runes("1"))
	v := m.View()
	for _, want := range []string{"The session log could not be written.", "no space left on device", "Not saved yet",
		"your answer “OneDrive pop-up", "Free some space on the disk that holds", "/var/log/deskside", "press r", "deskside resume " + path} {
		if !strings.Contains(strings.ReplaceAll(v, "\n", " "), want) {
			t.Errorf("the error screen lacks %q:\n%s", want, v)
		}
	}
	if root(m).status != "" && strings.Contains(v, "Log warning") {
		t.Error("the failure is a status line, not a screen")
	}
	if n := len(strings.Split(v, "\n")); n != 20 {
		t.Errorf("%d lines at 60×20", n)
	}
	m = press(t, m, runes("1"))
	if id := root(m).walk.Current().ID; id != "od-connectivity" {
		t.Errorf("an answer was taken on the error screen: at %s", id)
	}
	m = press(t, m, runes("r"))
	if root(m).failure == nil {
		t.Fatal("r with the disk still full closed the error screen")
	}
	disk.setFull(false)
	m = press(t, m, runes("r"))
	if root(m).failure != nil {
		t.Fatalf("the error screen stayed after the write succeeded:\n%s", m.View())
	}
	if !strings.Contains(disk.buf.String(), `"label":"OneDrive pop-up`) {
		t.Errorf("the answer kept in memory was not written:\n%s", disk.buf.String())
	}
	disk.setFull(true)
	m = press(t, m, runes("1"))
	m, cmd := m.Update(runes("q"))
	m, quit := drain(t, m, cmd)
	if !quit {
		t.Fatal("q on the error screen did not quit")
	}
	if err := root(m).Err(); err == nil || !errors.Is(err, session.ErrPending) {
		t.Errorf("Err() = %v, want the failed write", err)
	}
}
