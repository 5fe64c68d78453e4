package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
	"deskside/tui"
)

// trainOptions are the flags of `deskside train`.
type trainOptions struct {
	scenario  string
	flowsFile string
	plain     bool
	json      bool
	logDir    string
	operator  string
}

func (a *app) trainCommand(runF func(trainOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.train
	}
	var o trainOptions
	c := &cobra.Command{
		Use:   "train [SCENARIO]",
		Short: "Practise a canned scenario, with a score at the end",
		Long: `Walk one of the tree's scenarios as a trainee. Checks return the scenario's
recorded inputs, so they show real-looking results on any machine; the
"why" panel is open; at the outcome the walk is scored against the path
the scenario expects: steps matched, where it left the path and what the
expected answer was and why, back-steps and time.

Without SCENARIO the scenarios are offered to pick from. Training runs keep
no log unless --log-dir names a folder for them, so they never mix with
real sessions. --json prints the score as JSON on standard output (with
--plain, the walk's prompts then go to standard error).`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError("train takes at most one scenario")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.scenario = args[0]
			}
			return runF(o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.flowsFile, "flows", "", "tree file whose scenarios to use instead of the embedded one")
	f.BoolVar(&o.plain, "plain", false, "numbered prompts on plain stdin/stdout")
	f.BoolVar(&o.json, "json", false, "print the score as JSON")
	f.StringVar(&o.logDir, "log-dir", "", "keep training logs in this folder (default: keep none)")
	f.StringVar(&o.operator, "operator", "", "trainee's name, recorded in the log")
	return c
}

func (a *app) train(o trainOptions) error {
	t, err := a.loadTree(o.flowsFile)
	if err != nil {
		return a.treeError(err)
	}
	if len(t.Scenarios) == 0 {
		return &exitError{code: 1, err: fmt.Errorf("%s has no scenarios to train with", t.File)}
	}
	var sc *flows.Scenario
	if o.scenario != "" {
		s, ok := t.Scenario(o.scenario)
		if !ok {
			ids := make([]string, len(t.Scenarios))
			for i, s := range t.Scenarios {
				ids[i] = s.ID
			}
			return usageError("no scenario %q in %s; the scenarios are: %s", o.scenario, t.File, strings.Join(ids, ", "))
		}
		sc = &s
	}
	if o.plain {
		return a.trainPlain(t, sc, o)
	}
	if !a.isTerminal() {
		return &exitError{code: 2, err: errNoTerminal}
	}
	// Training logs go to --log-dir, or nowhere: never among real sessions.
	z := &wizard{a: a, tree: t, logDir: o.logDir}
	opts := z.options("", o.operator)
	opts.Resume = nil
	if sc != nil {
		opts.Training = &tui.Training{Scenario: *sc}
	} else {
		opts.PickScenario = true
	}
	defer z.close()
	final, err := tui.Run(tui.New(opts), os.Stdout)
	if err != nil {
		return fmt.Errorf("the terminal wizard stopped: %w", err)
	}
	if err := a.wizardEnded(final); err != nil {
		return err
	}
	if score := final.Score(); score != nil && o.json {
		return printJSON(a.stdout, score)
	}
	return nil
}

func (a *app) trainPlain(t *flows.Tree, sc *flows.Scenario, o trainOptions) error {
	out := a.stdout
	if o.json {
		out = a.stderr // standard output carries only the score
	}
	in := bufio.NewReader(a.stdin)
	if sc == nil {
		fmt.Fprintln(out, "Scenarios:")
		for i, s := range t.Scenarios {
			// The title and the length only: what a scenario teaches would
			// give its answers away before the trainee starts.
			fmt.Fprintf(out, "  %d) %s (%s)\n", i+1, session.SafeLine(s.Title), probes.Plural(len(s.Expect)-1, "step", "steps"))
		}
		fmt.Fprint(out, "Scenario number> ")
		line, err := in.ReadString('\n')
		n, convErr := strconv.Atoi(strings.TrimSpace(line))
		if convErr != nil || n < 1 || n > len(t.Scenarios) {
			if errors.Is(err, io.EOF) && strings.TrimSpace(line) == "" {
				return &exitError{code: 1, err: errors.New("input ended before a scenario was picked")}
			}
			return usageError("pick a scenario by its number, 1 to %d", len(t.Scenarios))
		}
		sc = &t.Scenarios[n-1]
	}
	trainee := o.operator
	if trainee == "" {
		// Training logs live apart, but the trainee is usually whoever
		// takes calls here: the session folder remembers the name too.
		dir := o.logDir
		if dir == "" {
			dir, _ = session.DefaultDir(a.goos, a.getenv)
		}
		trainee = a.rememberedOperator(dir)
	}
	var j *session.Journal
	// A scenario begins at the tree's start or at a flow's entry.
	st := a.sessionStart(t, sc.Expect[0], "", "", trainee, sc.ID)
	if o.logDir != "" {
		var err error
		if j, err = session.Create(o.logDir, st, a.now()); err != nil {
			return &exitError{code: 1, err: err}
		}
		defer j.Close()
		a.warn(j.Warnings())
	}
	fmt.Fprintf(out, "TRAINING: %s\n", session.SafeLine(sc.Title))
	if trainee != "" {
		fmt.Fprintf(out, "Trainee: %s\n", session.SafeLine(trainee))
	}
	coach := &flows.Coach{Scenario: *sc, Trainee: trainee, Started: a.now()}
	w, evs := flows.NewWalkAt(t, sc.Expect[0], a.now)
	var record func([]flows.Event) error
	if j != nil {
		_ = j.Append(evs...)
		record = func(evs []flows.Event) error { return j.Append(evs...) }
	}
	err := tui.Plain(context.Background(), tui.PlainOptions{
		In: in, Out: out, Walk: w, Probes: a.probes, Canned: sc.Probes, ShowWhy: true, Coach: coach,
		ProbeInput: a.probeInput, Record: record,
	})
	if err != nil && !errors.Is(err, tui.ErrInputEnded) && !errors.Is(err, tui.ErrQuit) {
		return err
	}
	// A walk that stopped early still gets the score of the answers given.
	report := coach.Report(w, a.now().Sub(coach.Started))
	if o.json {
		if err := printJSON(a.stdout, report); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "SCORE: %s\n", session.Safe(report.Text()))
		if sc.Teaches != "" {
			fmt.Fprintf(out, "What this scenario teaches: %s\n", session.Safe(sc.Teaches))
		}
	}
	if errors.Is(err, tui.ErrInputEnded) {
		return &exitError{code: 1, err: errReported}
	}
	return nil
}

// printJSON writes v as indented JSON with the controls a terminal acts on
// escaped (session.SafeJSON): text from pastes and logs reaches it.
func printJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(session.SafeJSON(b), '\n'))
	return err
}
