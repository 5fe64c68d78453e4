package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"deskside/flows"
	"deskside/probes"
)

// whySide is the width of the "why" panel when it sits beside the step.
const whySide = 38

// The step screen asks the root to act on the walk through stepAction.
type actionKind int

const (
	actNone actionKind = iota
	actChoose
	actBack
	actNote
	actProbe
)

type stepAction struct {
	kind   actionKind
	choice int
	text   string // a note, or a probe's pasted input
	probe  string
	id     int
	ctx    context.Context
}

type probeState int

const (
	probeIdle probeState = iota
	probePasting
	probeRunning
	probeShown
)

// stepModel draws one step of the walk: header, breadcrumb, the step's
// text and instructions, the answers, and the probe panel.
type stepModel struct {
	c    *common
	opts Options

	node   *flows.Node
	cursor int
	moved  bool // the operator moved the cursor, so keep it off the suggestion
	ticked []bool
	why    bool
	side   bool // the why panel fits beside the step (set by setSize)
	vp     viewport.Model
	top    int // first visible answer when they do not all fit

	pstate probeState
	either bool // the check could read this PC instead of a paste
	paste  textarea.Model
	spin   spinner.Model
	runID  int
	cancel context.CancelFunc
	result *probes.Result

	noting bool
	note   textinput.Model
	notes  map[string]bool // steps with a note, marked in the breadcrumb
}

func newStepModel(c *common, o Options) stepModel {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.CharLimit = probes.MaxPaste
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	ta.Placeholder = "Paste here (ctrl+shift+v or right-click), then ctrl+s"
	ta.Cursor.SetMode(cursor.CursorStatic)
	ni := textinput.New()
	ni.Cursor.SetMode(cursor.CursorStatic)
	ni.Placeholder = "what the user said, what you tried…"
	ni.CharLimit = 2000
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	return stepModel{c: c, opts: o, paste: ta, note: ni, spin: sp, notes: map[string]bool{},
		why: o.Training != nil}
}

// enter shows the walk's current step afresh.
func (m *stepModel) enter(w *flows.Walk) {
	m.node = w.Current()
	m.cursor, m.moved, m.top = 0, false, 0
	m.ticked = make([]bool, len(m.node.Steps))
	m.closeProbe()
	m.noting = false
	if s := w.Suggested(); s >= 0 {
		m.cursor = s
	}
	m.setSize(w)
}

func (m *stepModel) closeProbe() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.pstate = probeIdle
	m.result = nil
	m.paste.Reset()
	m.paste.Blur()
}

func (m *stepModel) noted(w *flows.Walk) {
	m.notes[w.Current().ID] = true
	m.noting = false
	m.note.Reset()
	m.note.Blur()
}

func (m stepModel) typing() bool { return m.pstate == probePasting || m.noting }

func (m stepModel) probeRunning(id int) bool { return m.pstate == probeRunning && m.runID == id }

func (m *stepModel) probeResult(w *flows.Walk, r probes.Result) {
	m.pstate = probeShown
	m.cancel = nil
	m.result = &r
	if s := w.Suggested(); s >= 0 && !m.moved {
		m.cursor = s
	}
	m.setSize(w)
}

// widths returns the width of the main column and of the side panel.
func (m stepModel) widths() (int, int) {
	if m.why && m.side {
		return m.c.width - whySide - 1, whySide
	}
	return m.c.width, 0
}

// setSize lays the screen out again: called when the size, the step, the
// cursor or the panel changes, never from View.
func (m *stepModel) setSize(w *flows.Walk) {
	if m.node == nil || w == nil {
		return
	}
	// The why panel goes beside the step on a wide terminal if it fits
	// there whole; otherwise below, where it scrolls with the step.
	m.side = m.why && m.c.width >= 100
	if m.side {
		h := m.c.height - 2 - 3 - len(m.answerLines(w, m.c.width-whySide-1))
		m.side = lipgloss.Height(m.whyView(w, whySide-2)) <= h
	}
	main, _ := m.widths()
	m.paste.SetWidth(max(main-2, 10))
	m.note.Width = max(main-10, 10)
	askLines := 1
	if m.node.Probe != nil {
		askLines = lipgloss.Height(m.pasteAsk(main))
	}
	m.paste.SetHeight(max(m.c.height-2-3-askLines-1, 3))
	m.vp.Width = main
	m.layout(w)
	m.vp.SetContent(m.middle(w, main))
}

// layout sets the text area's height from the lines the answers take;
// moving the cursor changes only this.
func (m *stepModel) layout(w *flows.Walk) {
	main, _ := m.widths()
	avail := m.c.height - 2 // status and help lines
	m.vp.Height = max(avail-3-len(m.answerLines(w, main)), 3)
}

func (m stepModel) update(msg tea.Msg, w *flows.Walk) (stepModel, stepAction, tea.Cmd) {
	none := stepAction{}
	if w == nil {
		return m, none, nil
	}
	k := m.c.keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if m.pstate != probeRunning {
			return m, none, nil
		}
		m.spin, _ = m.spin.Update(msg)
		return m, none, m.spinTick()
	case tea.KeyMsg:
		if m.noting {
			switch {
			case key.Matches(msg, k.Cancel):
				m.noting = false
				m.note.Blur()
				m.setSize(w)
				return m, none, nil
			case msg.Type == tea.KeyEnter:
				return m, stepAction{kind: actNote, text: m.note.Value()}, nil
			}
			var cmd tea.Cmd
			m.note, cmd = m.note.Update(msg)
			return m, none, cmd
		}
		switch m.pstate {
		case probePasting:
			switch {
			case key.Matches(msg, k.Cancel):
				m.closeProbe()
				m.setSize(w)
				return m, none, nil
			case key.Matches(msg, k.ThisPC) && m.either:
				return m.startProbe(w, "")
			case key.Matches(msg, k.Submit), msg.Type == tea.KeyEnter && !msg.Paste && m.onEmptyLine():
				text := m.paste.Value()
				if strings.TrimSpace(text) == "" {
					return m, none, nil
				}
				return m.startProbe(w, text)
			}
			var cmd tea.Cmd
			m.paste, cmd = m.paste.Update(msg)
			return m, none, cmd
		case probeRunning:
			if key.Matches(msg, k.Cancel) {
				m.closeProbe()
				m.setSize(w)
			}
			return m, none, nil
		case probeShown:
			if key.Matches(msg, k.Cancel) {
				m.closeProbe()
				m.setSize(w)
				return m, none, nil
			}
		}
		return m.key(msg, w)
	}
	return m, none, nil
}

// onEmptyLine reports whether the paste cursor sits on an empty line after
// some text: pressing Enter there submits.
func (m stepModel) onEmptyLine() bool {
	v := m.paste.Value()
	if strings.TrimSpace(v) == "" {
		return false
	}
	lines := strings.Split(v, "\n")
	row := m.paste.Line()
	return row < len(lines) && strings.TrimSpace(lines[row]) == ""
}

func (m stepModel) key(msg tea.KeyMsg, w *flows.Walk) (stepModel, stepAction, tea.Cmd) {
	none := stepAction{}
	k := m.c.keys
	n := m.node
	switch {
	case key.Matches(msg, k.Up):
		if m.cursor > 0 {
			m.cursor--
			m.moved = true
			m.layout(w)
		}
	case key.Matches(msg, k.Down):
		if m.cursor < len(n.Choices)-1 {
			m.cursor++
			m.moved = true
			m.layout(w)
		}
	case key.Matches(msg, k.Choose):
		return m, stepAction{kind: actChoose, choice: m.cursor}, nil
	case key.Matches(msg, k.Number):
		i, _ := strconv.Atoi(msg.String())
		if i >= 1 && i <= len(n.Choices) {
			return m, stepAction{kind: actChoose, choice: i - 1}, nil
		}
	case key.Matches(msg, k.Back):
		return m, stepAction{kind: actBack}, nil
	case key.Matches(msg, k.Note):
		m.noting = true
		m.note.Reset()
		m.setSize(w)
		return m, none, m.note.Focus()
	case key.Matches(msg, k.Why):
		m.why = !m.why
		m.setSize(w)
	case key.Matches(msg, k.Tick):
		for i := range m.ticked {
			if !m.ticked[i] {
				m.ticked[i] = true
				break
			}
		}
		m.setSize(w)
	case key.Matches(msg, k.Untick):
		for i := len(m.ticked) - 1; i >= 0; i-- {
			if m.ticked[i] {
				m.ticked[i] = false
				break
			}
		}
		m.setSize(w)
	case key.Matches(msg, k.PageDn):
		m.vp.HalfPageDown()
	case key.Matches(msg, k.PageUp):
		m.vp.HalfPageUp()
	case key.Matches(msg, k.Probe):
		return m.openProbe(w)
	}
	return m, none, nil
}

// openProbe runs the step's check: on the canned input in training, on
// this PC where it can, otherwise after a paste.
func (m stepModel) openProbe(w *flows.Walk) (stepModel, stepAction, tea.Cmd) {
	n := m.node
	if n.Probe == nil {
		return m, stepAction{}, nil
	}
	p, ok := m.opts.Probes.Lookup(n.Probe.Name)
	if !ok {
		return m, stepAction{}, nil
	}
	if m.opts.Training != nil {
		if text, ok := m.opts.Training.Scenario.Probes[p.Name()]; ok {
			return m.startProbe(w, text)
		}
	}
	goos := ""
	if m.opts.ProbeInput != nil {
		goos = m.opts.ProbeInput().OS
	}
	mode := ModeOf(n.Probe, p, goos)
	if mode == ModeRun {
		return m.startProbe(w, "")
	}
	m.pstate = probePasting
	m.either = mode == ModeEither
	m.result = nil
	m.setSize(w)
	return m, stepAction{}, m.paste.Focus()
}

func (m stepModel) startProbe(w *flows.Walk, text string) (stepModel, stepAction, tea.Cmd) {
	ctx, cancel := probeCtx()
	m.runID++
	m.cancel = cancel
	m.pstate = probeRunning
	m.paste.Blur()
	m.setSize(w)
	return m, stepAction{kind: actProbe, probe: m.node.Probe.Name, text: text, id: m.runID, ctx: ctx}, m.spinTick()
}

// spinTick asks for the spinner's next frame through the injected timer,
// so tests that drive time themselves are not kept waiting by it.
func (m stepModel) spinTick() tea.Cmd {
	id := m.spin.ID()
	return m.opts.After(m.spin.Spinner.FPS, func(t time.Time) tea.Msg { return spinner.TickMsg{ID: id, Time: t} })
}

func (m stepModel) help(w *flows.Walk) keyHelp {
	k := m.c.keys
	if m.noting {
		save := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save note"))
		return keyHelp{short: []key.Binding{save, k.Cancel}, full: [][]key.Binding{{save, k.Cancel}}}
	}
	switch m.pstate {
	case probePasting:
		sub := key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "check it (or enter on an empty line)"))
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		short := []key.Binding{sub}
		if m.either {
			short = append(short, k.ThisPC)
		}
		short = append(short, cancel)
		return keyHelp{short: short, full: [][]key.Binding{short}}
	case probeRunning:
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the check"))
		return keyHelp{short: []key.Binding{cancel}, full: [][]key.Binding{{cancel}}}
	}
	short := []key.Binding{k.Number, k.UpDown, k.Choose}
	if m.node != nil && m.node.Probe != nil {
		short = append(short, k.Probe)
	}
	short = append(short, k.Note, k.Back, k.Why, k.Help, k.Quit)
	full := [][]key.Binding{
		{k.Up, k.Down, k.Number, k.Choose},
		{k.Back, k.Note, k.Why},
	}
	extra := []key.Binding{k.PageUp, k.PageDn}
	if m.node != nil && m.node.Probe != nil {
		extra = append(extra, k.Probe)
	}
	if m.node != nil && len(m.node.Steps) > 0 {
		extra = append(extra, k.Tick, k.Untick)
	}
	if m.pstate == probeShown {
		extra = append(extra, k.Cancel)
	}
	full = append(full, extra, []key.Binding{k.Restart, k.Help, k.Quit, k.ForceQ})
	return keyHelp{short: short, full: full}
}

// middle is the scrollable part: the step's text, or the check's result.
func (m stepModel) middle(w *flows.Walk, width int) string {
	s := m.c.styles
	n := m.node
	var parts []string
	if m.pstate == probeShown && m.result != nil {
		parts = append(parts, m.resultView(w, width))
	}
	parts = append(parts, s.Title.Render(wrapText(n.Title, width)))
	if n.Body != "" {
		parts = append(parts, m.c.markdown(n.Body, width))
	}
	if len(n.Steps) > 0 {
		var b strings.Builder
		b.WriteString(s.Label.Render("Read these steps to the user:"))
		for i, step := range n.Steps {
			box := "[ ]"
			text := m.c.markdown(step, width-9)
			if m.ticked[i] {
				box = "[x]"
				text = s.Ticked.Render(ansi.Strip(text))
			}
			prefix := fmt.Sprintf("%s %d. ", box, i+1)
			b.WriteString("\n" + indentAfterFirst(prefix, text))
		}
		parts = append(parts, b.String())
	}
	if _, side := m.widths(); m.why && side == 0 {
		parts = append(parts, m.whyView(w, width))
	}
	return strings.Join(parts, "\n\n")
}

// indentAfterFirst puts prefix before the first line and aligns the rest.
func indentAfterFirst(prefix, text string) string {
	pad := strings.Repeat(" ", ansi.StringWidth(prefix))
	lines := strings.Split(text, "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

func (m stepModel) resultView(w *flows.Walk, outer int) string {
	s := m.c.styles
	r := m.result
	width := outer - 4 // inside the panel's border and padding
	title := m.node.Probe.Name
	if p, ok := m.opts.Probes.Lookup(title); ok {
		title = p.Describe().Title + " (" + title + ")"
	}
	var b strings.Builder
	head, hint := "Check: "+title, "esc closes · p runs again"
	sep := "  "
	if ansi.StringWidth(head+sep+hint) > width {
		sep = "\n"
	}
	b.WriteString(s.PanelTitle.Render(truncate(head, width)) + sep + s.Muted.Render(hint) + "\n")
	status := s.Status(r.Status) + " "
	b.WriteString(indentAfterFirst(status, wrapText(r.Summary, width-ansi.StringWidth(status))))
	if m.opts.Training != nil {
		b.WriteString("\n" + s.Training.Render("TRAINING") + s.Muted.Render(" recorded input of the scenario"))
	}
	for _, f := range w.Findings() {
		b.WriteString("\n" + s.Warn.Render(wrapText("Taken together: "+f.Text, width-4)))
	}
	facts := flows.Facts(r.Facts)
	if names := facts.Names(); len(names) > 0 {
		b.WriteString("\n" + s.Label.Render("Facts"))
		for _, k := range names {
			b.WriteString("\n  " + s.Muted.Render(k+" = ") + truncate(flows.Format(facts[k]), width-ansi.StringWidth(k)-5))
		}
	}
	if len(r.Details) > 0 {
		b.WriteString("\n" + s.Label.Render("Details"))
		for _, d := range r.Details {
			b.WriteString("\n" + indentAfterFirst("  ", wrapText(d, width-2)))
		}
	}
	return s.Panel.Width(max(outer-2, 10)).Render(b.String())
}

func (m stepModel) whyView(w *flows.Walk, width int) string {
	s := m.c.styles
	n := m.node
	var b strings.Builder
	b.WriteString(s.Label.Render("Why this step"))
	if n.Why != "" {
		b.WriteString("\n" + wrapText(PlainMarkdown(n.Why), width))
	} else {
		b.WriteString("\n" + s.Muted.Render("The tree gives no reason for this step."))
	}
	if len(n.Choices) > 0 {
		b.WriteString("\n\n" + s.Label.Render("What each answer means"))
	}
	for i, c := range n.Choices {
		line := fmt.Sprintf("%d. %s", i+1, c.Label)
		if c.Why != "" {
			line += " — " + c.Why
		}
		for _, cond := range c.When {
			line += " [suggested when " + cond.String() + "]"
		}
		b.WriteString("\n" + hanging(line, width, 3))
	}
	if t := m.opts.Training; t != nil {
		if next := expectedNext(t.Scenario, w); next != "" {
			for i, c := range n.Choices {
				if c.Next == next {
					b.WriteString("\n\n" + s.Training.Render("TRAINING") + " " + wrapText(fmt.Sprintf("The scenario expects answer %d: %s.", i+1, c.Label), width-11))
					break
				}
			}
		}
	}
	return b.String()
}

// expectedNext is the node a training scenario expects after the current
// step, when the walk is still on the scenario's path.
func expectedNext(sc flows.Scenario, w *flows.Walk) string {
	path := w.Path()
	if len(path)+1 >= len(sc.Expect) {
		return ""
	}
	for i, st := range path {
		if sc.Expect[i] != st.Node {
			return ""
		}
	}
	if sc.Expect[len(path)] != w.Current().ID {
		return ""
	}
	return sc.Expect[len(path)+1]
}

// answerLines renders the answers block: one line an answer, cut with an
// ellipsis, except the highlighted one, which wraps.
func (m stepModel) answerLines(w *flows.Walk, width int) []string {
	s := m.c.styles
	n := m.node
	if m.noting {
		return []string{s.Label.Render("Note") + s.Muted.Render(" (saved with the time, in the log)"), "› " + m.note.View()}
	}
	sug := w.Suggested()
	lines := []string{s.Label.Render("Answers")}
	for i, c := range n.Choices {
		mark := ""
		if i == sug {
			mark = " " + s.Suggested.Render("★ suggested")
		}
		num := fmt.Sprintf("%d ", i+1)
		lead := 2 + len(num) // cursor and number
		pad := strings.Repeat(" ", lead)
		if i == m.cursor {
			text := wrapText(c.Label, max(width-lead-ansi.StringWidth(mark), 10))
			parts := strings.Split(text, "\n")
			if len(parts) > 3 {
				parts = append(parts[:2], truncate(strings.Join(parts[2:], " "), width-lead))
			}
			if ansi.StringWidth(parts[len(parts)-1])+ansi.StringWidth(mark) > width-lead {
				parts = append(parts, "")
			}
			parts[len(parts)-1] += mark
			for j, p := range parts {
				if j == 0 {
					lines = append(lines, s.Cursor.Render("› ")+s.Selected.Render(num+p))
				} else {
					lines = append(lines, pad+s.Selected.Render(p))
				}
			}
			continue
		}
		label := truncate(c.Label, width-lead-ansi.StringWidth(mark))
		lines = append(lines, "  "+s.Muted.Render(num)+s.Choice.Render(label)+mark)
	}
	return lines
}

// view draws the step screen in avail lines.
func (m stepModel) view(w *flows.Walk, began time.Time, req StartRequest, avail int) string {
	if w == nil || m.node == nil {
		return ""
	}
	s := m.c.styles
	width := m.c.width
	header := m.header(w, began, req, width)
	main, side := m.widths()

	if m.pstate == probePasting {
		body := s.Label.Render(m.pasteAsk(width)) + "\n" + m.paste.View() + "\n" +
			s.Muted.Render(truncate(fmt.Sprintf("%d lines pasted · nothing is stored but what the check finds", m.paste.LineCount()), width))
		return header + "\n" + fitHeight(body, avail-3)
	}

	// The layout is worked out again here from the lines actually free
	// (the full help takes more), on a copy: View changes nothing.
	answers := m.answerLines(w, main)
	vp := m.vp
	vp.Height = max(avail-3-len(answers), 3)
	if room := avail - 3 - vp.Height; len(answers) > room && room > 2 {
		answers = m.scrollAnswers(answers, room)
	}
	mid := vp.View()
	if m.pstate == probeRunning {
		name := m.node.Probe.Name
		mid = fitHeight(m.spin.View()+" Running the "+name+" check… "+s.Muted.Render("(esc cancels)"), vp.Height)
	} else if more := scrollHint(vp); more != "" {
		lines := strings.Split(fitHeight(mid, vp.Height), "\n")
		lines[len(lines)-1] = s.Muted.Render(more)
		mid = strings.Join(lines, "\n")
	}
	if side > 0 {
		panel := s.Why.Width(side - 1).Height(vp.Height).Render(fitHeight(m.whyView(w, side-2), vp.Height))
		mid = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(main).Render(fitHeight(mid, vp.Height)), " ", panel)
	}
	return header + "\n" + fitHeight(mid, vp.Height) + "\n" + strings.Join(answers, "\n")
}

// pasteAsk says what to paste, wrapped to width.
func (m stepModel) pasteAsk(width int) string {
	ask := "Paste what the check should read."
	p, ok := m.opts.Probes.Lookup(m.node.Probe.Name)
	switch {
	case m.node.Probe.Prompt != "":
		ask = m.node.Probe.Prompt
	case ok:
		ask = "Paste " + p.Describe().Paste + "."
	}
	if m.either && ok {
		ask += " Or ctrl+t: run " + p.Describe().Program + " on this PC (only if it is the user's PC)."
	}
	return wrapText(ask, width)
}

// scrollHint tells the operator there is more text below or above.
func scrollHint(vp viewport.Model) string {
	switch {
	case !vp.AtBottom() && vp.TotalLineCount() > vp.Height:
		return fmt.Sprintf("↓ more below (pgdn) · %d%%", int(vp.ScrollPercent()*100))
	case vp.YOffset > 0 && vp.TotalLineCount() > vp.Height:
		return "↑ more above (pgup)"
	}
	return ""
}

// scrollAnswers keeps the highlighted answer in a window of room lines.
func (m stepModel) scrollAnswers(lines []string, room int) []string {
	head := lines[0]
	rest := lines[1:]
	cur := 0
	for i, l := range rest {
		if strings.Contains(l, "› ") {
			cur = i
			break
		}
	}
	show := room - 1
	start := max(0, min(cur-show/2, len(rest)-show))
	end := min(len(rest), start+show)
	out := []string{head + m.c.styles.Muted.Render(fmt.Sprintf("  (%d–%d of %d, ↑/↓)", start+1, end, len(rest)))}
	return append(out, rest[start:end]...)
}

func (m stepModel) header(w *flows.Walk, began time.Time, req StartRequest, width int) string {
	s := m.c.styles
	elapsed := m.c.now.Sub(began)
	if elapsed < 0 {
		elapsed = 0
	}
	parts := []string{s.Brand.Render("deskside")}
	if m.opts.Training != nil {
		parts = append(parts, s.Training.Render("TRAINING"))
	}
	if req.Ticket != "" {
		parts = append(parts, s.Header.Render(req.Ticket))
	}
	parts = append(parts, s.Muted.Render(fmt.Sprintf("%02d:%02d on the call", int(elapsed.Minutes()), int(elapsed.Seconds())%60)))
	if f := flowName(w, req); f != "" {
		parts = append(parts, s.Muted.Render(f))
	}
	line1 := truncate(strings.Join(parts, s.Muted.Render(" · ")), width)

	progress := fmt.Sprintf("step %d", w.StepNumber())
	if r := w.Remaining(); r > 0 {
		progress += fmt.Sprintf(", about %d to go", r)
	}
	crumbs := m.breadcrumb(w, width-len(progress)-2)
	gap := max(width-ansi.StringWidth(crumbs)-len(progress), 1)
	line2 := crumbs + strings.Repeat(" ", gap) + s.Muted.Render(progress)
	return line1 + "\n" + line2 + "\n" + s.Rule.Render(strings.Repeat("─", width))
}

// flowName names the guide being followed: the last flow entry on the
// path, or the one the walk started from.
func flowName(w *flows.Walk, req StartRequest) string {
	t := w.Tree()
	ids := []string{w.Current().ID}
	for _, st := range w.Path() {
		ids = append(ids, st.Node)
	}
	for _, id := range ids {
		for _, f := range t.Flows {
			if f.Start == id {
				return f.Title
			}
		}
	}
	return req.FlowTitle
}

// breadcrumb lists the path's steps by id, a ✎ where notes were taken,
// cut from the left when it does not fit.
func (m stepModel) breadcrumb(w *flows.Walk, width int) string {
	s := m.c.styles
	var ids []string
	for _, st := range w.Path() {
		ids = append(ids, st.Node)
	}
	ids = append(ids, w.Current().ID)
	parts := make([]string, len(ids))
	for i, id := range ids {
		p := id
		if m.notes[id] {
			p += " ✎"
		}
		parts[i] = p
	}
	out := strings.Join(parts, " › ")
	for len(parts) > 1 && ansi.StringWidth(out) > width {
		parts = parts[1:]
		out = "… › " + strings.Join(parts, " › ")
	}
	return s.Crumb.Render(truncate(out, width))
}

// hanging wraps text to width with the lines after the first indented by
// indent columns, for numbered lists.
func hanging(text string, width, indent int) string {
	first := strings.Split(wrapText(text, width), "\n")[0]
	rest := strings.TrimSpace(strings.TrimPrefix(text, ansi.Strip(first)))
	if rest == "" {
		return first
	}
	pad := strings.Repeat(" ", indent)
	return first + "\n" + pad + strings.ReplaceAll(wrapText(rest, width-indent), "\n", "\n"+pad)
}

// truncate cuts s to width columns with an ellipsis, keeping styles.
func truncate(s string, width int) string {
	if width <= 1 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// wrapText wraps plain or styled text to width.
func wrapText(s string, width int) string {
	return ansi.Wrap(s, max(width, 10), "")
}
