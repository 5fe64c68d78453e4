package tui

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"deskside/flows"
)

// entry is one place a walk can start: the tree's start, a flow, or a
// training scenario.
type entry struct {
	node, title, desc string
	flow              string // the flow's title; empty for the tree's start
	scenario          string // a training scenario's id
}

func (e entry) Title() string       { return e.title }
func (e entry) Description() string { return e.desc }
func (e entry) FilterValue() string { return e.title + " " + e.desc }

// startModel is the first screen: ticket, operator, where to start.
type startModel struct {
	c        *common
	opts     Options
	ticket   textinput.Model
	operator textinput.Model
	entries  list.Model
	// descriptions says whether the entries' delegate shows each one's
	// description line.
	descriptions bool
	focus        int // 0 ticket, 1 operator, 2 entries
	err          string
}

// startAction is what the start screen asks the root for, as the step
// and outcome screens do.
type startAction struct {
	kind startKind
	req  StartRequest // for startNew
}

type startKind int

const (
	startNone   startKind = iota
	startNew              // open a new session with req
	startResume           // resume the offered unfinished session
)

func newStartModel(c *common, o Options) startModel {
	ti := textinput.New()
	ti.Placeholder = "e.g. INC0012345 (optional)"
	ti.CharLimit = 64
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.SetValue(o.Ticket)
	ti.Focus()
	op := textinput.New()
	op.Placeholder = "your name (optional)"
	op.CharLimit = 64
	op.Cursor.SetMode(cursor.CursorStatic)
	op.SetValue(o.Operator)

	l := list.New(startEntries(o), entryDelegate(c.styles, true), 40, 10)
	// Each setter lays the list out again, drawing every part still
	// shown; the costliest (the help) goes first.
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.SetShowTitle(false)
	l.SetFilteringEnabled(true)
	l.Filter = wordFilter
	l.FilterInput.Cursor.SetMode(cursor.CursorStatic)
	l.DisableQuitKeybindings()
	l.KeyMap.ShowFullHelp.SetEnabled(false)
	l.KeyMap.CloseFullHelp.SetEnabled(false)
	m := startModel{c: c, opts: o, ticket: ti, operator: op, entries: l, descriptions: true}
	if m.training() {
		m.setFocus(2) // Enter starts the scenario
	}
	m.setSize()
	return m
}

// startEntries are the start screen's choices for the options: the
// training scenario alone, all scenarios to pick from, or the entry points.
func startEntries(o Options) []list.Item {
	if o.Training != nil {
		for _, it := range entries(o.Tree, true) {
			if it.(entry).scenario == o.Training.Scenario.ID {
				return []list.Item{it}
			}
		}
	}
	return entries(o.Tree, o.PickScenario)
}

// entries are the places a walk of t can start, or its scenarios when
// picking one to train with.
func entries(t *flows.Tree, scenarios bool) []list.Item {
	items := []list.Item{}
	if t == nil {
		return items
	}
	if scenarios {
		for _, sc := range t.Scenarios {
			// Only the length: what the scenario teaches would give its
			// answers away before the trainee starts.
			desc := plural(len(sc.Expect)-1, "step", "steps")
			items = append(items, entry{node: sc.Expect[0], title: safeLine(sc.Title), desc: desc, scenario: sc.ID})
		}
		return items
	}
	if n, ok := t.Nodes[t.Start]; ok {
		items = append(items, entry{node: n.ID, title: "Triage: " + safeLine(n.Title), desc: "start at the beginning (" + n.ID + ")"})
	}
	for _, f := range t.Flows {
		desc := f.Description
		if desc == "" {
			desc = "starts at " + f.Start
		}
		items = append(items, entry{node: f.Start, title: safeLine(f.Title), desc: safeLine(desc), flow: f.Title})
	}
	return items
}

func (m *startModel) prefill(ticket, operator string) {
	m.ticket.SetValue(ticket)
	m.operator.SetValue(operator)
}

func (m *startModel) setSize() {
	if m.c.width == 0 {
		return // not sized yet: the terminal's size comes first
	}
	w := max(m.c.width-4, 20)
	m.ticket.Width = min(w-14, 40)
	m.operator.Width = min(w-14, 40)
	h := m.c.height - 10
	if m.opts.Resume != nil {
		h -= 3
	}
	m.entries.SetSize(w, max(h, 2))
	// On a short terminal each entry takes one line, so all are in sight.
	if d := m.c.height >= 30; d != m.descriptions {
		m.entries.SetDelegate(entryDelegate(m.c.styles, d))
		m.descriptions = d
	}
}

// entryDelegate draws the start screen's entries, the chosen one in the
// wizard's accent, with or without each entry's description line.
func entryDelegate(s Styles, descriptions bool) list.DefaultDelegate {
	d := list.NewDefaultDelegate()
	d.SetSpacing(0)
	d.ShowDescription = descriptions
	d.Styles.SelectedTitle = d.Styles.SelectedTitle.Foreground(colAccent).BorderForeground(colAccent)
	d.Styles.SelectedDesc = d.Styles.SelectedDesc.Foreground(colMuted).BorderForeground(colAccent)
	d.Styles.FilterMatch = lipgloss.NewStyle().Bold(true).Underline(true).Foreground(colOK)
	s.settle(&d.Styles)
	return d
}

func (m startModel) typing() bool {
	return m.focus < 2 || m.entries.FilterState() == list.Filtering
}

func (m startModel) update(msg tea.Msg) (startModel, startAction, tea.Cmd) {
	none := startAction{}
	k := m.c.keys
	if km, ok := msg.(tea.KeyMsg); ok {
		filtering := m.entries.FilterState() == list.Filtering
		switch {
		case key.Matches(km, k.NextField) && !filtering:
			m.setFocus(m.nextFocus(1))
			return m, none, nil
		case key.Matches(km, k.PrevField) && !filtering:
			m.setFocus(m.nextFocus(2))
			return m, none, nil
		case key.Matches(km, k.Resume) && m.opts.Resume != nil:
			return m, startAction{kind: startResume}, nil
		case key.Matches(km, k.Start) && !filtering:
			e, ok := m.entries.SelectedItem().(entry)
			if !ok {
				m.err = "Nothing matches the filter: press esc to clear it."
				return m, none, nil
			}
			return m, startAction{kind: startNew, req: StartRequest{Ticket: strings.TrimSpace(m.ticket.Value()), Operator: strings.TrimSpace(m.operator.Value()),
				StartNode: e.node, FlowTitle: e.flow, Scenario: e.scenario}}, nil
		case (key.Matches(km, k.Down) || key.Matches(km, k.Up)) && m.focus < 2 && km.String() != "j" && km.String() != "k":
			m.setFocus(2)
		}
	}
	var cmd tea.Cmd
	switch m.focus {
	case 0:
		m.ticket, cmd = m.ticket.Update(safeKeys(msg))
	case 1:
		m.operator, cmd = m.operator.Update(safeKeys(msg))
	default:
		m.entries, cmd = m.entries.Update(msg)
	}
	return m, none, cmd
}

// training reports a training run: it has no ticket, so the start screen
// asks only for the trainee's name and the scenario.
func (m startModel) training() bool { return m.opts.Training != nil || m.opts.PickScenario }

// nextFocus is the field step fields on (1 forward, 2 back), past the
// ticket field in training.
func (m startModel) nextFocus(step int) int {
	f := (m.focus + step) % 3
	if f == 0 && m.training() {
		f = (f + step) % 3
	}
	return f
}

func (m *startModel) setFocus(f int) {
	m.focus = f
	m.ticket.Blur()
	m.operator.Blur()
	switch f {
	case 0:
		m.ticket.Focus()
	case 1:
		m.operator.Focus()
	}
}

func (m startModel) help() keyHelp {
	k := m.c.keys
	short := []key.Binding{k.NextField, k.Start}
	if m.focus == 2 {
		short = append(short, k.Up, k.Down, k.Filter)
	}
	if m.opts.Resume != nil {
		short = append(short, k.Resume)
	}
	short = append(short, k.ForceQ)
	return keyHelp{short: short, full: [][]key.Binding{short, {k.PrevField, k.Help}}}
}

func (m startModel) view(avail int) string {
	s := m.c.styles
	w := m.c.width
	var b strings.Builder
	title := "Microsoft 365 sign-in and token troubleshooting"
	if m.opts.Tree != nil {
		title = safeLine(m.opts.Tree.Title)
	}
	b.WriteString(truncate(s.Brand.Render("deskside")+s.Muted.Render(" — "+title), w) + "\n")
	switch {
	case m.opts.Training != nil:
		b.WriteString(s.Training.Render("TRAINING") + " " + truncate(m.opts.Training.Scenario.Title, w-12) + "\n")
	case m.opts.PickScenario:
		b.WriteString(s.Training.Render("TRAINING") + " " + s.Muted.Render("pick a scenario to practise") + "\n")
	}
	b.WriteString(s.Rule.Render(strings.Repeat("─", w)) + "\n")
	label := func(text string, focused bool) string {
		if focused {
			return s.Cursor.Render("› " + text)
		}
		return s.Muted.Render("  " + text)
	}
	name := "Operator"
	if m.training() {
		name = "Trainee"
	} else {
		b.WriteString(label(fmt.Sprintf("%-11s", "Ticket ID"), m.focus == 0) + " " + m.ticket.View() + "\n")
	}
	b.WriteString(label(fmt.Sprintf("%-11s", name), m.focus == 1) + " " + m.operator.View() + "\n\n")
	listName := "Start at"
	if m.opts.PickScenario {
		listName = "Scenario"
	}
	b.WriteString(label(listName, m.focus == 2) + s.Muted.Render("  (tab to reach the list, / to filter)") + "\n")
	b.WriteString(m.entries.View() + "\n")
	if r := m.opts.Resume; r != nil {
		ticket := safeLine(r.Ticket)
		if ticket == "" {
			ticket = "no ticket"
		}
		line := fmt.Sprintf("Unfinished session from %s UTC (%s), stopped at %s — press ctrl+o to resume it.",
			r.Started.UTC().Format("Jan 2 15:04"), ticket, flows.Quote(safeLine(r.LastStep)))
		b.WriteString("\n" + s.Warn.Render(wrapText(line, w)) + "\n")
	}
	if m.err != "" {
		b.WriteString(s.Error.Render(wrapText(m.err, w)) + "\n")
	}
	foot := s.Muted.Render(truncate("Tree: "+m.opts.TreeLabel, w))
	log := s.Muted.Render(truncate("Log:  "+m.opts.LogLabel, w))
	if ansi.StringWidth("Tree: "+m.opts.TreeLabel+"   Log: "+m.opts.LogLabel) <= w {
		foot = s.Muted.Render("Tree: " + m.opts.TreeLabel + "   Log: " + m.opts.LogLabel)
	} else {
		foot += "\n" + log
	}
	return placeBottom(b.String(), foot, avail)
}

// wordFilter keeps the entries whose text has every word of the filter
// at the start of one of its words, case aside, and marks where. The
// list's default fuzzy match finds "graph" in "OneDrive sign-in error
// 0x8004de40" letter by letter; an operator who types "graph" means Graph.
func wordFilter(term string, targets []string) []list.Rank {
	words := strings.Fields(strings.ToLower(term))
	var ranks []list.Rank
	for i, t := range targets {
		lower := []rune(strings.ToLower(t))
		var matched []int
		ok := true
		for _, w := range words {
			at := wordStart(lower, []rune(w))
			if at < 0 {
				ok = false
				break
			}
			for j := range []rune(w) {
				matched = append(matched, at+j)
			}
		}
		if ok {
			ranks = append(ranks, list.Rank{Index: i, MatchedIndexes: matched})
		}
	}
	return ranks
}

// wordStart finds w in s where a word of s starts, or -1.
func wordStart(s, w []rune) int {
	for i := 0; i+len(w) <= len(s); i++ {
		if i > 0 && (unicode.IsLetter(s[i-1]) || unicode.IsDigit(s[i-1])) {
			continue
		}
		if string(s[i:i+len(w)]) == string(w) {
			return i
		}
	}
	return -1
}
