package tui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
)

var testStart = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func ticking() func() time.Time {
	n := 0
	return func() time.Time {
		n++
		return testStart.Add(time.Duration(n) * time.Second)
	}
}

func defaultTree(t testing.TB) *flows.Tree {
	t.Helper()
	tree, err := flows.LoadFile("../flows.yaml", flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func smallTree(t testing.TB) *flows.Tree {
	t.Helper()
	data, err := os.ReadFile("../testdata/flows/good/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tree, err := flows.Parse("small.yaml", data, flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// runPlain drives Plain with input and returns what it printed, the
// recorded events and the error.
func runPlain(t *testing.T, tree *flows.Tree, input string) (string, []flows.Event, error) {
	t.Helper()
	w, start := flows.NewWalk(tree, ticking())
	var out bytes.Buffer
	events := append([]flows.Event{}, start...)
	err := Plain(context.Background(), PlainOptions{
		In: strings.NewReader(input), Out: &out, Walk: w, Probes: probes.Builtin(),
		ProbeInput: func() probes.Input { return probes.Input{OS: "linux", Now: ticking()} },
		Record:     func(evs []flows.Event) error { events = append(events, evs...); return nil },
	})
	return out.String(), events, err
}

func TestPlainWalksToOutcome(t *testing.T) {
	out, events, err := runPlain(t, smallTree(t), "1\n2\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"== Step 1, about 2 to go: Is it a 401? ==",
		" 1) Yes, 401",
		"  p) run the httpstatus check: Read an HTTP response",
		"Read these steps to the user:\n  1. Open the connection.\n  2. Click Reconnect.",
		"== ESCALATE: Escalate ==",
		"  [ ] Timestamps in UTC",
		"OUTCOME: escalate — Still failing after a reconnect.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	var types []string
	for _, e := range events {
		types = append(types, string(e.Type))
	}
	if got := strings.Join(types, " "); got != "step answer step answer step outcome" {
		t.Errorf("events %s", got)
	}
}

func TestPlainCommands(t *testing.T) {
	cases := map[string]struct {
		input   string
		err     error
		wants   []string
		noWants []string
	}{
		"input ends early": {input: "1\n", err: ErrInputEnded,
			wants: []string{`Input ended at step 2, "Reconnect the connection" (check), before an outcome.`}},
		"not a number":             {input: "yes\n3\n", wants: []string{`"yes" is not an answer: type a number from 1 to 3, or h for help.`, "OUTCOME: not-this-problem"}},
		"out of range":             {input: "9\n3\n", wants: []string{"There is no answer 9: type a number from 1 to 3.", "OUTCOME: not-this-problem"}},
		"back at the start":        {input: "b\n3\n", wants: []string{"This is the first step; there is nothing to go back to."}},
		"back then another answer": {input: "1\nb\n3\n", wants: []string{"OUTCOME: not-this-problem — Not a token problem."}},
		"note":                     {input: "n user is on the VPN\nn\n3\n", wants: []string{"Note added.", "A note needs text after the n"}},
		"quit":                     {input: "q\n", err: ErrQuit, wants: []string{`Stopped at step 1, "Is it a 401?" (ask).`}},
		"why":                      {input: "w\n3\n", wants: []string{"1) Yes, 401 [suggested when http.status is 401]", "2) No, 429 [suggested when http.status in [429, 503]]"}},
		"help":                     {input: "h\n3\n", wants: []string{"n TEXT    add a note"}},
		"paste a probe and see the suggestion": {input: "p\nHTTP/1.1 429 Too Many Requests\nRetry-After: 10\n.\n2\n",
			wants: []string{"[!] warn: HTTP 429 Too Many Requests", "    http.retry_after = 10", " *2) No, 429", "(* = suggested by the check; you still choose)", "OUTCOME: resolved — Back off and retry."}},
		"paste ends with the input": {input: "p\nHTTP/1.1 401 Unauthorized\n", err: ErrInputEnded, wants: []string{" *1) Yes, 401"}},
		"empty line":                {input: "\n3\n", wants: []string{"Type the number of an answer, or h for help."}},
		"windows line endings":      {input: "3\r\n", wants: []string{"OUTCOME: not-this-problem"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			out, _, err := runPlain(t, smallTree(t), tc.input)
			if !errors.Is(err, tc.err) {
				t.Errorf("err = %v, want %v", err, tc.err)
			}
			for _, w := range tc.wants {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestPlainScenarios walks each default scenario by its answers' numbers,
// the way a script would pipe them in, and checks its outcome.
func TestPlainScenarios(t *testing.T) {
	tree := defaultTree(t)
	for _, s := range tree.Scenarios {
		t.Run(s.ID, func(t *testing.T) {
			var in strings.Builder
			for i := 0; i+1 < len(s.Expect); i++ {
				n := tree.Nodes[s.Expect[i]]
				for j, c := range n.Choices {
					if c.Next == s.Expect[i+1] {
						in.WriteString(strconv.Itoa(j+1) + "\n")
						break
					}
				}
			}
			out, _, err := runPlain(t, tree, in.String())
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			last := tree.Nodes[s.Expect[len(s.Expect)-1]]
			if want := "OUTCOME: " + last.Result.String() + " — " + last.Summary + "\n"; !strings.HasSuffix(out, want) {
				t.Errorf("output ends %q, want %q", out[max(0, len(out)-200):], want)
			}
		})
	}
}

func TestPlainMarkdown(t *testing.T) {
	got := PlainMarkdown("Open **Credential Manager** and run `cmdkey /list`.\n")
	if want := "Open Credential Manager and run cmdkey /list."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPlainThisPC checks that plain mode on Windows asks for a paste but
// takes "this pc" to read this machine.
func TestPlainThisPC(t *testing.T) {
	tree := defaultTree(t)
	w, _ := flows.NewWalkAt(tree, "od-method-1", ticking())
	var out bytes.Buffer
	ran := false
	err := Plain(context.Background(), PlainOptions{
		In: strings.NewReader("p\nthis pc\n1\n"), Out: &out, Walk: w, Probes: probes.Builtin(),
		ProbeInput: func() probes.Input {
			return probes.Input{OS: "windows", Runner: runnerFunc(func() ([]byte, error) {
				ran = true
				return []byte("Currently stored credentials:\n\n* NONE *\n"), nil
			})}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ran || !strings.Contains(out.String(), `Or type "this pc" alone to run cmdkey /list on this PC instead`) || !strings.Contains(out.String(), "No stored credentials at all") {
		t.Errorf("ran %v, output:\n%s", ran, out.String())
	}
}
