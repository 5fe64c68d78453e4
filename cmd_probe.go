package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"deskside/probes"
	"deskside/session"
)

// probeOptions are the flags of `deskside probe`.
type probeOptions struct {
	name  string
	input string // a file, "-" for stdin, or empty to read this machine
	url   string
	json  bool
	list  bool
}

// probeCommand builds `deskside probe`; runF replaces the run in flag tests.
func (a *app) probeCommand(runF func(probeOptions) error) *cobra.Command {
	if runF == nil {
		runF = a.runProbe
	}
	var o probeOptions
	c := &cobra.Command{
		Use:   "probe [NAME] [--input FILE|-] [--json]",
		Short: "Run one check outside the wizard and print its result",
		Long: `Run one probe and print its result: status, summary, facts and details.

Probes that read pasted text take it from --input FILE, or from standard
input with --input -. Without --input, probes that read the PC (dsregcmd,
credentials, onedrive, clock) run their program on this machine; on a
machine where that program does not exist they say so.

Without a NAME, --input is read by every check that reads pasted text, and
each one that recognises part of it prints what it found: one paste may
hold an AADSTS error, a response's request-id and a token at once.

deskside probe --list shows every probe, whether it can run here, and the
facts it sets.

Exit status: 0 when a check read the input or this PC (whatever it found),
1 when nothing recognised the input or the check cannot run here, 2 for
wrong usage.`,
		Example: `  deskside probe jwt --input token.txt
  pbpaste | deskside probe aadsts --input - --json
  pbpaste | deskside probe --input - --json
  deskside probe clock --url https://graph.microsoft.com
  deskside probe --list`,
		Args: func(_ *cobra.Command, args []string) error {
			switch {
			case o.list && len(args) == 0:
				return nil
			case o.list:
				return usageError("probe --list takes no probe name")
			case len(args) == 0 && o.input != "":
				return nil
			case len(args) != 1:
				return usageError("probe needs one probe name, such as jwt or dsregcmd (see deskside probe --list), or --input to let every check read the text")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.name = args[0]
			}
			return runF(o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.input, "input", "", "read the text to check from FILE, or from standard input with -")
	f.StringVar(&o.url, "url", "", "clock probe: compare with the Date header of this https:// URL")
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	f.BoolVar(&o.list, "list", false, "list the probes, whether each can run here, and their facts")
	return c
}

func (a *app) runProbe(o probeOptions) error {
	if o.list {
		return a.listProbes(o)
	}
	var p probes.Probe
	if o.name != "" {
		var ok bool
		if p, ok = a.probes.Lookup(o.name); !ok {
			return usageError("no probe named %q; the probes are: %s", o.name, strings.Join(a.probes.Names(), ", "))
		}
	}
	in := a.probeInput()
	in.URL = o.url
	switch o.input {
	case "":
	case "-":
		b, err := io.ReadAll(io.LimitReader(a.stdin, probes.MaxPaste+1))
		if err != nil {
			return fmt.Errorf("cannot read standard input: %w", err)
		}
		in.Text = string(b)
	default:
		b, err := readLimited(o.input, probes.MaxPaste+1)
		if err != nil {
			return &exitError{code: 1, err: fmt.Errorf("cannot read the input file: %w", err)}
		}
		in.Text = string(b)
	}
	return a.readPaste(o, p, in)
}

// readPaste reads the input by the rule the wizard and plain mode share
// (probes.ReadPaste): the named check first, or this PC when there is no
// input; when it reads nothing, or no check is named, every check that
// reads pasted text. It prints each result, or what deskside reads when
// nothing recognised the text.
func (a *app) readPaste(o probeOptions, own probes.Probe, in probes.Input) error {
	got := probes.ReadPaste(context.Background(), own, a.probes.All(), in)
	if got.Own != nil && got.Own.Result.Recognised() {
		// A check named on the command line that reads the input is
		// what was asked for: the others' readings are for the wizard.
		got.Others = nil
	}
	if o.json {
		rs := got.Readings()
		if rs == nil {
			rs = []probes.Reading{}
		}
		if err := printJSON(a.stdout, rs); err != nil {
			return err
		}
	} else {
		for i, r := range got.Readings() {
			if i > 0 {
				fmt.Fprintln(a.stdout)
			}
			fmt.Fprintf(a.stdout, "%s: %s", r.Probe, session.Safe(r.Result.Text()))
		}
		if len(got.Kinds) > 0 {
			if got.Own != nil {
				fmt.Fprintln(a.stdout)
			}
			fmt.Fprintln(a.stdout, "No check recognised this text. deskside reads:")
			for _, k := range got.Kinds {
				fmt.Fprintln(a.stdout, "  - "+k)
			}
		}
	}
	if !got.Recognised() {
		return &exitError{code: 1, err: errReported}
	}
	return nil
}

func readLimited(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// probeListing is one probe in `probe --list --json`.
type probeListing struct {
	Name     string             `json:"name"`
	Title    string             `json:"title"`
	RunsHere bool               `json:"runs_here"`
	Anywhere string             `json:"anywhere,omitempty"`
	Example  string             `json:"example,omitempty"`
	Program  string             `json:"program,omitempty"`
	Paste    string             `json:"paste,omitempty"`
	Facts    []probes.FactSpec  `json:"facts"`
	Describe probes.Description `json:"-"`
}

func (a *app) listProbes(o probeOptions) error {
	var list []probeListing
	for _, p := range a.probes.All() {
		d := p.Describe()
		list = append(list, probeListing{Name: p.Name(), Title: d.Title, RunsHere: probes.CanRun(p, a.goos),
			Program: d.Program, Paste: d.Paste, Anywhere: d.Anywhere, Example: d.Example, Facts: p.Facts(), Describe: d})
	}
	if o.json {
		return printJSON(a.stdout, list)
	}
	tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROBE\tREADS THIS PC\tTAKES A PASTE\tWHAT IT DOES")
	for _, l := range list {
		runs := "no"
		switch {
		case l.RunsHere:
			runs = "yes: " + l.Program
		case l.Describe.Anywhere != "":
			runs = "yes (--url)"
		case l.Program != "":
			runs = "no (" + l.Describe.OnlyOS + " only)"
		}
		paste := "no"
		if l.Paste != "" {
			paste = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Name, runs, paste, l.Title)
	}
	tw.Flush()
	for _, l := range list {
		if !l.RunsHere && l.Anywhere != "" {
			fmt.Fprintf(a.stdout, "\n%s reads %s on any machine; %s runs only on %s.\n", l.Name, l.Anywhere, l.Program, l.Describe.OnlyOS)
		}
	}
	for _, l := range list {
		fmt.Fprintf(a.stdout, "\n%s facts:\n", l.Name)
		for _, f := range l.Facts {
			fmt.Fprintf(a.stdout, "  %-34s %-7s %s\n", f.Name, f.Type, f.Meaning)
		}
	}
	return nil
}
