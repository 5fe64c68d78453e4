package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
	"deskside/tui"
)

// runOptions are the flags of `deskside run`.
type runOptions struct {
	flowsFile string
	flow      string
	plain     bool
	ticket    string
	operator  string
	logDir    string
	noLog     bool
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
standard input and output, for screen readers, dumb terminals and scripts.

Every step, answer, check and note is written to a session log as it
happens (see --log-dir); at an outcome a Markdown summary for the ticket
is written next to it.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runF(o) },
	}
	f := c.Flags()
	f.StringVar(&o.flowsFile, "flows", "", "tree file to walk instead of the embedded one")
	f.StringVar(&o.flow, "flow", "", "start at this flow's entry point instead of triage (see the tree's flows:)")
	f.BoolVar(&o.plain, "plain", false, "numbered prompts on plain stdin/stdout instead of the terminal wizard")
	f.StringVar(&o.ticket, "ticket", "", "ticket ID, recorded in the log and its file name")
	f.StringVar(&o.operator, "operator", "", "operator name, recorded in the log")
	addLogFlags(f, &o.logDir, &o.noLog)
	return c
}

type flagSet interface {
	StringVar(p *string, name string, value string, usage string)
	BoolVar(p *bool, name string, value bool, usage string)
}

func addLogFlags(f flagSet, dir *string, noLog *bool) {
	f.StringVar(dir, "log-dir", "", "folder for session logs (default: the user's state folder, deskside/sessions)")
	f.BoolVar(noLog, "no-log", false, "keep no session log")
}

func (a *app) run(o runOptions) error {
	if !o.plain && o.flow == "" {
		dir := ""
		if !o.noLog {
			var err error
			if dir, err = a.logDir(o.logDir); err != nil {
				return &exitError{code: 1, err: err}
			}
		}
		return a.startWizard(o, dir)
	}
	t, err := a.loadTree(o.flowsFile)
	if err != nil {
		return a.treeError(err)
	}
	start, flowTitle := t.Start, ""
	if o.flow != "" {
		f, ok := t.Flow(o.flow)
		if !ok {
			ids := make([]string, len(t.Flows))
			for i, f := range t.Flows {
				ids[i] = f.ID
			}
			return usageError("no flow %q in %s; the flows are: %s", o.flow, t.File, strings.Join(ids, ", "))
		}
		start, flowTitle = f.Start, f.Title
	}
	dir := ""
	if !o.noLog {
		var err error
		if dir, err = a.logDir(o.logDir); err != nil {
			return &exitError{code: 1, err: err}
		}
	}
	if !o.plain {
		if !a.isTerminal() {
			return &exitError{code: 2, err: errNoTerminal}
		}
		if dir != "" {
			if err := session.CheckDir(dir); err != nil {
				return logDirError(err)
			}
		}
		z := &wizard{a: a, tree: t, logDir: dir, noLog: o.noLog}
		opts := z.options(o.ticket, o.operator)
		if o.flow != "" {
			j, err := z.newSession(tui.StartRequest{Ticket: o.ticket, Operator: opts.Operator, StartNode: start, FlowTitle: flowTitle})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			w, evs := flows.NewWalkAt(t, start, a.now)
			_ = j.Append(evs...)
			opts.Walk, opts.Journal = w, j
		}
		return a.runWizard(opts, z)
	}
	operator := o.operator
	if operator == "" && dir != "" {
		if operator = a.rememberedOperator(dir); operator != "" {
			fmt.Fprintf(a.stdout, "Operator: %s (from the last session; --operator NAME changes it)\n", session.SafeLine(operator))
		}
	}
	if o.ticket == "" && a.isTerminal() {
		// Someone is at the keyboard (a screen-reader user, say): the
		// ticket belongs in the log as it does in the wizard. Piped input
		// is a script's, whose first line is an answer.
		fmt.Fprint(a.stdout, "Ticket ID (optional; Enter to skip)> ")
		o.ticket = strings.TrimSpace(readLine(a.stdin))
	}
	var j *session.Journal
	if dir != "" {
		var err error
		j, err = session.Create(dir, a.sessionStart(t, start, flowTitle, o.ticket, operator, ""), a.now())
		if err != nil {
			return logDirError(err)
		}
		defer j.Close()
		a.warn(j.Warnings())
	}
	w, startEvents := flows.NewWalkAt(t, start, a.now)
	if j != nil {
		if err := j.Append(startEvents...); err != nil {
			fmt.Fprintf(a.stderr, "Warning: %v\n", err)
		}
	}
	return a.plainWalk(w, j, nil)
}

// rememberedOperator is the operator's name from the newest sessions in
// dir, as the wizard remembers it, so plain mode records who took the call
// without asking every time. It is "" when none names one.
func (a *app) rememberedOperator(dir string) string {
	if dir == "" {
		return ""
	}
	recent, _ := session.ListRecent(dir, 5)
	for _, l := range recent {
		if l.Problem == "" && l.Operator != "" {
			return l.Operator
		}
	}
	return ""
}

// logDir is where session logs go: the flag, or the OS's default place.
func (a *app) logDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	return session.DefaultDir(a.goos, a.getenv)
}

func (a *app) sessionStart(t *flows.Tree, start, flowTitle, ticket, operator, scenario string) session.Start {
	return session.Start{
		Version: version, TreeFile: t.File, TreeTitle: t.Title, TreeSHA256: t.SHA256,
		Ticket: ticket, Operator: operator, OS: a.goos, StartNode: start, Flow: flowTitle, Scenario: scenario,
	}
}

// plainWalk drives a walk in plain mode, recording into j when it is not
// nil, and maps how it ended to an exit code.
func (a *app) plainWalk(w *flows.Walk, j *session.Journal, canned map[string]string) error {
	o := tui.PlainOptions{
		In: a.stdin, Out: a.stdout, Walk: w, Probes: a.probes, Canned: canned,
		ProbeInput: a.probeInput,
	}
	if j != nil {
		o.Record = func(evs []flows.Event) error { return j.Append(evs...) }
		o.Unsaved, o.Flush = j.Unsaved, j.Flush
		o.Summary = j.Summary
	}
	err := tui.Plain(context.Background(), o)
	reason := "outcome"
	switch {
	case err == nil:
	case errors.Is(err, tui.ErrQuit):
		reason = "quit"
	case errors.Is(err, tui.ErrInputEnded):
		reason = "input-ended"
	case errors.Is(err, tui.ErrNotSaved):
		return a.notSaved(j)
	default:
		return fmt.Errorf("the walk stopped: %w", err)
	}
	if j != nil {
		a.finishSession(j, reason)
		if j.Unsaved() > 0 {
			return a.notSaved(j)
		}
	}
	if errors.Is(err, tui.ErrInputEnded) {
		return &exitError{code: 1, err: errReported}
	}
	return nil
}

// notSaved ends a session whose events could not all be written: the
// journal's last attempt says which were lost and why, and the exit
// status is not success.
func (a *app) notSaved(j *session.Journal) error {
	err := j.Close()
	if err == nil {
		// The disk took them at the last attempt after all.
		fmt.Fprintf(a.stdout, "Session log: %s\n", session.SafeLine(j.Path()))
		return nil
	}
	fmt.Fprintln(a.stderr, operatorMessage(err))
	fmt.Fprintf(a.stderr, "Continue it with: %s\n", a.plainResumeLine(j.Path()))
	return &exitError{code: 1, err: errReported}
}

// finishSession writes the Markdown export at an outcome, ends the log and
// tells the operator where both are and how to resume.
func (a *app) finishSession(j *session.Journal, reason string) {
	if reason == "outcome" {
		path, _, err := j.ExportBeside(a.now())
		if err != nil {
			fmt.Fprintf(a.stderr, "Warning: %v\n", err)
		} else {
			fmt.Fprintf(a.stdout, "Ticket summary (Markdown): %s\n", session.SafeLine(path))
		}
	}
	if err := j.AppendEntry(session.Entry{TS: session.Stamp(a.now()), Event: flows.Event{Type: session.EventEnd}, Reason: reason}); err != nil {
		fmt.Fprintf(a.stderr, "Warning: %v\n", err)
	}
	fmt.Fprintf(a.stdout, "Session log: %s\n", session.SafeLine(j.Path()))
	if reason != "outcome" {
		fmt.Fprintf(a.stdout, "Continue it with: %s\n", a.plainResumeLine(j.Path()))
	}
}

// plainResumeLine is the exact command that continues the session in
// path in plain mode, ready to paste into a shell: the path made absolute,
// since the operator may run it from another folder, and quoted when it
// needs to be.
func (a *app) plainResumeLine(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "deskside resume --plain " + session.SafeLine(shellQuote(path, a.goos))
}

// shellQuote quotes s when it holds anything but plain path characters:
// in double quotes on Windows (cmd.exe and PowerShell both take them;
// a Windows path cannot hold a double quote), in single quotes elsewhere.
func shellQuote(s, goos string) string {
	plain := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/\\._-:+@,=", r))
	}) < 0
	switch {
	case plain:
		return s
	case goos == "windows":
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// probeInput is the base input of every probe run: this machine's runner,
// OS and clock.
func (a *app) probeInput() probes.Input {
	return probes.Input{Runner: probes.ExecRunner{}, OS: a.goos, Now: a.now}
}

// readLine reads one line a byte at a time, so that nothing after it is
// taken from what the walk reads next.
func readLine(r io.Reader) string {
	var b []byte
	one := make([]byte, 1)
	for len(b) < 256 {
		n, err := r.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				break
			}
			b = append(b, one[0])
		}
		if err != nil {
			break
		}
	}
	return strings.TrimSuffix(string(b), "\r")
}
