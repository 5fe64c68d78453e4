package tui

import (
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
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

// Deps are what the wizard works with but does not decide: the checks,
// the clock, the renderer, the clipboard and where sessions are kept.
// main passes the real ones; tests pass fakes. None of them changes what
// a run is (see Options for that).
type Deps struct {
	Probes *probes.Registry
	// ProbeInput gives the base input of a check run (runner, OS, clock);
	// the wizard adds the pasted text.
	ProbeInput func() probes.Input
	// Now is the clock every event is stamped with.
	Now func() time.Time
	// After makes the command that delivers a timer's message: tea.Tick
	// unless a test drives time itself.
	After    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	Renderer *lipgloss.Renderer
	// Clipboard receives the OSC 52 sequence that copies text; Run sets
	// it to the program's output when it is nil.
	Clipboard io.Writer
	// Getenv tells the terminal multiplexer an OSC 52 copy must pass.
	Getenv func(string) string
	// NewSession opens the journal of a new walk.
	NewSession func(StartRequest) (Journal, error)
}

// Options configures one run of the terminal wizard: its dependencies,
// the tree, and the flags that make this run what it is.
type Options struct {
	Deps
	Tree *flows.Tree
	Keys KeyMap

	// Resume, when set, is offered on the start screen.
	Resume *ResumeOffer
	// Ticket and Operator prefill the start screen. The operator's name
	// is kept for every session of the run.
	Ticket, Operator string
	// TreeLabel and LogLabel describe the tree file and log folder.
	TreeLabel, LogLabel string
	// NoLog says the operator asked for no log (--no-log); the screens
	// only say so when it is true.
	NoLog bool
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
