package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/probes"
)

// validateOptions are the flags of `deskside validate`.
type validateOptions struct {
	file    string
	strict  bool
	explain string
}

// validateCommand builds `deskside validate`; runF replaces the run in flag tests.
func (a *app) validateCommand(runF func(validateOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.validate
	}
	var o validateOptions
	c := &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a tree file and print every problem as file:line:col",
		Long: `Load a tree file and check it: YAML syntax (tabs, mis-indented lines),
unknown keys, links between nodes, loops (an answer that leads back to an
earlier step), reachability from start and the flows' starts, facts used
by when: and set by sets:, scenario paths and replies, and the size caps.
Every problem is printed as file:line:col: message, sorted by position;
a problem that follows from another is listed right after it.
Without FILE the embedded default tree is checked.

Warnings (file:line:col: warning: …) point at what is valid but probably a
mistake: an action with no steps, a question with one answer, two answers
with one label, an outcome no scenario reaches, a body over 40 lines, a
probe whose facts no when: uses, a control character in the text.
--strict makes them errors.

--explain NODE prints every path from start to NODE, with the answers
that take each step.

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
	c.Flags().BoolVar(&o.strict, "strict", false, "treat warnings as errors")
	c.Flags().StringVar(&o.explain, "explain", "", "print every path from start to this node")
	return c
}

func (a *app) validate(o validateOptions) error {
	t, err := a.loadTree(o.file)
	if err != nil {
		return a.treeError(err)
	}
	for _, w := range t.Warnings {
		fmt.Fprintln(a.stderr, w.Error())
	}
	if o.strict && len(t.Warnings) > 0 {
		fmt.Fprintf(a.stderr, "%s, which --strict counts as problems.\n", probes.Plural(len(t.Warnings), "warning", "warnings"))
		return &exitError{code: 1, err: errReported}
	}
	if o.explain != "" {
		return a.explain(t, o.explain)
	}
	warn := ""
	if n := len(t.Warnings); n > 0 {
		warn = ", " + probes.Plural(n, "warning", "warnings")
	}
	fmt.Fprintf(a.stdout, "%s: valid — %d flows, %d nodes (%d outcomes), %d scenarios%s\n",
		t.File, len(t.Flows), len(t.Nodes), len(t.Outcomes()), len(t.Scenarios), warn)
	return nil
}

// explain prints every path from start to a node, with the answer taken
// at each step, for authors checking a branch is reached as they meant.
func (a *app) explain(t *flows.Tree, target string) error {
	if _, ok := t.Nodes[target]; !ok {
		return usageError("no node %q in %s", target, t.File)
	}
	const limit = 50
	fmt.Fprint(a.stdout, flows.Explain(t, target, limit))
	return nil
}
