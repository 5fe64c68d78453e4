package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
)

// writeFailure is a journal write that failed (a full disk, a removed
// folder). The wizard stops on it: a call must never go on as if its log
// were being kept when it is not.
type writeFailure struct {
	err     error
	what    []string // what was not written, oldest first
	unsaved int      // events the journal holds in memory
	path    string
}

// failed shows the blocking error screen for a failed journal write, or
// adds to the one already shown.
func (m *Model) failed(err error, what []string) {
	f := m.failure
	if f == nil {
		f = &writeFailure{}
	}
	f.err = err
	f.what = append(f.what, what...)
	if m.journal != nil {
		f.unsaved = unsaved(m.journal)
		f.path = m.journal.Path()
	}
	m.failure = f
	m.dialog = nil
}

func (m Model) failureKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Retry):
		m.status = "Trying to write the log again…"
		return m, m.writer.submit(writeReq{kind: writeFlush, j: m.journal})
	case key.Matches(msg, k.Quit), key.Matches(msg, k.ForceQ):
		// The log already says everything up to the failure; what is in
		// memory cannot be written, so quitting does not wait for it.
		m.quitErr = fmt.Errorf("the session log %s could not be written: %w", m.failure.path, m.failure.err)
		m.quitting = true
		return m, tea.Quit
	}
	return m, nil
}

// failureView says what was not saved and what to do about it.
func (m Model) failureView() string {
	s := m.c.styles
	f := m.failure
	w := m.c.width
	var b strings.Builder
	b.WriteString(s.Error.Render(wrapText("The session log could not be written.", w)) + "\n\n")
	b.WriteString(wrapText(safe(f.err.Error()), w) + "\n\n")
	n := f.unsaved
	if n == 0 {
		n = len(f.what)
	}
	b.WriteString(s.Label.Render(wrapText(fmt.Sprintf("Not saved yet (%s, kept in memory):", plural(n, "event", "events")), w)) + "\n")
	what := f.what
	if len(what) > 6 {
		what = append(what[:5:5], fmt.Sprintf("and %d more", len(f.what)-5))
	}
	for _, x := range what {
		b.WriteString(hanging("• "+x, w, 2) + "\n")
	}
	dir := filepath.Dir(f.path)
	if f.path == "" {
		dir = "the log folder"
	}
	b.WriteString("\n" + s.Label.Render("What to do") + "\n")
	b.WriteString(hanging(fmt.Sprintf("1. Free some space on the disk that holds %s (or fix what the message above says), then press r to write them.", dir), w, 3) + "\n")
	b.WriteString(hanging(fmt.Sprintf("2. If that cannot be done now, press q: the log keeps everything before these, and the session continues with: deskside resume %s", f.path), w, 3))
	help := m.c.styles.Label.Render("r") + s.Muted.Render(" write again • ") + s.Label.Render("q") + s.Muted.Render(" quit")
	body := fitHeight(b.String(), m.c.height-2)
	status := ""
	if m.status != "" {
		status = s.Warn.Render(truncate(m.status, w))
	}
	return body + "\n" + status + "\n" + help
}

// describeEvents says in words what a batch of walk events records, for
// the error screen's list of what was not saved.
func describeEvents(evs []flows.Event) []string {
	var out []string
	for _, ev := range evs {
		switch ev.Type {
		case flows.EventAnswer:
			out = append(out, fmt.Sprintf("your answer “%s” at “%s”", safeLine(ev.Label), safeLine(stepTitle(ev))))
		case flows.EventBack:
			out = append(out, "going back to "+ev.Node)
		case flows.EventProbe:
			out = append(out, fmt.Sprintf("the result of the %s check", ev.Probe))
		case flows.EventNote:
			out = append(out, fmt.Sprintf("your note “%s”", truncate(safeLine(ev.Text), 40)))
		case flows.EventOutcome:
			out = append(out, fmt.Sprintf("the outcome “%s”", safeLine(ev.Title)))
		}
	}
	return out
}

func stepTitle(ev flows.Event) string {
	if ev.Title != "" {
		return ev.Title
	}
	return ev.Node
}
