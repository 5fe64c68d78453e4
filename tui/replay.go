package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/session"
)

// Replay steps through a recorded session, read-only: each step as the
// operator saw it, the answer given, the checks' evidence, the notes and
// the timing. Steps the current tree no longer has are shown as such.
type Replay struct {
	c      *common
	name   string
	sum    *session.Summary
	frames []session.Frame
	tree   *flows.Tree // may be nil
	i      int
	vp     viewport.Model
	help   help.Model
	keys   ReplayKeyMap
}

// NewReplay makes the replay of a journal. tree is the tree file as it is
// now, to show each step's text; nil shows what the journal holds only.
func NewReplay(name string, l *session.Log, tree *flows.Tree, r *lipgloss.Renderer) Replay {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	styles := NewStyles(r)
	c := &common{styles: styles, keys: DefaultKeyMap(), bodies: map[bodyKey]string{}}
	c.md = NewMarkdown(&c.styles)
	h := help.New()
	h.Styles.ShortKey = styles.Label
	h.Styles.ShortDesc = styles.Muted
	return Replay{
		c: c, name: name, sum: session.Summarize(l), frames: session.Frames(l), tree: tree, help: h,
		keys: DefaultReplayKeyMap(),
	}
}

// Init does nothing: a replay needs no clock.
func (m Replay) Init() tea.Cmd { return nil }

// Update moves between steps and scrolls.
func (m Replay) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.refresh()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Next):
			m.i = min(m.i+1, len(m.frames)-1)
			m.refresh()
		case key.Matches(msg, m.keys.Prev):
			m.i = max(m.i-1, 0)
			m.refresh()
		case key.Matches(msg, m.keys.First):
			m.i = 0
			m.refresh()
		case key.Matches(msg, m.keys.Last):
			m.i = len(m.frames) - 1
			m.refresh()
		default:
			var cmd tea.Cmd
			m.vp, cmd = m.vp.Update(msg)
			return m, cmd
		}
	}
	return m, nil
}

func (m *Replay) refresh() {
	m.vp.Width = m.c.width
	m.vp.Height = max(m.c.height-4, 3)
	if len(m.frames) > 0 {
		m.vp.SetContent(m.frameView(m.frames[m.i], m.c.width))
	}
	m.vp.GotoTop()
}

// View draws the current step.
func (m Replay) View() string {
	s := m.c.styles
	w := m.c.width
	if w > 0 && (w < MinWidth || m.c.height < MinHeight) {
		return lipgloss.Place(w, m.c.height, lipgloss.Center, lipgloss.Center,
			fmt.Sprintf("window too small, need %d×%d (now %d×%d)", MinWidth, MinHeight, w, m.c.height))
	}
	ticket := safeLine(m.sum.Start.Ticket)
	if ticket == "" {
		ticket = "no ticket"
	}
	head := truncate(s.Brand.Render("deskside replay")+s.Muted.Render(" · "+ticket+" · "+m.name), w)
	pos := "no steps recorded"
	if len(m.frames) > 0 {
		f := m.frames[m.i]
		pos = fmt.Sprintf("step %d of %d · +%s into the call · %s UTC", m.i+1, len(m.frames), clock(f.Offset), f.At.UTC().Format("2006-01-02 15:04:05"))
	}
	body := scrolled(m.vp, s.Muted)
	return head + "\n" + s.Muted.Render(truncate(pos, w)) + "\n" + s.Rule.Render(strings.Repeat("─", max(w, 1))) + "\n" + body + "\n" +
		shortHelpLine(m.help, keyHelp{short: m.keys.ShortHelp(), minor: []key.Binding{m.keys.Scroll, m.keys.First, m.keys.Last}}, max(w, 1), s.Muted, m.keys.Quit)
}

func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// frameView renders one frame; Plain replay uses the same text.
func (m Replay) frameView(f session.Frame, width int) string {
	s := m.c.styles
	var parts []string
	title := s.Title.Render(wrapText(safeLine(f.Title), width))
	var node *flows.Node
	if m.tree != nil {
		node = m.tree.Nodes[f.Node]
	}
	if m.tree != nil && node == nil {
		title += "\n" + s.Warn.Render(wrapText(fmt.Sprintf("Step %q is no longer in %s: shown as the log recorded it.", f.Node, m.tree.File), width))
	}
	if f.Resumed {
		title += "\n" + s.Muted.Render("The session was resumed here.")
	}
	parts = append(parts, title)
	if node != nil && node.Body != "" {
		parts = append(parts, m.c.markdown(node.Body, width))
	}
	if node != nil {
		for _, run := range stepRuns(node.Steps) {
			b := s.Label.Render(whoHeading(run.who))
			for j, st := range run.steps {
				prefix := fmt.Sprintf("%d. ", run.first+j+1)
				b += "\n" + indentAfterFirst(prefix, m.c.markdown(st.Text, width-len(prefix)))
			}
			parts = append(parts, b)
		}
	}
	for _, p := range f.Probes {
		var b strings.Builder
		b.WriteString(s.Label.Render("Check "+p.Probe) + s.Muted.Render(fmt.Sprintf(" at +%s", clock(p.At.Sub(m.sum.Started)))) + "\n")
		b.WriteString(s.Status(p.Status) + " " + wrapText(safe(p.Summary), width-12))
		for _, k := range flows.Facts(p.Facts).Names() {
			b.WriteString("\n  " + s.Muted.Render(k+" = ") + truncate(safeLine(flows.Format(p.Facts[k])), width-len(k)-5))
		}
		parts = append(parts, b.String())
	}
	for _, fd := range f.Findings {
		parts = append(parts, s.Warn.Render(wrapText("Taken together: "+safe(fd), width)))
	}
	for _, n := range f.Notes {
		parts = append(parts, s.Label.Render("Note")+s.Muted.Render(fmt.Sprintf(" at +%s", clock(n.At.Sub(m.sum.Started))))+"\n"+wrapText(safe(n.Text), width))
	}
	switch {
	case f.Outcome != nil:
		parts = append(parts, s.Result(f.Outcome.Result)+"\n"+wrapText(safe(f.Outcome.Summary), width))
	case f.Answer != "":
		line := s.Label.Render("Answered") + s.Muted.Render(fmt.Sprintf(" at +%s", clock(f.AnswerAt.Sub(m.sum.Started))))
		if f.Suggested {
			line += s.Suggested.Render(" ★ as the check suggested")
		}
		line += "\n" + wrapText(safeLine(f.Answer), width)
		if f.Amends != "" {
			line += "\n" + s.Muted.Render(wrapText(fmt.Sprintf("(amends the earlier answer “%s”)", safeLine(f.Amends)), width))
		}
		parts = append(parts, line)
	case f.WentBack:
		parts = append(parts, s.Warn.Render("The operator went back from here."))
	default:
		parts = append(parts, s.Muted.Render("Not answered: the log ends here."))
	}
	if f.WentBack && f.Answer != "" {
		parts = append(parts, s.Warn.Render("Later the operator went back to this step."))
	}
	return strings.Join(parts, "\n\n")
}
