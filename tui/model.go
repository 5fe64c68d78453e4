// Package tui is deskside's terminal wizard: a Bubble Tea program with one
// model per screen (start, step, outcome) and a root model that routes
// messages, plus the plain-text driver for screen readers and scripts.
// Both drive the same flows.Walk.
package tui

import (
	"fmt"
	"os"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/probes"
)

// MinWidth and MinHeight are the smallest terminal the wizard draws in.
const (
	MinWidth  = 50
	MinHeight = 15
)

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
	s := c.md.Render(safe(src), width)
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
	// exported is the last summary written, for the farewell.
	exported string
	// overrides are the answers that went against the check's ★, for a
	// training run's score.
	overrides []string

	score    *flows.Score // a training run's score, at the outcome
	dialog   *dialog
	help     help.Model
	fullHelp bool
	status   string // one-line message: warnings, what was done
	quitting bool

	// treeToCome waits for the whole tree when the start screen was drawn
	// from a preview; waiting is a start chosen before it arrived.
	treeToCome tea.Cmd
	waiting    *startAction
	treeErr    error
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
	styles.settle(&h.Styles)
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

// Farewell is what the wizard leaves on the terminal after it quits, as
// plain mode prints it: where the log and the summary are and, for a
// session left before its outcome, the exact command that continues it.
func (m Model) Farewell() []string {
	j := m.journal
	if j == nil {
		return nil
	}
	if j.InMemory() {
		return []string{"No log was kept: this session cannot be resumed."}
	}
	var out []string
	if m.exported != "" {
		out = append(out, "Ticket summary (Markdown): "+m.exported)
	}
	out = append(out, "Session log: "+j.Path())
	if m.screen == screenStep {
		out = append(out, "Continue it with: deskside resume "+j.Path())
	}
	return out
}

// Score returns a training run's score once the walk reached its outcome.
func (m Model) Score() *flows.Score { return m.score }

// Init starts the clock, and any work New began.
func (m Model) Init() tea.Cmd { return tea.Batch(m.tick(), m.initCmd, m.treeToCome) }

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
	// probeDoneMsg brings back what the checks read in a paste (or on
	// this PC): the step's own check, and when it could not read the
	// paste, every check that recognised something in it.
	probeDoneMsg struct {
		id    int
		input string
		own   *checkRead       // the step's own check, when it has one
		other []probes.Reading // the others, when the own check could not read it
		kinds []string         // what deskside reads, when nothing did
		took  time.Duration
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
	case treeLoadedMsg:
		return m.treeLoaded(msg)
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
		if msg.final {
			// The call has ended: the next screen is another call's.
			if msg.err != nil {
				m.status = "The last call's summary could not be written again: " + msg.err.Error()
			} else {
				m.exported = msg.path
			}
			return m, nil
		}
		if msg.err != nil {
			m.status = "Export failed: " + msg.err.Error()
			return m, nil
		}
		m.status = fmt.Sprintf("Summary written to %s; %s.", msg.path, maskedText(msg.counts))
		m.exported = msg.path
		if m.screen == screenOutcome {
			m.outcome.written(msg.path)
		}
		return m, nil
	case packetMsg:
		// A packet for an outcome left since (b) is dropped; one that
		// could not be read leaves the walk's own on screen.
		if msg.err == nil && m.screen == screenOutcome && m.outcome.node != nil && m.outcome.node.ID == msg.node {
			m.outcome.packet = msg.packet
			m.outcome.setSize()
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
		case key.Matches(msg, k.ForceQ) && d.quit:
			// ctrl+c twice quits: the log is already complete.
			m.dialog = nil
			return d.yes(m)
		case key.Matches(msg, k.ForceQ):
			m.dialog = nil
			return m.askQuit()
		case key.Matches(msg, k.No):
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

// startAct opens the session the start screen asked for, once the whole
// tree is there.
func (m Model) startAct(act startAction, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if act.kind != startNone && m.opts.Tree.IsPreview() {
		m.waiting = &act
		return m, cmd
	}
	switch act.kind {
	case startNew:
		return m, tea.Batch(cmd, m.openSession(act.req))
	case startResume:
		if r := m.opts.Resume; r != nil {
			return m, tea.Batch(cmd, func() tea.Msg {
				w, j, err := r.Open()
				return sessionOpenMsg{req: StartRequest{Ticket: r.Ticket}, journal: j, walk: w, err: err}
			})
		}
	}
	return m, cmd
}

// typing reports whether a text box has the keyboard, so that letters
// type instead of acting as commands.
func (m Model) typing() bool {
	switch m.screen {
	case screenStart:
		return m.start.typing()
	case screenStep:
		return m.step.typing()
	case screenOutcome:
		return m.outcome.typing()
	}
	return false
}

func (m Model) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenStart:
		var act startAction
		m.start, act, cmd = m.start.update(msg)
		return m.startAct(act, cmd)
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
