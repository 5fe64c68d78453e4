package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/probes"
	"deskside/tui"
)

// runOptions are the flags of `deskside run`.
type runOptions struct {
	flowsFile string
	flow      string
	plain     bool
}

// runCommand builds `deskside run`; runF replaces the run in flag tests.
func (a *app) runCommand(runF func(runOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.run
	}
	var o runOptions
	c := &cobra.Command{
		Use:   "run",
		Short: "Walk the decision tree (the default command)",
		Long: `Open the wizard on the decision tree: the embedded default tree, or the
file given with --flows. With --plain the walk is numbered prompts on plain
standard input and output, for screen readers, dumb terminals and scripts.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runF(o) },
	}
	f := c.Flags()
	f.StringVar(&o.flowsFile, "flows", "", "tree file to walk instead of the embedded one")
	f.StringVar(&o.flow, "flow", "", "start at this flow's entry point instead of triage (see the tree's flows:)")
	f.BoolVar(&o.plain, "plain", false, "numbered prompts on plain stdin/stdout instead of the terminal wizard")
	return c
}

func (a *app) run(o runOptions) error {
	t, err := a.loadTree(o.flowsFile)
	if err != nil {
		return a.treeError(err)
	}
	start := t.Start
	if o.flow != "" {
		f, ok := t.Flow(o.flow)
		if !ok {
			ids := make([]string, len(t.Flows))
			for i, f := range t.Flows {
				ids[i] = f.ID
			}
			return usageError("no flow %q in %s; the flows are: %v", o.flow, t.File, ids)
		}
		start = f.Start
	}
	w, _ := flows.NewWalkAt(t, start, a.now)
	return a.plainWalk(w, nil)
}

// plainWalk drives a walk in plain mode and maps how it ended to an exit code.
func (a *app) plainWalk(w *flows.Walk, canned map[string]string) error {
	err := tui.Plain(context.Background(), tui.PlainOptions{
		In: a.stdin, Out: a.stdout, Walk: w, Probes: a.probes, Canned: canned,
		ProbeInput: a.probeInput,
	})
	switch {
	case err == nil, errors.Is(err, tui.ErrQuit):
		return nil
	case errors.Is(err, tui.ErrInputEnded):
		return &exitError{code: 1, err: errReported}
	}
	return fmt.Errorf("the walk stopped: %w", err)
}

// probeInput is the base input of every probe run: this machine's runner,
// OS and clock.
func (a *app) probeInput() probes.Input {
	return probes.Input{Runner: probes.ExecRunner{}, OS: a.goos, Now: a.now}
}
