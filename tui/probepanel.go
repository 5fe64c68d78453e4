package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"deskside/flows"
	"deskside/probes"
)

type probeState int

const (
	probeIdle probeState = iota
	probePasting
	probeRunning
	probeShown
)

// probePanel is the step's check: the paste box, the spinner while the
// check runs, and the panel with what it found. It asks the step (and
// through it the root) to run a check with a stepAction.
type probePanel struct {
	c    *common
	opts Options

	state  probeState
	either bool // the check could read this PC instead of a paste
	paste  textarea.Model
	spin   spinner.Model
	runID  int
	cancel context.CancelFunc
	result *probeDoneMsg // what the last run read, while shown
	// whole shows the whole result; otherwise a long one is cut to
	// leave the step's text in sight (f shows it whole).
	whole bool

	// held is an Enter on an empty line, not yet taken as "check it":
	// without bracketed paste, a pasted blank line arrives as that same
	// key. If more keys follow at once it was part of a paste; if none
	// follows within pasteSettle, a person pressed it.
	held    bool
	heldSeq int
}

// pasteSettle is how long the paste box waits after an Enter on an empty
// line before it takes it as typed. A paste's keys arrive together, far
// closer than that; a person's next key comes later.
const pasteSettle = 30 * time.Millisecond

// pasteSettledMsg ends the wait after a held Enter.
type pasteSettledMsg struct{ seq int }

func newProbePanel(c *common, o Options) probePanel {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.CharLimit = probes.MaxPaste
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	ta.Placeholder = "Paste here (ctrl+shift+v or right-click), then ctrl+s"
	ta.Cursor.SetMode(cursor.CursorStatic)
	return probePanel{c: c, opts: o, paste: ta, spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// close cancels a running check and closes the panel.
func (p *probePanel) close() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.state = probeIdle
	p.result = nil
	p.whole = false
	p.held = false
	p.paste.Reset()
	p.paste.Blur()
}

func (p probePanel) typing() bool { return p.state == probePasting }

// running reports whether the check with this id is still awaited.
func (p probePanel) running(id int) bool { return p.state == probeRunning && p.runID == id }

// checkRead is one check's result on a paste.
type checkRead struct {
	name   string
	result probes.Result
}

// done shows what the checks read.
func (p *probePanel) done(msg probeDoneMsg) {
	p.state = probeShown
	p.cancel = nil
	p.result = &msg
	p.whole = false
}

// open runs the step's check: on the canned input in training, on this
// PC where it can, otherwise after a paste. A step without a check of
// its own takes a paste too: every check that recognises it reads it.
func (p probePanel) open(n *flows.Node) (probePanel, stepAction, tea.Cmd) {
	// Each p is a new paste: what the user sends next is read on its own,
	// not appended to the last one.
	p.paste.Reset()
	var pr probes.Probe
	ok := false
	if n.Probe != nil {
		pr, ok = p.opts.Probes.Lookup(n.Probe.Name)
	}
	if !ok {
		p.state, p.either, p.result = probePasting, false, nil
		return p, stepAction{}, p.paste.Focus()
	}
	if p.opts.Training != nil {
		if text, ok := p.opts.Training.Scenario.Probes[pr.Name()]; ok {
			return p.start(n, text)
		}
	}
	goos := ""
	if p.opts.ProbeInput != nil {
		goos = p.opts.ProbeInput().OS
	}
	mode := ModeOf(n.Probe, pr, goos)
	if mode == ModeRun {
		return p.start(n, "")
	}
	p.state = probePasting
	p.either = mode == ModeEither
	p.result = nil
	return p, stepAction{}, p.paste.Focus()
}

// start asks the root to run the check on text ("" reads this PC).
func (p probePanel) start(n *flows.Node, text string) (probePanel, stepAction, tea.Cmd) {
	ctx, cancel := probeCtx()
	p.runID++
	p.cancel = cancel
	p.state = probeRunning
	p.paste.Blur()
	name := ""
	if n.Probe != nil {
		name = n.Probe.Name
	}
	return p, stepAction{kind: actProbe, probe: name, text: text, id: p.runID, ctx: ctx}, p.spinTick()
}

// spinTick asks for the spinner's next frame through the injected timer,
// so tests that drive time themselves are not kept waiting by it.
func (p probePanel) spinTick() tea.Cmd {
	id := p.spin.ID()
	return p.opts.After(p.spin.Spinner.FPS, func(t time.Time) tea.Msg { return spinner.TickMsg{ID: id, Time: t} })
}

// update takes a message while the panel is open. handled is false for
// keys the panel leaves to the step (its result stays in sight while the
// operator answers).
func (p probePanel) update(msg tea.Msg, n *flows.Node) (next probePanel, act stepAction, cmd tea.Cmd, handled bool) {
	k := p.c.keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if p.state != probeRunning {
			return p, act, nil, true
		}
		p.spin, _ = p.spin.Update(msg)
		return p, act, p.spinTick(), true
	case pasteSettledMsg:
		if p.state != probePasting || !p.held || msg.seq != p.heldSeq {
			return p, act, nil, true
		}
		p.held = false
		p, act, cmd = p.submit(n)
		return p, act, cmd, true
	case tea.KeyMsg:
		switch p.state {
		case probePasting:
			if msg.Type == tea.KeyCtrlJ {
				msg = tea.KeyMsg{Type: tea.KeyEnter} // a bare line feed, as some consoles paste
			}
			if p.held {
				// More keys at once: the held Enter was a pasted blank line.
				p.held = false
				p.paste.InsertString("\n")
			}
			switch {
			case key.Matches(msg, k.Cancel):
				p.close()
				return p, act, nil, true
			case key.Matches(msg, k.ThisPC) && p.either:
				p, act, cmd = p.start(n, "")
				return p, act, cmd, true
			case key.Matches(msg, k.Submit):
				p, act, cmd = p.submit(n)
				return p, act, cmd, true
			case msg.Type == tea.KeyEnter && !msg.Paste && p.onEmptyLine():
				p.held = true
				p.heldSeq++
				seq := p.heldSeq
				return p, act, p.opts.After(pasteSettle, func(time.Time) tea.Msg { return pasteSettledMsg{seq} }), true
			}
			// A paste may carry control sequences: they reach the box (and
			// the checks) in a visible form, never the terminal.
			p.paste, cmd = p.paste.Update(safeKeys(msg))
			return p, act, cmd, true
		case probeRunning:
			if key.Matches(msg, k.Cancel) {
				p.close()
			}
			return p, act, nil, true
		case probeShown:
			if key.Matches(msg, k.Cancel) {
				p.close()
				return p, act, nil, true
			}
		}
	}
	return p, act, nil, false
}

// submit runs the check on what was pasted, if anything was.
func (p probePanel) submit(n *flows.Node) (probePanel, stepAction, tea.Cmd) {
	text := p.paste.Value()
	if strings.TrimSpace(text) == "" {
		return p, stepAction{}, nil
	}
	return p.start(n, text)
}

// onEmptyLine reports whether the paste cursor sits on an empty line after
// some text: pressing Enter there submits.
func (p probePanel) onEmptyLine() bool {
	v := p.paste.Value()
	if strings.TrimSpace(v) == "" {
		return false
	}
	lines := strings.Split(v, "\n")
	row := p.paste.Line()
	return row < len(lines) && strings.TrimSpace(lines[row]) == ""
}

// help is the panel's help while it has the keyboard.
func (p probePanel) help() (keyHelp, bool) {
	k := p.c.keys
	switch p.state {
	case probePasting:
		short := []key.Binding{k.SubmitPaste}
		if p.either {
			short = append(short, k.ThisPC)
		}
		short = append(short, k.CancelBox)
		return keyHelp{short: short, full: [][]key.Binding{short}}, true
	case probeRunning:
		return keyHelp{short: []key.Binding{k.CancelCheck}, full: [][]key.Binding{{k.CancelCheck}}}, true
	}
	return keyHelp{}, false
}

// setSize fits the paste box to the main column and the lines free.
func (p *probePanel) setSize(n *flows.Node, width, height int) {
	p.paste.SetWidth(max(width-2, 10))
	askLines := strings.Count(p.ask(n, width), "\n") + 1
	p.paste.SetHeight(max(height-2-3-askLines-1, 3))
}

// pasteView is the paste box with what to paste above it.
func (p probePanel) pasteView(n *flows.Node, width int) string {
	s := p.c.styles
	size := pastedText(p.paste.Value())
	return s.Label.Render(p.ask(n, width)) + "\n" + p.paste.View() + "\n" +
		s.Muted.Render(wrapText(size+" The paste is kept in the session log with secrets masked.", width))
}

// runningView says which check runs, in height lines.
func (p probePanel) runningView(n *flows.Node, height int) string {
	what := "Reading the paste with every check…"
	if n.Probe != nil {
		what = "Running the " + n.Probe.Name + " check…"
	}
	return fitHeight(p.spin.View()+" "+what+" "+p.c.styles.Muted.Render("(esc cancels)"), height)
}

// ask says what to paste, wrapped to width.
func (p probePanel) ask(n *flows.Node, width int) string {
	if n.Probe == nil {
		return wrapText("Paste what the user sent (an error, a response, a token, a command's output): every check that recognises it reads it.", width)
	}
	ask := "Paste what the check should read."
	pr, ok := p.opts.Probes.Lookup(n.Probe.Name)
	switch {
	case n.Probe.Prompt != "":
		ask = n.Probe.Prompt
	case ok:
		ask = "Paste " + pr.Describe().Paste + "."
	}
	if p.either && ok {
		ask += " Or ctrl+t: run " + pr.Describe().Program + " on this PC (only if it is the user's PC)."
	}
	ask += " Anything else the user sent is read by the check that recognises it."
	return wrapText(ask, width)
}

// title names a check for people: "Decode a token (jwt)".
func (p probePanel) title(name string) string {
	if pr, ok := p.opts.Probes.Lookup(name); ok {
		return pr.Describe().Title + " (" + name + ")"
	}
	return name
}

// resultView is the panel with what the checks read, outer columns wide:
// the step's own check; or every check that recognised the paste, with
// what each found; or, when none did, what deskside can read. Unless the
// operator asked for the whole result, the panel takes at most maxLines
// lines and its last line says what was left out.
func (p probePanel) resultView(w *flows.Walk, outer, maxLines int) string {
	s := p.c.styles
	r := p.result
	width := outer - 4 // inside the panel's border and padding
	var reads []checkRead
	var head string
	ownRead := r.own != nil && read(r.own.result)
	switch {
	case ownRead && len(r.other) == 0:
		reads = []checkRead{*r.own}
		head = "Check: " + p.title(r.own.name)
	case ownRead || len(r.other) > 0:
		// The own check first when it read the paste, then every other
		// check that recognised its part.
		var names []string
		if ownRead {
			reads, names = append(reads, *r.own), append(names, r.own.name)
		}
		for _, rd := range r.other {
			reads = append(reads, checkRead{name: rd.Probe, result: rd.Result})
			names = append(names, rd.Probe)
		}
		head = "Read as: " + strings.Join(names, ", ")
	case r.own != nil && len(r.kinds) == 0:
		reads = []checkRead{*r.own}
		head = "Check: " + p.title(r.own.name)
	default:
		head = "No check recognised this paste"
	}
	var b strings.Builder
	hint := "esc closes · p pastes again"
	if r.input == "" {
		hint = "esc closes · p runs again"
	}
	if p.whole {
		hint += " · f shortens"
	}
	sep := "  "
	if ansi.StringWidth(head+sep+hint) > width {
		sep = "\n"
	}
	b.WriteString(s.PanelTitle.Render(truncate(head, width)) + sep + s.Muted.Render(hint))
	if r.own != nil && !ownRead && len(reads) > 0 && reads[0].name != r.own.name {
		b.WriteString("\n" + s.Muted.Render(truncate("The "+r.own.name+" check could not read it: "+safeLine(r.own.result.Summary), width)))
	}
	if p.opts.Training != nil {
		b.WriteString("\n" + s.Training.Render("TRAINING") + s.Muted.Render(" recorded input of the scenario"))
	}
	// What each check concluded, and what that implies together, come
	// before the facts behind it: a panel cut to leave the step in sight
	// keeps them.
	for _, cr := range reads {
		status := s.Status(cr.result.Status) + " "
		summary := safe(cr.result.Summary)
		if len(reads) > 1 {
			summary = p.title(cr.name) + ": " + summary
		}
		b.WriteString("\n" + indentAfterFirst(status, wrapText(summary, width-ansi.StringWidth(status))))
	}
	for _, f := range w.Findings() {
		b.WriteString("\n" + s.Warn.Render(wrapText("Taken together: "+safe(f.Text), width)))
	}
	// A cut panel keeps at least its heading and the conclusions.
	essential := lipgloss.Height(b.String())
	for _, cr := range reads {
		res := cr.result
		facts := flows.Facts(res.Facts)
		if names := facts.Names(); len(names) > 0 {
			label := "Facts"
			if len(reads) > 1 {
				label += " (" + cr.name + ")"
			}
			b.WriteString("\n" + s.Label.Render(label))
			for _, k := range names {
				b.WriteString("\n  " + s.Muted.Render(k+" = ") + truncate(safeLine(flows.Format(facts[k])), width-ansi.StringWidth(k)-5))
			}
		}
		if len(res.Details) > 0 && len(reads) == 1 {
			b.WriteString("\n" + s.Label.Render("Details"))
			for _, d := range res.Details {
				b.WriteString("\n" + indentAfterFirst("  ", wrapText(safe(d), width-2)))
			}
		}
	}
	if len(reads) == 0 {
		if r.own != nil {
			b.WriteString("\n" + s.Status(r.own.result.Status) + " " + truncate(safeLine(r.own.result.Summary), width-10))
		}
		b.WriteString("\n" + wrapText("deskside reads these; paste one of them, or answer from what the user says:", width))
		for _, k := range r.kinds {
			b.WriteString("\n" + hanging("• "+k, width, 2))
		}
	}
	body := b.String()
	// The panel's border takes two lines and the sign one: what is inside
	// gets the rest.
	if keep := max(maxLines-3, essential); !p.whole && maxLines > 0 && lipgloss.Height(body) > keep+1 {
		lines := strings.Split(body, "\n")
		more := len(lines) - keep
		lines = append(lines[:keep], s.Muted.Render(truncate(fmt.Sprintf("… %s more: f shows the whole result", plural(more, "line", "lines")), width)))
		body = strings.Join(lines, "\n")
	}
	return s.Panel.Width(max(outer-2, 10)).Render(body)
}

// probeCtx makes the context a probe runs under.
func probeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 15*time.Second)
}

// pastedText says how much is in the paste box: nothing, or how many
// lines, not counting the empty line a paste's last line break leaves.
func pastedText(v string) string {
	if strings.TrimSpace(v) == "" {
		return "Nothing pasted yet."
	}
	n := strings.Count(strings.TrimRight(v, "\r\n"), "\n") + 1
	return plural(n, "line", "lines") + " pasted."
}
