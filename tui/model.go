// Package tui is deskside's terminal wizard: a Bubble Tea program with one
// model per screen (start, step, outcome) and a root model that routes
// messages, plus the plain-text driver for screen readers and scripts.
// Both drive the same flows.Walk.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// MinWidth and MinHeight are the smallest terminal the wizard draws in.
const (
	MinWidth  = 50
	MinHeight = 15
)

// Journal is what the wizard records a session into. *session.Journal is
// one; it is an interface so tests can watch what is written.
type Journal interface {
	Append(evs ...flows.Event) error
	AppendEntry(e session.Entry) error
	ExportBeside(at time.Time) (string, map[string]int, error)
	Summary() (*session.Summary, error)
	Path() string
	InMemory() bool
}

// StartRequest is what the start screen asks for when Enter is pressed.
type StartRequest struct {
	Ticket    string
	Operator  string
	StartNode string
	FlowTitle string
	// Scenario is the training scenario picked, if any.
	Scenario string
}

// ResumeOffer is an unfinished session the start screen offers to resume.
type ResumeOffer struct {
	Path     string
	Started  time.Time
	Ticket   string
	LastStep string
	// Open rebuilds the walk and reopens its journal.
	Open func() (*flows.Walk, Journal, error)
}

// Training configures a training run of a scenario: its canned probe
// inputs are used, the why panel starts open, and the outcome shows a
// score against the scenario's expected path.
type Training struct {
	Scenario flows.Scenario
}

// Options configures the terminal wizard.
type Options struct {
	Tree       *flows.Tree
	Probes     *probes.Registry
	ProbeInput func() probes.Input
	Now        func() time.Time
	// After makes the command that delivers a timer's message: tea.Tick
	// unless a test drives time itself.
	After    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	Renderer *lipgloss.Renderer
	// Getenv tells the terminal multiplexer an OSC 52 copy must pass.
	Getenv func(string) string
	Keys   KeyMap
	// Clipboard receives the OSC 52 sequence that copies text.
	Clipboard io.Writer
	// NewSession opens the journal of a new walk.
	NewSession func(StartRequest) (Journal, error)
	// Resume, when set, is offered on the start screen.
	Resume *ResumeOffer
	// Ticket and Operator prefill the start screen.
	Ticket, Operator string
	// TreeLabel and LogLabel describe the tree file and log folder.
	TreeLabel, LogLabel string
	// Walk and Journal skip the start screen: a resumed session
	// continues at its step.
	Walk    *flows.Walk
	Journal Journal
	// Training, when set, runs a scenario with canned probe inputs.
	Training *Training
	// PickScenario makes the start screen offer the tree's scenarios
	// instead of its flows (deskside train without a scenario).
	PickScenario bool
	// Warning is shown once on the first screen (a torn log, a changed tree).
	Warning string
}

type screen int

const (
	screenStart screen = iota
	screenStep
	screenOutcome
)

func (s screen) String() string {
	return [...]string{"start", "step", "outcome"}[s]
}

// common is what every screen shares: size, styles, keys, Markdown and
// the clock reading of the last tick.
type common struct {
	width, height int
	styles        Styles
	keys          KeyMap
	md            *Markdown
	bodies        map[bodyKey]string // rendered Markdown, by node and width
	now           time.Time
}

type bodyKey struct {
	src   string
	width int
}

// markdown returns src rendered at width, rendering each text once per
// width: key presses never parse Markdown again.
func (c *common) markdown(src string, width int) string {
	k := bodyKey{src, width}
	if s, ok := c.bodies[k]; ok {
		return s
	}
	s := c.md.Render(src, width)
	c.bodies[k] = s
	return s
}

// Model is the root model: it owns the walk and the journal, handles the
// global keys and routes everything else to the active screen.
type Model struct {
	c      *common
	opts   Options
	screen screen

	start   startModel
	step    stepModel
	outcome outcomeModel

	walk    *flows.Walk
	journal Journal
	writer  *journalWriter
	began   time.Time
	req     StartRequest
	// initCmd is the work New started (a walk that opens at its outcome
	// writes its export): Init hands it to the program.
	initCmd tea.Cmd
	// failure is a journal write that failed: a blocking screen until
	// the write succeeds or the operator quits.
	failure *writeFailure
	// quitErr is set when the program quit with events not on disk.
	quitErr error

	score    *flows.Score // a training run's score, at the outcome
	dialog   *dialog
	help     help.Model
	fullHelp bool
	status   string // one-line message: warnings, what was done
	quitting bool
}

// New makes the wizard's root model.
func New(o Options) Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.After == nil {
		o.After = tea.Tick
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Renderer == nil {
		o.Renderer = lipgloss.DefaultRenderer()
	}
	if len(o.Keys.Quit.Keys()) == 0 {
		o.Keys = DefaultKeyMap()
	}
	styles := NewStyles(o.Renderer)
	c := &common{styles: styles, keys: o.Keys, bodies: map[bodyKey]string{}, now: o.Now()}
	c.md = NewMarkdown(&c.styles)
	h := help.New()
	h.Styles.ShortKey = styles.Label
	h.Styles.FullKey = styles.Label
	h.Styles.ShortDesc = styles.Muted
	h.Styles.FullDesc = styles.Muted
	m := Model{c: c, opts: o, help: h, status: o.Warning, writer: newJournalWriter()}
	m.start = newStartModel(c, o)
	if o.Walk != nil {
		m.initCmd = m.begin(o.Walk, o.Journal, &StartRequest{Ticket: o.Ticket, Operator: o.Operator})
	}
	return m
}

// WithTree gives the wizard its tree when the model was made before the
// tree was loaded: the tree file is parsed while the screens are built,
// which shortens the time to the first frame.
func (m Model) WithTree(t *flows.Tree, label string) Model {
	m.opts.Tree, m.opts.TreeLabel = t, label
	m.start.opts.Tree, m.start.opts.TreeLabel = t, label
	m.start.entries.SetItems(startEntries(m.opts))
	return m
}

// Err returns the failed journal write the operator quit on, or nil: the
// session then ends with events that are not in its log, and the command
// must say so and exit non-zero.
func (m Model) Err() error { return m.quitErr }

// Score returns a training run's score once the walk reached its outcome.
func (m Model) Score() *flows.Score { return m.score }

// Init starts the clock, and any work New began.
func (m Model) Init() tea.Cmd { return tea.Batch(m.tick(), m.initCmd) }

type tickMsg time.Time

// tick asks for the clock's next reading in a second.
func (m Model) tick() tea.Cmd {
	now := m.opts.Now
	return m.opts.After(time.Second, func(time.Time) tea.Msg { return tickMsg(now()) })
}

// Messages that report work done off the update loop.
type (
	sessionOpenMsg struct {
		req     StartRequest
		journal Journal
		walk    *flows.Walk
		err     error
	}
	probeDoneMsg struct {
		id     int
		name   string
		input  string
		result probes.Result
		took   time.Duration
	}
	copyDoneMsg struct {
		bytes int
		err   error
	}
)

// Update routes a message: global keys and work results here, the rest
// to the active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width == m.c.width && msg.Height == m.c.height {
			return m, nil // already laid out for this size: no clearing flash
		}
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.start.setSize()
		m.step.setSize(m.walk)
		m.outcome.setSize()
		return m, tea.ClearScreen
	case tickMsg:
		m.c.now = time.Time(msg)
		return m, m.tick()
	case journalDoneMsg:
		if msg.err != nil {
			m.failed(msg.err, msg.what)
		}
		return m, nil
	case flushedMsg:
		if msg.err != nil {
			m.failed(msg.err, nil)
			return m, nil
		}
		m.failure = nil
		m.status = "The log is written again: nothing was lost."
		return m, nil
	case sessionOpenMsg:
		if msg.err != nil {
			m.start.err = msg.err.Error()
			return m, nil
		}
		cmd := m.begin(msg.walk, msg.journal, &msg.req)
		return m, cmd
	case probeDoneMsg:
		return m.probeDone(msg)
	case exportDoneMsg:
		if msg.err != nil {
			m.status = "Export failed: " + msg.err.Error()
		} else {
			m.status = fmt.Sprintf("Export written to %s (%s).", msg.path, session.DescribeRedactions(msg.counts))
		}
		return m, nil
	case copyReadyMsg:
		return m.copyReady(msg)
	case copyDoneMsg:
		if msg.err != nil {
			m.status = "Copy failed: " + msg.err.Error()
		} else {
			m.status = fmt.Sprintf("Copied the Markdown summary (%d bytes) to the clipboard.", msg.bytes)
		}
		return m, nil
	case quitMsg:
		if msg.err != nil && m.failure == nil {
			m.failed(msg.err, nil)
			return m, nil
		}
		m.quitting = true
		return m, tea.Quit
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m.forward(msg)
}

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	if m.failure != nil {
		return m.failureKey(msg)
	}
	if m.dialog != nil {
		d := m.dialog
		switch {
		case key.Matches(msg, k.Yes):
			m.dialog = nil
			return d.yes(m)
		case key.Matches(msg, k.No), key.Matches(msg, k.ForceQ):
			m.dialog = nil
			return m, nil
		}
		return m, nil
	}
	typing := m.typing()
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !typing {
		// Keys typed quickly arrive together; take them one at a time.
		var cmds []tea.Cmd
		var next tea.Model = m
		for _, r := range msg.Runes {
			var cmd tea.Cmd
			next, cmd = next.(Model).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
		}
		return next, tea.Batch(cmds...)
	}
	switch {
	case key.Matches(msg, k.ForceQ), key.Matches(msg, k.Quit) && !typing:
		return m.askQuit()
	case key.Matches(msg, k.Help) && !typing:
		m.fullHelp = !m.fullHelp
		return m, nil
	case key.Matches(msg, k.Restart) && m.screen == screenStep:
		m.dialog = &dialog{
			question: "Restart from the start screen?",
			detail:   "This session's log is complete and ends here; a new session begins.",
			yes: func(m Model) (Model, tea.Cmd) {
				cmd := m.endSession("restarted")
				m.toStart()
				return m, cmd
			},
		}
		return m, nil
	}
	if m.screen == screenStep && m.tooSmall() {
		return m, nil
	}
	return m.forward(msg)
}

// typing reports whether a text box has the keyboard, so that letters
// type instead of acting as commands.
func (m Model) typing() bool {
	switch m.screen {
	case screenStart:
		return m.start.typing()
	case screenStep:
		return m.step.typing()
	}
	return false
}

// quit stops the program once every journal write queued before it is on
// disk: an export or the end of a session must never be cut off.
func (m *Model) quit() tea.Cmd {
	return m.writer.submit(writeReq{kind: writeQuit, j: m.journal})
}

func (m Model) askQuit() (Model, tea.Cmd) {
	if m.screen != screenStep {
		cmd := m.quit()
		return m, cmd
	}
	detail := "The log holds every answer so far."
	if m.journal != nil && !m.journal.InMemory() {
		detail += " Continue later with: deskside resume " + m.journal.Path()
	} else {
		detail = "No log is kept (--no-log): this session cannot be resumed."
	}
	m.dialog = &dialog{
		question: "Quit deskside now?",
		detail:   detail,
		yes: func(m Model) (Model, tea.Cmd) {
			end := m.endSession("quit")
			return m, tea.Batch(end, m.quit())
		},
	}
	return m, nil
}

func (m Model) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenStart:
		var req *StartRequest
		m.start, req, cmd = m.start.update(msg)
		if req != nil {
			return m, m.openSession(*req)
		}
		if m.start.resume && m.opts.Resume != nil {
			m.start.resume = false
			r := m.opts.Resume
			return m, func() tea.Msg {
				w, j, err := r.Open()
				return sessionOpenMsg{req: StartRequest{Ticket: r.Ticket}, journal: j, walk: w, err: err}
			}
		}
	case screenStep:
		var act stepAction
		m.step, act, cmd = m.step.update(msg, m.walk)
		if act.kind != actNone {
			next, actCmd := m.act(act)
			return next, tea.Batch(cmd, actCmd)
		}
	case screenOutcome:
		var act outcomeAction
		m.outcome, act, cmd = m.outcome.update(msg)
		return m.outcomeAct(act, cmd)
	}
	return m, cmd
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
	m.walk, m.journal = w, j
	if req != nil && req.Scenario != "" {
		if sc, ok := m.opts.Tree.Scenario(req.Scenario); ok {
			m.opts.Training = &Training{Scenario: sc}
		}
	}
	m.began = m.opts.Now()
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
	cmd := m.recordEntry(session.Entry{Event: flows.Event{Type: session.EventEnd}, Reason: reason})
	m.walk = nil
	return cmd
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
	switch a.kind {
	case actChoose:
		evs, err = m.walk.Choose(a.choice)
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
	if m.walk.Ended() {
		out := m.toOutcome()
		return m, tea.Batch(cmd, out)
	}
	return m, cmd
}

// runProbe starts a probe off the update loop.
func (m Model) runProbe(a stepAction) tea.Cmd {
	p, ok := m.opts.Probes.Lookup(a.probe)
	if !ok {
		return nil
	}
	in := probes.Input{}
	if m.opts.ProbeInput != nil {
		in = m.opts.ProbeInput()
	}
	in.Text = a.text
	ctx := a.ctx
	id := a.id
	return func() tea.Msg {
		start := time.Now()
		r := p.Run(ctx, in)
		if ctx.Err() != nil && r.Status == probes.StatusError {
			r = probes.Result{Status: probes.StatusError, Summary: "The check was cancelled."}
		}
		return probeDoneMsg{id: id, name: p.Name(), input: a.text, result: r, took: time.Since(start)}
	}
}

func (m Model) probeDone(msg probeDoneMsg) (tea.Model, tea.Cmd) {
	if m.screen != screenStep || m.walk == nil || !m.step.probeRunning(msg.id) {
		return m, nil // cancelled, or the walk moved on
	}
	evs := m.walk.ApplyProbe(msg.name, msg.input, msg.result, msg.took)
	m.step.probeResult(m.walk, msg.result)
	cmd := m.record(evs)
	return m, cmd
}

// toOutcome shows the outcome screen and writes the export beside the log.
func (m *Model) toOutcome() tea.Cmd {
	m.screen = screenOutcome
	m.outcome = newOutcomeModel(m.c, m.opts, m.walk)
	if t := m.opts.Training; t != nil {
		sc := flows.ScoreWalk(t.Scenario, m.walk, m.opts.Now().Sub(m.began))
		m.score = &sc
		m.outcome.score = sc.Text()
		m.outcome.setSize()
	}
	if m.journal == nil || m.journal.InMemory() {
		return m.endSessionKeepWalk("outcome")
	}
	export := m.exportCmd()
	return tea.Batch(export, m.endSessionKeepWalk("outcome"))
}

// exportCmd writes the Markdown export beside the log, after every
// journal write sent before it.
func (m *Model) exportCmd() tea.Cmd {
	return m.writer.submit(writeReq{kind: writeExport, j: m.journal, now: m.opts.Now})
}

func (m *Model) endSessionKeepWalk(reason string) tea.Cmd {
	return m.recordEntry(session.Entry{Event: flows.Event{Type: session.EventEnd}, Reason: reason})
}

func (m Model) outcomeAct(a outcomeAction, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	switch a {
	case outExport:
		if m.journal == nil || m.journal.InMemory() {
			m.status = "No log folder is used (--no-log): press c to copy the summary instead."
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
		read := m.writer.submit(writeReq{kind: writeCopy, j: m.journal})
		return m, tea.Batch(cmd, read)
	case outNew:
		m.toStart()
		return m, cmd
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

// View draws the active screen with the help line below it.
func (m Model) View() string {
	if m.quitting {
		return ""
	}
	if m.tooSmall() {
		msg := fmt.Sprintf("window too small, need %d×%d (now %d×%d)", MinWidth, MinHeight, m.c.width, m.c.height)
		return lipgloss.Place(max(m.c.width, 1), max(m.c.height, 1), lipgloss.Center, lipgloss.Center, msg)
	}
	if m.failure != nil {
		return m.failureView()
	}
	if m.dialog != nil {
		return lipgloss.Place(m.c.width, m.c.height, lipgloss.Center, lipgloss.Center, m.dialog.view(m.c))
	}
	helpView := m.helpView()
	status := m.statusView()
	foot := lipgloss.Height(helpView)
	if status != "" {
		foot += lipgloss.Height(status)
	}
	avail := m.c.height - foot
	var body string
	switch m.screen {
	case screenStart:
		body = m.start.view(avail)
	case screenStep:
		body = m.step.view(m.walk, m.began, m.req, avail)
	case screenOutcome:
		body = m.outcome.view(avail)
	}
	body = fitHeight(body, avail)
	parts := []string{body}
	if status != "" {
		parts = append(parts, status)
	}
	parts = append(parts, helpView)
	return strings.Join(parts, "\n")
}

// statusMaxLines bounds the status above the help line: enough for an
// export path or an error that says what to do, even at 60 columns.
const statusMaxLines = 3

// statusView wraps the last status message rather than cutting it, since
// it is often a path to attach to the ticket or the fix for a failure.
func (m Model) statusView() string {
	if m.status == "" {
		return ""
	}
	lines := strings.Split(wrapText(m.status, m.c.width), "\n")
	if len(lines) > statusMaxLines {
		lines = lines[:statusMaxLines]
		lines[statusMaxLines-1] = truncate(lines[statusMaxLines-1]+" …", m.c.width)
	}
	return m.c.styles.Warn.Render(strings.Join(lines, "\n"))
}

func (m Model) tooSmall() bool {
	return m.c.width > 0 && (m.c.width < MinWidth || m.c.height < MinHeight)
}

func (m Model) helpView() string {
	var km keyHelp
	switch m.screen {
	case screenStart:
		km = m.start.help()
	case screenStep:
		km = m.step.help(m.walk)
	case screenOutcome:
		km = m.outcome.help()
	}
	h := m.help
	if m.fullHelp {
		h.ShowAll = true
		lines := strings.Split(h.View(km), "\n")
		for i := range lines {
			lines[i] = truncate(lines[i], m.c.width)
		}
		return strings.Join(lines, "\n")
	}
	// The short line keeps "more keys" and "quit" in sight whatever the
	// width: the other keys are cut (with an ellipsis) first.
	var main, tail []key.Binding
	for _, b := range km.short {
		if b.Help().Key == m.c.keys.Help.Help().Key || b.Help().Key == m.c.keys.Quit.Help().Key || b.Help().Key == m.c.keys.ForceQ.Help().Key {
			tail = append(tail, b)
		} else {
			main = append(main, b)
		}
	}
	right := h.ShortHelpView(tail)
	h.Width = max(m.c.width-lipgloss.Width(right)-3, 10)
	// bubbles v1.0.0's help can overrun its width by one item when the
	// ellipsis does not fit, so the line is cut here as well.
	left := truncate(h.ShortHelpView(main), h.Width)
	if left == "" {
		return right
	}
	return left + m.c.styles.Muted.Render(" • ") + right
}

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// probeCtx makes the context a probe runs under.
func probeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 15*time.Second)
}
