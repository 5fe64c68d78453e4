package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/session"
	"deskside/tui"
)

// replayOptions are the flags of `deskside replay`.
type replayOptions struct {
	log       string
	flowsFile string
	plain     bool
	logDir    string
}

func (a *app) replayCommand(runF func(replayOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.replay
	}
	var o replayOptions
	c := &cobra.Command{
		Use:   "replay [LOG]",
		Short: "Step through a recorded session, read-only",
		Long: `Step through a session log as it happened: each step shown, the answer
given, the checks' evidence, notes and timings, back-steps included. For
coaching, and for tier-3 reading a ticket. Steps the current tree no longer
has are shown as the log recorded them. --plain prints every step as text.

Without LOG it opens the newest session in the log folder, as resume does.
→ and ← move between steps (n and p are a note and a check in the wizard).`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("replay takes at most one session log")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.log = args[0]
			}
			return runF(o)
		},
	}
	c.Flags().StringVar(&o.logDir, "log-dir", "", "folder whose newest session to replay when no LOG is given (default: the user's state folder)")
	c.Flags().StringVar(&o.flowsFile, "flows", "", "tree file to show the steps' text from (default: the one in the log, else the embedded tree)")
	c.Flags().BoolVar(&o.plain, "plain", false, "print every step as text instead of stepping through")
	return c
}

func (a *app) replay(o replayOptions) error {
	if o.log == "" {
		path, err := a.newestLog(o.logDir)
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		o.log = path
		fmt.Fprintf(a.stderr, "Replaying the newest session: %s\n", path)
	}
	l, err := session.ReadFile(o.log)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	for _, p := range l.Problems() {
		fmt.Fprintf(a.stderr, "Warning: %s.\n", p)
	}
	tree := a.replayTree(o.flowsFile, l.Start().TreeFile)
	if o.plain {
		tui.PlainReplay(a.stdout, o.log, l, tree)
		return nil
	}
	if !a.isTerminal() {
		return &exitError{code: 2, err: errNoTerminal}
	}
	if err := tui.RunReplay(tui.NewReplay(o.log, l, tree, nil), os.Stdout); err != nil {
		return fmt.Errorf("the replay stopped: %w", err)
	}
	return nil
}

// newestLog is the newest session log in the log folder.
func (a *app) newestLog(flag string) (string, error) {
	dir, err := a.logDir(flag)
	if err != nil {
		return "", err
	}
	recent, err := session.ListRecent(dir, 1)
	if err != nil {
		return "", err
	}
	if len(recent) == 0 {
		return "", fmt.Errorf("there is no session log in %s to replay; give one: deskside replay LOG", dir)
	}
	return recent[0].Path, nil
}

// replayTree finds the tree to show steps' text from; a replay works
// without one, so a tree that cannot be loaded is simply left out.
func (a *app) replayTree(flag, recorded string) *flows.Tree {
	path := flag
	if path == "" && recorded != embeddedTreeName {
		p, err := session.RecordedTree(recorded)
		if err != nil {
			fmt.Fprintf(a.stderr, "Warning: %v; the replay shows the steps as the log recorded them.\n", err)
			return nil
		}
		path = p
	}
	t, err := a.loadTree(path)
	if err != nil {
		return nil
	}
	return t
}
