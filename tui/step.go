package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
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

// done lists the steps (from 1) the operator ticked, for the answer's
// record: the ticket says what was really done.
func (m stepModel) done() []int {
	var out []int
	for i, t := range m.ticked {
		if t {
			out = append(out, i+1)
		}
	}
	return out
}

// stepModel draws one step of the walk: header, breadcrumb, the step's
// text and instructions, the answers, and the probe panel.
type stepModel struct {
	c    *common
	opts Options

	node   *flows.Node
	cursor int
	moved  bool // the operator moved the cursor, so keep it off the suggestion
	ticked []bool
	// kept are the ticks of the steps left during this call, by node.
	kept map[string][]bool
	why  bool
	side bool // the why panel fits beside the step (set by setSize)
	vp   viewport.Model
	top  int // first visible answer when they do not all fit

	probe probePanel

	noting bool
	note   textinput.Model
	notes  map[string]bool // steps with a note, marked in the breadcrumb

	// digit is the first digit of a two-digit answer, typed on a step
	// with more than nine answers, while the wizard waits for a second.
	digit    int
	digitSeq int
	// notice is a one-line message under the answers' heading.
	notice string
	// revealed is set when a trainee asked (w) for the answer the
	// scenario expects at this step.
	revealed bool
}

// digitWait is how long a step with more than nine answers waits for
// the second digit of an answer before it takes the first alone.
const digitWait = 800 * time.Millisecond

// digitTimeoutMsg ends the wait for a second digit.
type digitTimeoutMsg struct{ seq int }

func newStepModel(c *common, o Options) stepModel {
	ni := textinput.New()
	ni.Cursor.SetMode(cursor.CursorStatic)
	ni.Placeholder = "what the user said, what you tried…"
	ni.CharLimit = 2000
	return stepModel{c: c, opts: o, probe: newProbePanel(c, o), note: ni, notes: map[string]bool{},
		kept: map[string][]bool{}, why: o.Training != nil}
}

// enter shows the walk's current step afresh.
func (m *stepModel) enter(w *flows.Walk) {
	// The ticks of the step being left are kept for this call: going back
	// to it shows what was already done there.
	if m.node != nil {
		m.kept[m.node.ID] = m.ticked
	}
	m.node = w.Current()
	m.cursor, m.moved, m.top = 0, false, 0
	m.ticked = make([]bool, len(m.node.Steps))
	if kept := m.kept[m.node.ID]; len(kept) == len(m.ticked) {
		copy(m.ticked, kept)
	}
	m.probe.close()
	m.noting = false
	m.digit, m.revealed = 0, false
	m.vp.SetYOffset(0) // every step opens at its top
	if s := w.Suggested(); s >= 0 {
		m.cursor = s
	}
	m.setSize(w)
}

func (m *stepModel) noted(w *flows.Walk) {
	m.notes[w.Current().ID] = true
	m.noting = false
	m.note.Reset()
	m.note.Blur()
}

func (m stepModel) typing() bool { return m.probe.typing() || m.noting }

// probeDone shows a check's result and moves the cursor to the answer it
// suggests, unless the operator already moved it.
func (m *stepModel) probeDone(w *flows.Walk, msg probeDoneMsg) {
	m.probe.done(msg)
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
	m.probe.setSize(m.node, main, m.c.height)
	m.note.Width = max(main-10, 10)
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
	if km, ok := msg.(tea.KeyMsg); ok && m.noting {
		switch {
		case key.Matches(km, k.Cancel):
			m.noting = false
			m.note.Blur()
			m.setSize(w)
			return m, none, nil
		case km.Type == tea.KeyEnter:
			return m, stepAction{kind: actNote, text: m.note.Value()}, nil
		}
		var cmd tea.Cmd
		m.note, cmd = m.note.Update(safeKeys(km))
		return m, none, cmd
	}
	if d, ok := msg.(digitTimeoutMsg); ok {
		if d.seq != m.digitSeq || m.digit == 0 {
			return m, none, nil
		}
		i := m.digit
		m.digit = 0
		return m, stepAction{kind: actChoose, choice: i - 1}, nil
	}
	before := m.probe.state
	probe, act, cmd, handled := m.probe.update(msg, m.node)
	m.probe = probe
	if m.probe.state != before {
		m.setSize(w)
	}
	if handled {
		return m, act, cmd
	}
	if km, ok := msg.(tea.KeyMsg); ok {
		return m.key(km, w)
	}
	return m, none, nil
}

func (m stepModel) key(msg tea.KeyMsg, w *flows.Walk) (stepModel, stepAction, tea.Cmd) {
	none := stepAction{}
	k := m.c.keys
	n := m.node
	if m.digit > 0 {
		first := m.digit
		m.digit = 0
		switch {
		case key.Matches(msg, k.Number):
			i := first*10 + int(msg.Runes[0]-'0')
			if i > len(n.Choices) {
				m.notice = fmt.Sprintf("There is no answer %d: type a number from 1 to %d.", i, len(n.Choices))
				m.layout(w)
				return m, none, nil
			}
			return m, stepAction{kind: actChoose, choice: i - 1}, nil
		case key.Matches(msg, k.Choose):
			return m, stepAction{kind: actChoose, choice: first - 1}, nil
		}
		m.layout(w) // any other key drops the digit typed
	}
	m.notice = ""
	switch {
	case key.Matches(msg, k.Number):
		d := int(msg.Runes[0] - '0')
		switch {
		case d == 0 || d > len(n.Choices):
		case len(n.Choices) > 9 && d*10 <= len(n.Choices):
			// 1 may be answer 1 or the start of 10-12: wait for a second digit.
			m.digit = d
			m.digitSeq++
			seq := m.digitSeq
			m.layout(w)
			return m, none, m.opts.After(digitWait, func(time.Time) tea.Msg { return digitTimeoutMsg{seq} })
		default:
			return m, stepAction{kind: actChoose, choice: d - 1}, nil
		}
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
	case key.Matches(msg, k.Back):
		return m, stepAction{kind: actBack}, nil
	case key.Matches(msg, k.Note):
		m.noting = true
		m.note.Reset()
		m.setSize(w)
		return m, none, m.note.Focus()
	case key.Matches(msg, k.Why):
		if m.opts.Training != nil && !m.revealed {
			// A trainee's w asks for the expected answer; the panel
			// with the step's reasons is already open.
			m.revealed, m.why = true, true
		} else {
			m.why = !m.why
		}
		m.setSize(w)
		if m.why && !m.side {
			// Below the step the panel would open out of sight: bring
			// its first line to the top.
			main, _ := m.widths()
			m.vp.SetYOffset(m.vp.TotalLineCount() - lipgloss.Height(m.whyView(w, main)))
		}
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
	case key.Matches(msg, k.Whole) && m.probe.state == probeShown:
		m.probe.whole = !m.probe.whole
		m.setSize(w)
	case key.Matches(msg, k.PageDn):
		m.vp.HalfPageDown()
	case key.Matches(msg, k.PageUp):
		m.vp.HalfPageUp()
	case key.Matches(msg, k.Probe):
		probe, act, cmd := m.probe.open(m.node)
		m.probe = probe
		m.setSize(w)
		return m, act, cmd
	}
	return m, none, nil
}

func (m stepModel) help(w *flows.Walk) keyHelp {
	k := m.c.keys
	if m.noting {
		return keyHelp{short: []key.Binding{k.SaveNote, k.Cancel}, full: [][]key.Binding{{k.SaveNote, k.Cancel}}}
	}
	if h, ok := m.probe.help(); ok {
		return h
	}
	num := k.Number
	if m.node != nil && len(m.node.Choices) > 9 {
		num.SetHelp(fmt.Sprintf("1-%d", len(m.node.Choices)), "answer")
	}
	probe := k.Probe
	if m.node != nil && m.node.Probe == nil {
		probe.SetHelp("p", "paste") // any paste: every check that recognises it reads it
	}
	short := []key.Binding{num, k.UpDown, k.Choose, probe}
	short = append(short, k.Note, k.Back, k.Why, k.Help, k.Quit)
	full := [][]key.Binding{
		{k.Up, k.Down, num, k.Choose},
		{k.Back, k.Note, k.Why},
	}
	extra := []key.Binding{k.PageUp, k.PageDn, probe}
	if m.node != nil && len(m.node.Steps) > 0 {
		extra = append(extra, k.Tick, k.Untick)
	}
	if m.probe.state == probeShown {
		extra = append(extra, k.Whole, k.Cancel)
	}
	full = append(full, extra, []key.Binding{k.Restart, k.Help, k.Quit, k.ForceQ})
	// The answer digits, p, b, ? and q stay on a narrow line.
	return keyHelp{short: short, full: full, minor: []key.Binding{k.UpDown, k.Choose, k.Why, k.Note}}
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

	if m.probe.state == probePasting {
		return header + "\n" + fitHeight(m.probe.pasteView(m.node, width), avail-3)
	}

	// The layout is worked out again here from the lines actually free
	// (the full help takes more), on a copy: View changes nothing.
	answers := m.answerLines(w, main)
	vp := m.vp
	vp.Height = max(avail-3-len(answers), 3)
	if room := avail - 3 - vp.Height; len(answers) > room && room > 2 {
		answers = m.scrollAnswers(answers, room)
	}
	mid := scrolled(vp, s.Muted)
	if m.probe.state == probeRunning {
		mid = m.probe.runningView(m.node, vp.Height)
	}
	if side > 0 {
		panel := s.Why.Width(side - 1).Height(vp.Height).Render(fitHeight(m.whyView(w, side-2), vp.Height))
		mid = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(main).Render(fitHeight(mid, vp.Height)), " ", panel)
	}
	return header + "\n" + fitHeight(mid, vp.Height) + "\n" + strings.Join(answers, "\n")
}
