// Command deskside is a terminal wizard for help-desk staff on a call about a
// Microsoft 365 sign-in or token failure: it walks a decision tree, runs the
// checks it can, and records every step for the ticket.
package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"deskside/flows"
	"deskside/probes"
)

// version is the tool version written into every journal.
const version = "0.1.0"

//go:embed flows.yaml
var embeddedTree []byte

// embeddedTreeName is how the embedded tree is named in messages.
const embeddedTreeName = "flows.yaml (embedded)"

func main() {
	a := newApp(os.Stdin, os.Stdout, os.Stderr)
	os.Exit(a.main(os.Args[1:]))
}

// app carries what every command needs, so tests can run commands with
// their own streams, clock and probes instead of the process's.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	probes *probes.Registry
	goos   string
	getenv func(string) string
	tree   []byte // the embedded default tree
	// isTerminal reports whether stdin and stdout are a terminal.
	isTerminal func() bool
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{
		stdin: stdin, stdout: stdout, stderr: stderr,
		now:        time.Now,
		probes:     probes.Builtin(),
		goos:       runtime.GOOS,
		getenv:     os.Getenv,
		tree:       embeddedTree,
		isTerminal: stdioIsTerminal,
	}
}

// exitError carries an exit code: 1 for a reported error, 2 for wrong usage.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// reported is an error whose message has already been printed.
var errReported = errors.New("reported")

// main runs one command line and returns the exit code.
func (a *app) main(args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	if errors.Is(err, errReported) {
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return 1
	}
	var ee *exitError
	code := 1
	if errors.As(err, &ee) {
		code = ee.code
	} else if isCobraUsage(err) {
		code = 2
	}
	fmt.Fprintln(a.stderr, operatorMessage(err))
	if code == 2 {
		fmt.Fprintln(a.stderr, "Run 'deskside --help' to see the commands and their flags.")
	}
	return code
}

// isCobraUsage spots the usage errors cobra makes itself.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "flag needs an argument", "invalid argument", "requires exactly"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

func (a *app) rootCommand() *cobra.Command {
	run := a.runCommand(nil)
	root := &cobra.Command{
		Use:   "deskside",
		Short: "A help-desk wizard for Microsoft 365 sign-in and token failures",
		Long: `deskside walks a help-desk operator through a decision tree for Microsoft 365
sign-in and token failures (OneDrive 0x8004de40, 401 "token expired",
invalid_grant, "token has expired and refresh failed"), runs the checks it
can, and records every step for the ticket.

With no command it opens the wizard on the embedded default tree.`,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          run.RunE,
	}
	root.Flags().AddFlagSet(run.Flags())
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	root.AddCommand(run, a.validateCommand(nil), a.versionCommand(), a.probeCommand(nil),
		a.resumeCommand(nil), a.exportCommand(nil), a.sessionsCommand(), a.graphCommand(nil),
		a.trainCommand(nil), a.replayCommand(nil), a.statsCommand(nil))
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	}
	return root
}

// loadTree reads the tree file at path, or the embedded tree when path is
// empty. A tree with problems comes back as a flows.ErrorList.
func (a *app) loadTree(path string) (*flows.Tree, error) {
	cat := flows.CatalogOf(a.probes.All())
	if path == "" {
		return flows.Parse(embeddedTreeName, a.tree, cat)
	}
	return flows.LoadFile(path, cat)
}

// treeError prints a tree's problems, one per line, and returns an error
// that exits 1 without printing again.
func (a *app) treeError(err error) error {
	var list flows.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(a.stderr, e.Error())
		}
		n := 0
		for _, e := range list {
			if !e.Warning {
				n++
			}
		}
		them := "them"
		if n == 1 {
			them = "it"
		}
		fmt.Fprintf(a.stderr, "%s found; fix %s and run deskside validate again.\n", probes.Plural(n, "problem", "problems"), them)
		return &exitError{code: 1, err: errReported}
	}
	return err
}
