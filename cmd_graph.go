package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"deskside/flows"
)

// graphOptions are the flags of `deskside graph`.
type graphOptions struct {
	file   string
	format string
	flow   string
}

func (a *app) graphCommand(runF func(graphOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.graph
	}
	var o graphOptions
	c := &cobra.Command{
		Use:   "graph [FILE] [--format mermaid|dot] [--flow ID]",
		Short: "Print the tree as a Mermaid flowchart or Graphviz DOT",
		Long: `Print the decision tree as a picture source: a Mermaid flowchart (drawn by
GitHub, GitLab and Confluence) or Graphviz DOT (dot -Tsvg). Questions are
diamonds, actions boxes, inputs parallelograms, outcomes shaped and
coloured by result; nodes with a check name it. --flow draws only what one
flow's entry point reaches.`,
		Example: `  deskside graph > tree.mmd
  deskside graph --format dot --flow onedrive | dot -Tsvg > onedrive.svg`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("graph takes at most one tree file")
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
	c.Flags().StringVar(&o.format, "format", "mermaid", "mermaid or dot")
	c.Flags().StringVar(&o.flow, "flow", "", "draw only this flow")
	return c
}

func (a *app) graph(o graphOptions) error {
	var render func(*flows.Tree, string) (string, error)
	switch o.format {
	case "mermaid":
		render = flows.Mermaid
	case "dot":
		render = flows.DOT
	default:
		return usageError("unknown graph format %q: use mermaid or dot", o.format)
	}
	t, err := a.loadTree(o.file)
	if err != nil {
		return a.treeError(err)
	}
	out, err := render(t, o.flow)
	if err != nil {
		return usageError("%v", err)
	}
	_, err = fmt.Fprint(a.stdout, out)
	return err
}
