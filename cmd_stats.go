package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"deskside/session"
	"deskside/tui"
)

// statsOptions are the flags of `deskside stats`.
type statsOptions struct {
	dir    string
	format string
}

func (a *app) statsCommand(runF func(statsOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.stats
	}
	var o statsOptions
	c := &cobra.Command{
		Use:   "stats [DIR] [--format md|json|csv]",
		Short: "Summarize a folder of session logs",
		Long: `Read every session log in DIR (default: the log folder) and report how many
sessions, the outcome split, which outcome resolved or escalated how many
and the median call time of each, the most common paths, the answers most
often taken back, and how often each check could not read its input.
Training runs are left out. Without --format it draws a table with bars.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("stats takes at most one folder")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.dir = args[0]
			}
			return runF(o)
		},
	}
	c.Flags().StringVar(&o.format, "format", "", "md, json or csv (default: a table for the terminal)")
	return c
}

func (a *app) stats(o statsOptions) error {
	switch o.format {
	case "", "md", "json", "csv":
	default:
		return usageError("unknown stats format %q: use md, json or csv", o.format)
	}
	dir, err := a.logDir(o.dir)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	st, err := session.CollectStats(dir)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if st.Damaged > 0 {
		have, are := "logs have", "are"
		if st.Damaged == 1 {
			have, are = "log has", "is"
		}
		fmt.Fprintf(a.stderr, "Warning: %d %s damaged, cut-off or out-of-sequence lines and %s counted as far as they could be read; check them with deskside replay:\n", st.Damaged, have, are)
		for _, w := range st.Warnings {
			fmt.Fprintf(a.stderr, "  %s\n", w)
		}
	}
	if st.Sessions == 0 && o.format == "" {
		fmt.Fprintf(a.stdout, "No sessions in %s.\n", dir)
		return nil
	}
	switch o.format {
	case "md":
		_, err = fmt.Fprint(a.stdout, st.Markdown())
	case "json":
		err = printJSON(a.stdout, st)
	case "csv":
		_, err = fmt.Fprint(a.stdout, st.CSV())
	default:
		_, err = fmt.Fprint(a.stdout, tui.StatsView(st, 100, nil))
	}
	return err
}
