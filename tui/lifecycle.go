package tui

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// quit stops the program once every journal write queued before it is on
// disk: an export or the end of a session must never be cut off.
func (m *Model) quit() tea.Cmd {
	return m.writer.submit(writeReq{kind: writeQuit, j: m.journal})
}

func (m Model) askQuit() (Model, tea.Cmd) {
	if m.screen != screenStep {
		end := m.endSession("outcome")
		return m, tea.Batch(end, m.quit())
	}
	detail := "The log holds every answer so far."
	if m.journal != nil && !m.journal.InMemory() {
		detail += " Continue later with: deskside resume " + m.journal.Path()
	} else {
		detail = "No log is kept: this session cannot be resumed."
	}
	m.dialog = &dialog{
		quit:     true,
		question: "Quit deskside now?",
		detail:   detail,
		yes: func(m Model) (Model, tea.Cmd) {
			end := m.endSession("quit")
			return m, tea.Batch(end, m.quit())
		},
	}
	return m, nil
}

func (m Model) openSession(req StartRequest) tea.Cmd {
	tree, now, newSession := m.opts.Tree, m.opts.Now, m.opts.NewSession
	return func() tea.Msg {
		var j Journal
		if newSession != nil {
			var err error
			if j, err = newSession(req); err != nil {
				return sessionOpenMsg{err: err}
			}
		}
		w, evs := flows.NewWalkAt(tree, req.StartNode, now)
		var err error
		if j != nil {
			err = j.Append(evs...)
		}
		return sessionOpenMsg{req: req, journal: j, walk: w, err: err}
	}
}

// begin shows the step screen of a walk.
func (m *Model) begin(w *flows.Walk, j Journal, req *StartRequest) tea.Cmd {
	m.overrides = nil
	m.walk, m.journal = w, j
	if req != nil && req.Scenario != "" {
		if sc, ok := m.opts.Tree.Scenario(req.Scenario); ok {
			m.opts.Training = &Training{Scenario: sc}
		}
	}
	m.began = m.opts.Now()
	// A resumed call goes on counting from the time it already had, not
	// from 00:00; the time while it was quit does not count.
	if cd, ok := j.(interface{ CallDuration(time.Time) time.Duration }); ok {
		m.began = m.began.Add(-cd.CallDuration(m.began))
	}
	if req != nil {
		m.req = *req
	}
	m.screen = screenStep
	m.step = newStepModel(m.c, m.opts)
	m.step.enter(w)
	if w.Ended() {
		return m.toOutcome()
	}
	return nil
}

// record queues events for the journal in order and returns the command
// that writes them.
func (m *Model) record(evs []flows.Event) tea.Cmd {
	if m.journal == nil || len(evs) == 0 {
		return nil
	}
	return m.writer.submit(writeReq{kind: writeEvents, j: m.journal, evs: evs, what: describeEvents(evs)})
}

func (m *Model) recordEntry(e session.Entry) tea.Cmd {
	if m.journal == nil {
		return nil
	}
	what := []string{"the end of the session"}
	return m.writer.submit(writeReq{kind: writeEntry, j: m.journal, entry: e, now: m.opts.Now, what: what})
}

func (m *Model) endSession(reason string) tea.Cmd {
	if m.walk == nil {
		return nil
	}
	var final tea.Cmd
	if m.screen == screenOutcome && m.journal != nil && !m.journal.InMemory() {
		// The summary beside the log is what the ticket gets: written
		// again as the call ends, so that a closing note, an amendment and
		// the time spent at the outcome are in it, as deskside export
		// would say them.
		final = m.writer.submit(writeReq{kind: writeExport, j: m.journal, now: m.opts.Now, final: true})
	}
	cmd := m.recordEntry(session.Entry{Event: flows.Event{Type: session.EventEnd}, Reason: reason})
	m.walk = nil
	return tea.Batch(final, cmd)
}

func (m *Model) toStart() {
	m.screen = screenStart
	m.score = nil
	if m.opts.PickScenario {
		m.opts.Training = nil
	}
	m.start = newStartModel(m.c, m.opts)
	m.start.prefill(m.req.Ticket, m.req.Operator)
}

// act carries out what the step screen asked for on the walk.
func (m Model) act(a stepAction) (Model, tea.Cmd) {
	var evs []flows.Event
	var err error
	var training string
	switch a.kind {
	case actChoose:
		training = m.trainingTurn(a.choice)
		if sug := m.walk.Suggested(); sug >= 0 && sug != a.choice && a.choice < len(m.walk.Current().Choices) {
			n := m.walk.Current()
			m.overrides = append(m.overrides, fmt.Sprintf("step %d, %s: answered %s where the check suggested %s",
				m.walk.StepNumber(), flows.Quote(n.Title), flows.Quote(n.Choices[a.choice].Label), flows.Quote(n.Choices[sug].Label)))
		}
		done := m.step.done()
		evs, err = m.walk.Choose(a.choice)
		for i := range evs {
			if evs[i].Type == flows.EventAnswer {
				evs[i].Done = done
			}
		}
	case actBack:
		evs, err = m.walk.Back()
	case actNote:
		evs, err = m.walk.Note(a.text)
	case actProbe:
		return m, m.runProbe(a)
	}
	if err != nil {
		switch {
		case errors.Is(err, flows.ErrAtStart):
			m.status = "This is the first step; there is nothing to go back to."
		case errors.Is(err, flows.ErrEmptyNote):
			m.status = "An empty note was not saved."
		default:
			m.status = err.Error()
		}
		return m, nil
	}
	m.status = ""
	if a.kind == actNote {
		m.status = "Note saved."
		m.step.noted(m.walk)
		cmd := m.record(evs)
		return m, cmd
	}
	cmd := m.record(evs)
	m.step.enter(m.walk)
	if training != "" {
		m.status = training
	}
	if m.walk.Ended() {
		out := m.toOutcome()
		return m, tea.Batch(cmd, out)
	}
	return m, cmd
}

// runProbe reads a paste (or this PC) off the update loop, by the rule
// every driver shares (probes.ReadPaste): the step's own check first and,
// when that cannot read it or the step has none, every check that reads
// pasted text.
func (m Model) runProbe(a stepAction) tea.Cmd {
	reg := m.opts.Probes
	own, _ := reg.Lookup(a.probe)
	in := probes.Input{}
	if m.opts.ProbeInput != nil {
		in = m.opts.ProbeInput()
	}
	in.Text = a.text
	ctx, id := a.ctx, a.id
	return func() tea.Msg {
		start := time.Now()
		got := probes.ReadPaste(ctx, own, reg.All(), in)
		msg := probeDoneMsg{id: id, input: a.text, other: got.Others, kinds: got.Kinds, took: time.Since(start)}
		if got.Own != nil {
			msg.own = &checkRead{name: got.Own.Probe, result: got.Own.Result}
		}
		return msg
	}
}

// read reports a result that read something from its input.
func read(r probes.Result) bool {
	return r.Status != probes.StatusError && r.Status != probes.StatusUnavailable
}

func (m Model) probeDone(msg probeDoneMsg) (tea.Model, tea.Cmd) {
	if m.screen != screenStep || m.walk == nil || !m.step.probe.running(msg.id) {
		return m, nil // cancelled, or the walk moved on
	}
	var evs []flows.Event
	// The own check's result when it read the paste, or when nothing did
	// (so the attempt is logged); then every other check that recognised
	// part of the paste adds its facts.
	if o := msg.own; o != nil && (read(o.result) || len(msg.other) == 0) {
		evs = m.walk.ApplyProbe(o.name, msg.input, o.result, msg.took)
	}
	for _, rd := range msg.other {
		evs = append(evs, m.walk.ApplyProbe(rd.Probe, msg.input, rd.Result, msg.took)...)
	}
	m.step.probeDone(m.walk, msg)
	cmd := m.record(evs)
	return m, cmd
}

// toOutcome shows the outcome screen and writes the export beside the log.
func (m *Model) toOutcome() tea.Cmd {
	m.screen = screenOutcome
	m.outcome = newOutcomeModel(m.c, m.opts, m.walk)
	m.outcome.onDisk = m.journal != nil && !m.journal.InMemory()
	m.outcome.setSize()
	if t := m.opts.Training; t != nil {
		sc := flows.ScoreWalk(t.Scenario, m.walk, m.opts.Now().Sub(m.began))
		m.score = &sc
		m.outcome.score = scoreText(sc, m.opts.Tree, m.overrides)
		m.outcome.setSize()
	}
	var packet tea.Cmd
	if m.journal != nil && len(m.outcome.packet) > 0 {
		// The packet on screen becomes the export's own, read back from
		// the log after every write before it.
		packet = m.writer.submit(writeReq{kind: writePacket, j: m.journal, node: m.walk.Current().ID})
	}
	if m.journal == nil || m.journal.InMemory() {
		return packet
	}
	// The session ends when the operator leaves the outcome (quit, new
	// session): until then b can take an answer back.
	return tea.Batch(packet, m.exportCmd())
}

// exportCmd writes the Markdown export beside the log, after every
// journal write sent before it.
func (m *Model) exportCmd() tea.Cmd {
	return m.writer.submit(writeReq{kind: writeExport, j: m.journal, now: m.opts.Now})
}

func (m Model) outcomeAct(a outcomeAction, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	switch a.kind {
	case outExport:
		switch {
		case m.journal == nil || m.journal.InMemory():
			m.status = "No log folder is used: press c to copy the summary instead."
			return m, cmd
		case m.outcome.exported != "" && !m.outcome.changed:
			m.status = "The Markdown summary is already written to " + m.outcome.exported + "; nothing changed since."
			return m, cmd
		}
		export := m.exportCmd()
		return m, tea.Batch(cmd, export)
	case outCopy:
		if m.journal == nil {
			m.status = "Nothing to copy: this session kept no record."
			return m, cmd
		}
		// The summary is read back after every write sent before it.
		read := m.writer.submit(writeReq{kind: writeCopy, j: m.journal, maskUsers: a.maskUsers})
		return m, tea.Batch(cmd, read)
	case outNote:
		evs, err := m.walk.Note(a.text)
		if err != nil {
			m.status = "An empty note was not saved."
			return m, cmd
		}
		m.outcome.noted()
		m.status = "Closing note saved."
		if m.outcome.exported != "" {
			m.status += " Press e to write the summary again with it."
		}
		return m, tea.Batch(cmd, m.record(evs))
	case outBack:
		evs, err := m.walk.Back()
		if err != nil {
			m.status = "There is no answer to take back."
			return m, cmd
		}
		m.score = nil
		m.exported = ""
		m.screen = screenStep
		m.step.enter(m.walk)
		m.status = "Back from the outcome: the answer you give now is logged as an amendment, and the summary is written again."
		return m, tea.Batch(cmd, m.record(evs))
	case outNew:
		end := m.endSession("outcome")
		m.req.Ticket = "" // a new call: the operator stays, the ticket does not
		m.status = ""
		m.toStart()
		return m, tea.Batch(cmd, end)
	}
	return m, cmd
}

// copyReady asks before copying the summary the writer read back.
func (m Model) copyReady(msg copyReadyMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status = "Copy failed: " + msg.err.Error()
		return m, nil
	}
	out, clip, getenv := msg.out, m.opts.Clipboard, m.opts.Getenv
	m.dialog = &dialog{
		question: "Copy the Markdown summary to the clipboard?",
		detail:   fmt.Sprintf("%d bytes. Secrets were masked: %s.", len(out), session.DescribeRedactions(msg.counts)),
		yes: func(m Model) (Model, tea.Cmd) {
			return m, func() tea.Msg {
				n, err := copyOSC52(clip, out, getenv)
				return copyDoneMsg{bytes: n, err: err}
			}
		},
	}
	return m, nil
}

// trainingTurn says, the moment a trainee answers off the scenario's
// path, which answer it expects and why; "" on the path or outside
// training.
func (m Model) trainingTurn(choice int) string {
	t := m.opts.Training
	if t == nil {
		return ""
	}
	want := expectedChoice(t.Scenario, m.walk)
	if want < 0 || want == choice {
		return ""
	}
	n := m.walk.Current()
	c := n.Choices[want]
	why := c.Why
	if why == "" {
		why = PlainMarkdown(n.Why)
	}
	msg := fmt.Sprintf("TRAINING: you left the scenario's path at step %d. It expects answer %d, %s.", m.walk.StepNumber(), want+1, flows.Quote(c.Label))
	if why != "" {
		msg += " Why: " + why
	}
	return msg
}

// scoreText is the trainee's score: the engine's, with a why for the
// missed answer even when the answer itself gives none (the step's why
// then), and every place the trainee overrode the check's ★.
func scoreText(sc flows.Score, t *flows.Tree, overrides []string) string {
	if sc.Turn != nil && sc.Turn.Why == "" && t != nil {
		if n, ok := t.Nodes[sc.Turn.Node]; ok && n.Why != "" {
			turn := *sc.Turn
			turn.Why = PlainMarkdown(n.Why)
			sc.Turn = &turn
		}
	}
	text := sc.Text()
	if len(overrides) == 0 {
		return text
	}
	text += "\nOverrode the check's ★ " + plural(len(overrides), "time", "times") + ":"
	for _, o := range overrides {
		text += "\n• " + o
	}
	return text
}
