package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/session"
)

// outcomeAction is what the outcome screen asks the root for.
type outcomeAction struct {
	kind outcomeKind
	text string // a closing note
	// maskUsers asks for the copy with user names masked
	// (session.MaskUsers), for a ticket read outside the team.
	maskUsers bool
}

type outcomeKind int

const (
	outNone outcomeKind = iota
	outExport
	outCopy
	outNew
	outBack // take back the last answer: an amendment
	outNote // add a closing note
)

// outcomeModel is the last screen: the result in large type, the summary,
// the escalation packet, the path taken, and what to do with the log.
type outcomeModel struct {
	c      *common
	opts   Options
	node   *flows.Node
	path   []flows.Step
	packet []session.PacketItem
	score  string
	vp     viewport.Model
	// exported is where the Markdown summary was written, once it is.
	exported string
	// onDisk says the session's log is kept on disk, so the summary is
	// written beside it.
	onDisk bool
	// changed is set when a closing note came after the summary was
	// written: e writes it again.
	changed bool
	noting  bool
	note    textinput.Model
}

func newOutcomeModel(c *common, o Options, w *flows.Walk) outcomeModel {
	ni := textinput.New()
	ni.Cursor.SetMode(cursor.CursorStatic)
	ni.Placeholder = "how the call ended, what the user will do next…"
	ni.CharLimit = 2000
	m := outcomeModel{c: c, opts: o, node: w.Current(), path: w.Path(), note: ni, packet: outcomePacket(w)}
	m.setSize()
	return m
}

func (m *outcomeModel) setSize() {
	if m.node == nil {
		return
	}
	m.vp.Width = m.c.width
	m.vp.Height = max(m.c.height-2, 3)
	m.note.Width = max(m.c.width-10, 10)
	m.vp.SetContent(m.render(m.c.width))
}

func (m outcomeModel) typing() bool { return m.noting }

// noted closes the note box after a closing note was saved.
func (m *outcomeModel) noted() {
	m.noting = false
	m.changed = m.exported != ""
	m.note.Reset()
	m.note.Blur()
	m.setSize()
}

// written records where the summary was written.
func (m *outcomeModel) written(path string) {
	m.exported, m.changed = path, false
	m.setSize()
}

func (m outcomeModel) update(msg tea.Msg) (outcomeModel, outcomeAction, tea.Cmd) {
	k := m.c.keys
	none := outcomeAction{}
	if km, ok := msg.(tea.KeyMsg); ok && m.noting {
		switch {
		case key.Matches(km, k.Cancel):
			m.noting = false
			m.note.Blur()
			return m, none, nil
		case key.Matches(km, k.SaveNote):
			return m, outcomeAction{kind: outNote, text: m.note.Value()}, nil
		}
		var cmd tea.Cmd
		m.note, cmd = m.note.Update(safeKeys(km))
		return m, none, cmd
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, k.Export):
			return m, outcomeAction{kind: outExport}, nil
		case key.Matches(km, k.Copy):
			return m, outcomeAction{kind: outCopy}, nil
		case key.Matches(km, k.CopyMasked):
			return m, outcomeAction{kind: outCopy, maskUsers: true}, nil
		case key.Matches(km, k.New):
			return m, outcomeAction{kind: outNew}, nil
		case key.Matches(km, k.Back):
			return m, outcomeAction{kind: outBack}, nil
		case key.Matches(km, k.Note):
			m.noting = true
			m.note.Reset()
			return m, none, m.note.Focus()
		case key.Matches(km, k.PageDn), key.Matches(km, k.Down):
			m.vp.HalfPageDown()
		case key.Matches(km, k.PageUp), key.Matches(km, k.Up):
			m.vp.HalfPageUp()
		}
	}
	return m, none, nil
}

func (m outcomeModel) help() keyHelp {
	k := m.c.keys
	if m.noting {
		return keyHelp{short: []key.Binding{k.SaveNote, k.Cancel}, full: [][]key.Binding{{k.SaveNote, k.Cancel}}}
	}
	short := []key.Binding{k.Export, k.Copy, k.Note, k.Back, k.New, k.Quit}
	// The masked copy is in the full help (?) only: the short line is
	// already as long as a 60-column screen.
	return keyHelp{short: short, full: [][]key.Binding{short, {k.CopyMasked, k.PageUp, k.PageDn, k.Help, k.ForceQ}}}
}

func (m outcomeModel) render(width int) string {
	s := m.c.styles
	n := m.node
	var parts []string
	banner := s.Result(n.Result)
	title := s.Title.Render(wrapText(safeLine(n.Title), width-lipgloss.Width(banner)-2))
	parts = append(parts, lipgloss.JoinHorizontal(lipgloss.Center, banner, "  ", title))
	parts = append(parts, wrapText(safe(n.Summary), width))
	if m.score != "" {
		var lines []string
		for _, l := range strings.Split(m.score, "\n") {
			lines = append(lines, hanging(safe(l), width, 2))
		}
		parts = append(parts, s.Training.Render("TRAINING SCORE")+"\n"+strings.Join(lines, "\n"))
	}
	if len(m.packet) > 0 {
		var b strings.Builder
		// The heading wraps: at 60 columns its key ([x], [ ]) does not fit
		// on one line, and it is what makes the list readable.
		b.WriteString(wrapText(s.Label.Render("Escalation packet")+s.Muted.Render(" ([x] collected by deskside, [ ] still to collect)"), width))
		for _, it := range m.packet {
			line := "[ ] " + safeLine(it.Item)
			if it.Collected() {
				line = "[x] " + safeLine(it.Item) + " — " + safeLine(strings.Join(it.Evidence, "; "))
			}
			b.WriteString("\n" + hanging(line, width, 4))
		}
		parts = append(parts, b.String())
	}
	var b strings.Builder
	b.WriteString(s.Label.Render("Path taken"))
	for i, st := range m.path {
		line := fmt.Sprintf("%d. %s — %s", i+1, safeLine(st.Title), safeLine(st.Label))
		if st.Replaces != "" {
			line += fmt.Sprintf(" (amended; first answered “%s”)", safeLine(st.Replaces))
		}
		b.WriteString("\n" + hanging(line, width, 3))
	}
	b.WriteString(fmt.Sprintf("\n%d. %s", len(m.path)+1, s.Title.Render(safeLine(n.Title))))
	parts = append(parts, b.String())
	switch {
	case m.exported != "" && m.changed:
		parts = append(parts, s.Warn.Render(wrapText("The Markdown summary written to "+m.exported+" does not have your closing note yet: press e to write it again.", width)))
	case m.exported != "":
		parts = append(parts, s.Muted.Render(wrapText("The Markdown summary is written to "+m.exported+" · c copies it to the clipboard (OSC 52: works over SSH and in Windows Terminal) · n adds a closing note · b takes back the last answer", width)))
	case !m.onDisk:
		parts = append(parts, s.Muted.Render(wrapText("No log folder is used, so no summary file is written: c copies it to the clipboard (OSC 52) · n adds a closing note · b takes back the last answer", width)))
	default:
		parts = append(parts, s.Muted.Render(wrapText("Writing the Markdown summary beside the log… · c copies it to the clipboard (OSC 52) · n adds a closing note · b takes back the last answer", width)))
	}
	return strings.Join(parts, "\n\n")
}

func (m outcomeModel) view(avail int) string {
	vp := m.vp
	var box string
	if m.noting {
		box = m.c.styles.Label.Render("Closing note") + m.c.styles.Muted.Render(" (saved with the time, in the log)") + "\n› " + m.note.View()
		avail -= 2
	}
	vp.Height = max(avail, 1)
	out := scrolled(vp, m.c.styles.Muted)
	if box != "" {
		out = fitHeight(out, vp.Height) + "\n" + box
	}
	return out
}
