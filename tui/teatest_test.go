package tui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"deskside/flows"
	"deskside/session"
)

// diskSessions opens real journals in dir, as deskside does.
func diskSessions(t *testing.T, dir string) (func(StartRequest) (Journal, error), *[]*session.Journal) {
	var opened []*session.Journal
	return func(req StartRequest) (Journal, error) {
		j, err := session.Create(dir, session.Start{Version: "test", TreeFile: "flows.yaml", StartNode: req.StartNode,
			Ticket: req.Ticket, Operator: req.Operator, OS: "linux"}, fixedNow)
		if err == nil {
			opened = append(opened, j)
			t.Cleanup(func() { j.Close() })
		}
		return j, err
	}, &opened
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestWizardEndToEnd drives the whole program by key presses: start,
// walk, go back twice, paste into a probe, add a note, resize to 60×20,
// reach the outcome, and quit. The journal written meanwhile is checked.
func TestWizardEndToEnd(t *testing.T) {
	dir := t.TempDir()
	o, _ := testOptions(t)
	open, opened := diskSessions(t, dir)
	o.NewSession = open
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(120, 40))

	waitFor(t, tm, "Start at")
	tm.Type("INC2468")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "What is the user seeing?")
	for _, k := range []string{"1", "1", "1"} {
		tm.Send(runes(k))
	}
	waitFor(t, tm, "Password reset: sign out")
	tm.Send(runes("b"))
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	waitFor(t, tm, "step 2, about 6 to go")
	tm.Send(runes("1"))
	tm.Send(runes("1"))
	tm.Send(runes("1"))
	waitFor(t, tm, "Method 1: remove stored credentials")
	tm.Send(runes("p"))
	waitFor(t, tm, "Ask the user to run cmdkey /list")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(cmdkeyPaste), Paste: true})
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "1 Office cached credential to remove in Method 1")
	tm.Send(runes("n"))
	tm.Type("cleared 1 entry, user restarted OneDrive")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Note saved.")
	tm.Send(tea.WindowSizeMsg{Width: 60, Height: 20})
	waitFor(t, tm, "1-9 answer")
	tm.Send(runes("1"))
	waitFor(t, tm, "RESOLVED")
	tm.Send(runes("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	final := tm.FinalModel(t).(Model)
	if final.screen != screenOutcome || final.c.width != 60 {
		t.Errorf("final screen %s at width %d", final.screen, final.c.width)
	}
	if len(*opened) != 1 {
		t.Fatalf("%d journals", len(*opened))
	}
	l, err := session.ReadFile((*opened)[0].Path())
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range l.Entries {
		switch e.Type {
		case flows.EventAnswer, flows.EventBack, flows.EventProbe, flows.EventNote, flows.EventOutcome, session.EventExport, session.EventEnd:
			kinds = append(kinds, string(e.Type))
		}
	}
	// The summary is written at the outcome and again as the call ends.
	want := "answer answer answer back back answer answer answer probe note answer outcome export export session-end"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("journal events:\n%s\nwant:\n%s", got, want)
	}
	s := session.Summarize(l)
	if s.Start.Ticket != "INC2468" || s.Outcome == nil || s.Outcome.Node != "resolved-method-1" || len(s.Notes) != 1 {
		t.Errorf("summary: ticket %q outcome %+v notes %d", s.Start.Ticket, s.Outcome, len(s.Notes))
	}
	if _, err := os.Stat(strings.TrimSuffix((*opened)[0].Path(), ".jsonl") + ".md"); err != nil {
		t.Errorf("no export beside the journal: %v", err)
	}
}

// TestWizardQuitWithConfirmation quits mid-session: the wizard asks, and
// after yes the log ends with the reason and says how to resume.
func TestWizardQuitWithConfirmation(t *testing.T) {
	dir := t.TempDir()
	o, _ := testOptions(t)
	open, opened := diskSessions(t, dir)
	o.NewSession = open
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(60, 20))
	waitFor(t, tm, "Start at")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "What is the user seeing?")
	tm.Send(runes("4"))
	waitFor(t, tm, "is it a 401?")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor(t, tm, "Quit deskside now?")
	tm.Send(runes("y"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	out, err := io.ReadAll(tm.FinalOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	// The last frame is empty and the cursor is given back: nothing of
	// the wizard is left on the operator's terminal.
	if !bytes.Contains(out, []byte("\x1b[?25h")) || bytes.Contains(out, []byte("Quit deskside now?")) || bytes.Contains(out, []byte("is it a 401?")) {
		t.Errorf("the wizard's last output leaves its screen or hides the cursor: %q", out)
	}
	l, err := session.ReadFile((*opened)[0].Path())
	if err != nil {
		t.Fatal(err)
	}
	last := l.Entries[len(l.Entries)-1]
	if last.Type != session.EventEnd || last.Reason != "quit" {
		t.Errorf("last entry %s %q", last.Type, last.Reason)
	}
	if got := filepath.Dir((*opened)[0].Path()); got != dir {
		t.Errorf("journal in %s", got)
	}
}
