package main

import (
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// resumeOptions are the flags of `deskside resume`.
type resumeOptions struct {
	log       string
	flowsFile string
	logDir    string
	plain     bool
}

func (a *app) resumeCommand(runF func(resumeOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.resume
	}
	var o resumeOptions
	c := &cobra.Command{
		Use:   "resume [LOG]",
		Short: "Continue an interrupted session where it stopped",
		Long: `Rebuild a session from its log — the path, the facts the checks found, the
notes — and continue at the step where it stopped, appending to the same
log. Without LOG the newest unfinished session in the log folder is used.

A log recorded with another version of the tree file is resumed only if
every step on its path still exists.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("resume takes at most one log file")
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
	f := c.Flags()
	f.StringVar(&o.flowsFile, "flows", "", "tree file the session was recorded with (default: the one named in the log, else the embedded tree)")
	f.StringVar(&o.logDir, "log-dir", "", "folder to look in for the newest unfinished session")
	f.BoolVar(&o.plain, "plain", false, "continue with plain prompts instead of the terminal wizard")
	return c
}

func (a *app) resume(o resumeOptions) error {
	path := o.log
	if path == "" {
		dir, err := a.logDir(o.logDir)
		if err != nil {
			return &exitError{code: 1, err: err}
		}
		if path, err = session.NewestUnfinished(dir); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	l, err := session.ReadForResume(path)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	for _, p := range l.Problems() {
		fmt.Fprintf(a.stderr, "Warning: %s.\n", session.SafeLine(p))
	}
	st := l.Start()
	treeFile := o.flowsFile
	if treeFile == "" && st.TreeFile != embeddedTreeName {
		if treeFile, err = session.RecordedTree(st.TreeFile); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	t, err := a.loadTree(treeFile)
	if err != nil {
		return a.treeError(err)
	}
	w, warning, err := session.Rebuild(t, l, a.now)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	if warning != "" {
		fmt.Fprintf(a.stderr, "Warning: %s.\n", session.SafeLine(warning))
	}
	if w.Ended() {
		return a.finishOutcome(l, w)
	}
	if !o.plain && !a.isTerminal() {
		return &exitError{code: 2, err: errNoTerminal}
	}
	j, err := a.continueLog(l, w)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	a.warn(j.Warnings())
	if !o.plain {
		z := &wizard{a: a, tree: t, logDir: filepath.Dir(path)}
		z.track(j)
		opts := z.options(st.Ticket, st.Operator)
		opts.Resume = nil
		opts.Walk, opts.Journal, opts.Warning = w, j, warning
		return a.runWizard(opts, z)
	}
	defer j.Close()
	fmt.Fprintf(a.stdout, "Resuming %s at step %d, %q.\n", path, w.StepNumber(), w.Current().Title)
	return a.plainWalk(w, j, nil)
}

// finishOutcome handles resume of a session whose walk reached its
// outcome: refused when the log records it all, completed (outcome,
// summary, end) when the process was killed before it could.
func (a *app) finishOutcome(l *session.Log, w *flows.Walk) error {
	if l.OutcomeComplete() {
		return &exitError{code: 1, err: fmt.Errorf("this session already reached its outcome (%s); export it with: deskside export %s", w.Current().Title, l.Path)}
	}
	j, err := session.Reopen(l)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	a.warn(j.Warnings())
	md, err := session.FinishOutcome(j, l, w, a.now())
	if cerr := j.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	fmt.Fprintf(a.stdout, "This session had reached its outcome (%s) but its log stopped before recording it; it is recorded now.\n", w.Current().Title)
	if md != "" {
		fmt.Fprintf(a.stdout, "Ticket summary (Markdown): %s\n", md)
	}
	fmt.Fprintf(a.stdout, "Session log: %s\n", l.Path)
	return nil
}

// continueLog reopens a rebuilt session's journal and records that it
// was resumed at the walk's step. The caller shows j.Warnings().
func (a *app) continueLog(l *session.Log, w *flows.Walk) (*session.Journal, error) {
	j, err := session.Reopen(l)
	if err != nil {
		return nil, err
	}
	now := a.now()
	n := w.Current()
	if err := j.AppendEntry(session.Entry{TS: session.Stamp(now), Event: flows.Event{Type: session.EventResume, Node: n.ID, Title: n.Title}}); err != nil {
		j.Close()
		return nil, fmt.Errorf("%v. The log cannot be continued", err)
	}
	if err := j.Append(flows.Event{Type: flows.EventStep, At: now, Node: n.ID, Title: n.Title}); err != nil {
		fmt.Fprintf(a.stderr, "Warning: %v\n", err)
	}
	return j, nil
}

// exportOptions are the flags of `deskside export`.
type exportOptions struct {
	log    string
	format string
	out    string
	// maskUsers masks user names, UPNs and addresses in the export.
	maskUsers bool
}

func (a *app) exportCommand(runF func(exportOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.export
	}
	var o exportOptions
	c := &cobra.Command{
		Use:   "export LOG [--format md|json|txt] [-o FILE] [--mask-users]",
		Short: "Turn a session log into a ticket attachment",
		Long: `Render a session log for the ticket: Markdown (the default), JSON with the
whole session as one document, or plain text wrapped at 72 columns for
ticket systems that show no Markdown. Secrets are masked again on the way
out; with -o, what was masked is shown before the file is written.

The export names the user, as the ticket needs to know whose sign-in
failed. With --mask-users, user names, UPNs and e-mail addresses are
masked, keeping their domain (a…@contoso.com), for a ticket read outside
the team that handles the user. The log itself is not changed.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("export needs one session log")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			o.log = args[0]
			return runF(o)
		},
	}
	c.Flags().StringVar(&o.format, "format", "md", "md, json or txt")
	c.Flags().StringVarP(&o.out, "output", "o", "", "write to FILE instead of standard output")
	c.Flags().BoolVar(&o.maskUsers, "mask-users", false, "mask user names, UPNs and e-mail addresses, keeping their domain")
	return c
}

func (a *app) export(o exportOptions) error {
	format, err := session.ParseFormat(o.format)
	if err != nil {
		return usageError("%v", err)
	}
	l, err := session.ReadFile(o.log)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	for _, p := range l.Problems() {
		fmt.Fprintf(a.stderr, "Warning: %s.\n", session.SafeLine(p))
	}
	s := session.Summarize(l)
	out, counts, err := session.ExportWith(s, format, session.ExportOptions{MaskUsers: o.maskUsers})
	if err != nil {
		return err
	}
	if o.out == "" {
		_, err = a.stdout.Write(out)
		return err
	}
	fmt.Fprintf(a.stderr, "Masked when the log was written: %s.\n", session.DescribeRedactions(s.Redactions))
	if users := counts[session.KindUser]; users > 0 {
		delete(counts, session.KindUser)
		noun := "user names or addresses"
		if users == 1 {
			noun = "user name or address"
		}
		fmt.Fprintf(a.stderr, "Masked in this export: %d %s, keeping the domain.\n", users, noun)
	}
	if len(counts) > 0 {
		fmt.Fprintf(a.stderr, "Masked again in this export: %s.\n", session.DescribeRedactions(counts))
	}
	if err := session.WriteExport(o.out, out); err != nil {
		return &exitError{code: 1, err: err}
	}
	fmt.Fprintf(a.stderr, "Wrote %s.\n", session.SafeLine(o.out))
	return nil
}

func (a *app) sessionsCommand() *cobra.Command {
	var dirFlag string
	var all bool
	c := &cobra.Command{
		Use:   "sessions",
		Short: "List recent sessions: start, ticket, last step, outcome",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			dir, err := a.logDir(dirFlag)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			list, err := session.List(dir)
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if len(list) == 0 {
				fmt.Fprintf(a.stdout, "No sessions in %s.\n", dir)
				return nil
			}
			if !all && len(list) > 20 {
				list = list[:20]
			}
			tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "STARTED (UTC)\tTICKET\tOPERATOR\tLAST STEP\tOUTCOME\tLOG")
			for _, s := range list {
				// What a log holds did not come from deskside: a log
				// written by an older version, or by hand, may hold a
				// secret in its ticket or control characters anywhere.
				if s.Problem != "" {
					fmt.Fprintf(tw, "?\t\t\t\tunreadable: %s\t%s\n", session.SafeLine(s.Problem), session.SafeLine(s.Path))
					continue
				}
				outcome := s.Outcome
				if outcome == "" {
					outcome = "unfinished"
				}
				ticket, _ := session.RedactField(s.Ticket)
				operator, _ := session.RedactField(s.Operator)
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.Started.UTC().Format("2006-01-02 15:04"), dash(ticket), dash(operator),
					session.SafeLine(probes.Shorten(s.LastStep, 40)), session.SafeLine(outcome), session.SafeLine(s.Path))
			}
			return tw.Flush()
		},
	}
	c.Flags().StringVar(&dirFlag, "log-dir", "", "folder of session logs")
	c.Flags().BoolVar(&all, "all", false, "list every session, not only the 20 newest")
	return c
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
