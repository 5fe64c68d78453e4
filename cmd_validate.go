package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// validateOptions are the flags of `deskside validate`.
type validateOptions struct {
	file string
}

// validateCommand builds `deskside validate`; runF replaces the run in flag tests.
func (a *app) validateCommand(runF func(validateOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.validate
	}
	var o validateOptions
	return &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a tree file and print every problem as file:line:col",
		Long: `Load a tree file and check it: YAML syntax, unknown keys, links between
nodes, reachability, facts used by when: conditions, and scenario paths.
Every problem is printed as file:line:col: message, sorted by position.
Without FILE the embedded default tree is checked.

Exit status: 0 when the tree is valid, 1 when it has problems.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("validate takes at most one tree file, got %d", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.file = args[0]
			}
			return runF(o)
		},
	}
}

func (a *app) validate(o validateOptions) error {
	t, err := a.loadTree(o.file)
	if err != nil {
		return a.treeError(err)
	}
	name := o.file
	if name == "" {
		name = embeddedTreeName
	}
	fmt.Fprintf(a.stdout, "%s: valid — %d flows, %d nodes (%d outcomes), %d scenarios\n",
		name, len(t.Flows), len(t.Nodes), len(t.Outcomes()), len(t.Scenarios))
	return nil
}
