package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/session"
)

type outcomeAction int

const (
	outNone outcomeAction = iota
	outExport
	outCopy
	outNew
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
}

func newOutcomeModel(c *common, o Options, w *flows.Walk) outcomeModel {
	m := outcomeModel{c: c, opts: o, node: w.Current(), path: w.Path()}
	if len(m.node.Packet) > 0 {
		var started, ended = c.now, c.now
		if len(m.path) > 0 {
			started = m.path[0].At
		}
		m.packet = session.FillPacket(m.node.Packet, w.Facts(), started, ended)
	}
	m.setSize()
	return m
}

func (m *outcomeModel) setSize() {
	if m.node == nil {
		return
	}
	m.vp.Width = m.c.width
	m.vp.Height = max(m.c.height-2, 3)
	m.vp.SetContent(m.render(m.c.width))
}

func (m outcomeModel) update(msg tea.Msg) (outcomeModel, outcomeAction, tea.Cmd) {
	k := m.c.keys
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, k.Export):
			return m, outExport, nil
		case key.Matches(km, k.Copy):
			return m, outCopy, nil
		case key.Matches(km, k.New):
			return m, outNew, nil
		case key.Matches(km, k.PageDn), key.Matches(km, k.Down):
			m.vp.HalfPageDown()
		case key.Matches(km, k.PageUp), key.Matches(km, k.Up):
			m.vp.HalfPageUp()
		}
	}
	return m, outNone, nil
}

func (m outcomeModel) help() keyHelp {
	k := m.c.keys
	short := []key.Binding{k.Export, k.Copy, k.New, k.Quit}
	return keyHelp{short: short, full: [][]key.Binding{short, {k.PageUp, k.PageDn, k.Help, k.ForceQ}}}
}

func (m outcomeModel) render(width int) string {
	s := m.c.styles
	n := m.node
	var parts []string
	parts = append(parts, lipgloss.JoinHorizontal(lipgloss.Center, s.Result(n.Result), "  ", s.Title.Render(truncate(n.Title, width-30))))
	parts = append(parts, wrapText(n.Summary, width))
	if m.score != "" {
		parts = append(parts, s.Training.Render("TRAINING SCORE")+"\n"+wrapText(m.score, width))
	}
	if len(m.packet) > 0 {
		var b strings.Builder
		b.WriteString(s.Label.Render("Escalation packet") + s.Muted.Render(" ([x] collected by deskside, [ ] still to collect)"))
		for _, it := range m.packet {
			line := "[ ] " + it.Item
			if it.Collected() {
				line = "[x] " + it.Item + " — " + strings.Join(it.Evidence, "; ")
			}
			b.WriteString("\n" + hanging(line, width, 4))
		}
		parts = append(parts, b.String())
	}
	var b strings.Builder
	b.WriteString(s.Label.Render("Path taken"))
	for i, st := range m.path {
		line := fmt.Sprintf("%d. %s — %s", i+1, st.Title, st.Label)
		if st.Replaces != "" {
			line += fmt.Sprintf(" (amended; first answered %q)", st.Replaces)
		}
		b.WriteString("\n" + hanging(line, width, 3))
	}
	b.WriteString(fmt.Sprintf("\n%d. %s", len(m.path)+1, s.Title.Render(n.Title)))
	parts = append(parts, b.String())
	if m.opts.Journal != nil || m.opts.NewSession != nil {
		parts = append(parts, s.Muted.Render(wrapText("e writes the Markdown summary beside the log · c copies it to the clipboard (OSC 52: works over SSH and in Windows Terminal)", width)))
	}
	return strings.Join(parts, "\n\n")
}

func (m outcomeModel) view(avail int) string {
	vp := m.vp
	vp.Height = avail
	out := vp.View()
	if more := scrollHint(vp); more != "" {
		lines := strings.Split(fitHeight(out, avail), "\n")
		lines[len(lines)-1] = m.c.styles.Muted.Render(more)
		out = strings.Join(lines, "\n")
	}
	return out
}
