package main

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"deskside/flows"
	"deskside/session"
	"deskside/tui"
)

// errNoTerminal is wrong usage: the wizard needs a terminal.
var errNoTerminal = errors.New("the wizard needs a terminal, and this command's input or output is not one; run it in a terminal, or use --plain for numbered prompts on plain text")

// wizard holds what a terminal session needs from main: where logs go
// and the journals it opened, to close them at the end.
type wizard struct {
	a        *app
	tree     *flows.Tree
	logDir   string // empty with --no-log, and for training without --log-dir
	noLog    bool   // --no-log was given
	mu       sync.Mutex
	journals []*session.Journal // guarded by mu, as is tree once the wizard runs
}

func (z *wizard) track(j *session.Journal) *session.Journal {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.journals = append(z.journals, j)
	return j
}

func (z *wizard) close() {
	z.mu.Lock()
	defer z.mu.Unlock()
	for _, j := range z.journals {
		if err := j.Close(); err != nil {
			fmt.Fprintln(z.a.stderr, operatorMessage(err))
		}
	}
}

// setTree gives the wizard the tree parsed while its start screen was
// already shown.
func (z *wizard) setTree(t *flows.Tree) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.tree = t
}

// loaded is the tree sessions are opened on.
func (z *wizard) loaded() *flows.Tree {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.tree
}

// newSession opens the journal of a walk started on the start screen, in
// memory when no log folder is used.
func (z *wizard) newSession(req tui.StartRequest) (tui.Journal, error) {
	st := z.a.sessionStart(z.loaded(), req.StartNode, req.FlowTitle, req.Ticket, req.Operator, req.Scenario)
	if z.logDir == "" {
		return z.track(session.NewMemoryJournal(st, z.a.now())), nil
	}
	j, err := session.Create(z.logDir, st, z.a.now())
	if err != nil {
		return nil, err
	}
	return z.track(j), nil
}

// options builds the wizard's options for a tree and log folder.
func (z *wizard) options(ticket, operator string) tui.Options {
	a := z.a
	o := tui.Options{
		Deps: tui.Deps{Probes: a.probes, ProbeInput: a.probeInput, Now: a.now, NewSession: z.newSession},
		Tree: z.tree, Ticket: ticket, Operator: operator,
		LogLabel: z.logDir,
	}
	if z.tree != nil {
		o.TreeLabel = treeLabel(z.tree)
	}
	if session.FolderWarning(z.logDir) != "" {
		// Short enough for a 60-column status line, fix included.
		o.Warning = "Warning: other users of this PC can read these logs; to stop it: chmod 700 " + z.logDir
	}
	if z.logDir == "" {
		o.NoLog = z.noLog
		o.LogLabel = "none kept (training keeps a log only with --log-dir)"
		if z.noLog {
			o.LogLabel = "none kept (--no-log)"
		}
		return o
	}
	// The few newest logs tell the last operator's name and whether a
	// session was left unfinished; reading them costs well under a
	// millisecond.
	recent, _ := session.ListRecent(z.logDir, 5)
	for _, l := range recent {
		if l.Problem != "" {
			continue
		}
		if o.Operator == "" && l.Operator != "" {
			o.Operator = l.Operator
		}
		if o.Resume == nil && !l.Finished() && l.Scenario == "" {
			path := l.Path
			o.Resume = &tui.ResumeOffer{Path: path, Started: l.Started, Ticket: l.Ticket, LastStep: l.LastStep,
				Open: func() (*flows.Walk, tui.Journal, error) { return z.reopen(path) }}
		}
	}
	return o
}

// reopen rebuilds an unfinished session for the wizard to continue.
func (z *wizard) reopen(path string) (*flows.Walk, tui.Journal, error) {
	l, err := session.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	w, _, err := session.Rebuild(z.loaded(), l, z.a.now)
	if err != nil {
		return nil, nil, err
	}
	if w.Ended() {
		return nil, nil, fmt.Errorf("this session already reached its outcome; export it with: deskside export %s", path)
	}
	j, err := z.a.continueLog(l, w)
	if err != nil {
		return nil, nil, err
	}
	return w, z.track(j), nil
}

func treeLabel(t *flows.Tree) string { return fmt.Sprintf("%s (sha256 %s)", t.File, t.SHA256[:12]) }

// runWizard shows the terminal wizard until the operator quits.
func (a *app) runWizard(o tui.Options, z *wizard) error {
	return a.runModel(tui.New(o), z)
}

func (a *app) runModel(m tui.Model, z *wizard) error {
	if !a.isTerminal() {
		return &exitError{code: 2, err: errNoTerminal}
	}
	defer z.close()
	final, err := tui.Run(m, os.Stdout)
	if err != nil {
		return fmt.Errorf("the terminal wizard stopped: %w", err)
	}
	if err := final.TreeErr(); err != nil {
		return a.treeError(err)
	}
	return a.wizardEnded(final)
}

// wizardEnded reports a session that ended with events not in its log:
// the operator must know the log is incomplete, and the exit code says so.
func (a *app) wizardEnded(final tui.Model) error {
	for _, line := range final.Farewell() {
		fmt.Fprintln(a.stdout, line)
	}
	if err := final.Err(); err != nil {
		fmt.Fprintf(a.stderr, "%s\nFree some space, then continue the session with deskside resume; the events after the failure were not saved.\n", inWords(err))
		return &exitError{code: 1, err: errReported}
	}
	return nil
}

// startWizard opens the wizard on the start screen. For the embedded tree,
// whose every load is tested, the first frame does not wait for the tree:
// it is drawn from a preview (its title and flows), read on the other core
// while the screens are made, and the whole tree is parsed once the
// program runs, before an operator can choose. A tree file given with
// --flows is parsed first, so its errors come before any screen.
func (a *app) startWizard(o runOptions, dir string) error {
	if !a.isTerminal() {
		return &exitError{code: 2, err: errNoTerminal}
	}
	// The preview is read on the other core while the screens are made.
	previews := make(chan *flows.Tree, 1)
	if o.flowsFile == "" {
		go func() {
			p, ok := flows.Preview(embeddedTreeName, a.tree)
			if !ok {
				p = nil
			}
			previews <- p
		}()
	} else {
		previews <- nil
	}
	z := &wizard{a: a, logDir: dir, noLog: o.noLog}
	load := func() tui.TreeLoad {
		t, err := a.loadTree(o.flowsFile)
		r := tui.TreeLoad{Tree: t, Err: err}
		if err == nil {
			r.Label = treeLabel(t)
			z.setTree(t)
		}
		return r
	}
	if dir != "" {
		if err := session.CheckDir(dir); err != nil {
			return logDirError(err)
		}
	}
	m := tui.New(z.options(o.ticket, o.operator))
	if p := <-previews; p != nil {
		return a.runModel(m.WithTreeToCome(p, embeddedTreeName, load), z)
	}
	r := load()
	if r.Err != nil {
		return a.treeError(r.Err)
	}
	return a.runModel(m.WithTree(r.Tree, r.Label), z)
}
