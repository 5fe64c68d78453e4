package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"deskside/flows"
)

// panelMinLines is the fewest lines a cut check panel takes: its border,
// its heading, the check's conclusion and the line that says it was cut.
const panelMinLines = 6

// middle is the scrollable part: the step's text, or the check's result.
func (m stepModel) middle(w *flows.Walk, width int) string {
	s := m.c.styles
	n := m.node
	parts := []string{s.Title.Render(wrapText(safeLine(n.Title), width))}
	if t := m.opts.Training; t != nil {
		if reply, ok := t.Scenario.Replies[n.ID]; ok {
			parts = append(parts, s.Training.Render("THE USER SAYS")+" "+wrapText("“"+safeLine(reply)+"”", width-16))
		}
	}
	if n.Body != "" {
		parts = append(parts, m.c.markdown(n.Body, width))
	}
	for _, run := range stepRuns(n.Steps) {
		var b strings.Builder
		b.WriteString(s.Label.Render(whoHeading(run.who)))
		for j, step := range run.steps {
			i := run.first + j
			box := "[ ]"
			text := m.c.markdown(step.Text, width-9)
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
	text := strings.Join(parts, "\n\n")
	if m.probe.state != probeShown || m.probe.result == nil {
		return text
	}
	// The check's panel goes above the step's text and takes the room the
	// text leaves, but at most half the text area when the text is long,
	// so the step's title and text stay in sight; never so little that
	// the panel says nothing.
	room := max(m.vp.Height-lipgloss.Height(text)-1, m.vp.Height/2, panelMinLines)
	return m.probe.resultView(w, width, room) + "\n\n" + text
}

func (m stepModel) whyView(w *flows.Walk, width int) string {
	s := m.c.styles
	n := m.node
	var b strings.Builder
	b.WriteString(s.Label.Render("Why this step"))
	if n.Why != "" {
		b.WriteString("\n" + wrapText(safe(PlainMarkdown(n.Why)), width))
	} else {
		b.WriteString("\n" + s.Muted.Render("The tree gives no reason for this step."))
	}
	if len(n.Choices) > 0 {
		b.WriteString("\n\n" + s.Label.Render("What each answer means"))
	}
	for i, c := range n.Choices {
		line := fmt.Sprintf("%d. %s", i+1, safeLine(c.Label))
		if c.Why != "" {
			line += " — " + safe(c.Why)
		}
		if !c.When.IsZero() {
			line += " [suggested when " + c.When.String() + "]"
		}
		b.WriteString("\n" + hanging(line, width, 3))
	}
	if t := m.opts.Training; t != nil {
		if i := expectedChoice(t.Scenario, w); i >= 0 {
			text := "Press w to see the answer the scenario expects."
			if m.revealed {
				text = fmt.Sprintf("The scenario expects answer %d: %s.", i+1, safeLine(n.Choices[i].Label))
			}
			b.WriteString("\n\n" + s.Training.Render("TRAINING") + " " + wrapText(text, width-11))
		}
	}
	return b.String()
}

// expectedChoice is the index of the answer a training scenario expects
// at the current step, or -1 when the walk is off its path.
func expectedChoice(sc flows.Scenario, w *flows.Walk) int {
	next := expectedNext(sc, w)
	if next == "" {
		return -1
	}
	for i, c := range w.Current().Choices {
		if c.Next == next {
			return i
		}
	}
	return -1
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
	head := s.Label.Render("Answers")
	switch {
	case m.digit > 0:
		head += s.Warn.Render(truncate(fmt.Sprintf("  %d… type a second digit for %d%d–%d, or enter for %d", m.digit, m.digit, 0, min(len(n.Choices), m.digit*10+9), m.digit), width-8))
	case m.notice != "":
		head += s.Warn.Render(truncate("  "+m.notice, width-8))
	default:
		if from := w.Suggestion().FromText(); sug >= 0 && from != "" {
			head += s.Suggested.Render(truncate("  ★ from "+from, width-8))
		}
	}
	lines := []string{head}
	for i, c := range n.Choices {
		mark := ""
		if i == sug {
			mark = " " + s.Suggested.Render("★ suggested")
		}
		num := fmt.Sprintf("%*d ", len(strconv.Itoa(len(n.Choices))), i+1)
		lead := 2 + len(num) // cursor and number
		pad := strings.Repeat(" ", lead)
		if i == m.cursor {
			text := wrapText(safeLine(c.Label), max(width-lead-ansi.StringWidth(mark), 10))
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
		label := truncate(safeLine(c.Label), width-lead-ansi.StringWidth(mark))
		lines = append(lines, "  "+s.Muted.Render(num)+s.Choice.Render(label)+mark)
	}
	return lines
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
		parts = append(parts, s.Header.Render(safeLine(req.Ticket)))
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
				return safeLine(f.Title)
			}
		}
	}
	return safeLine(req.FlowTitle)
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
