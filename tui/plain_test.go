package tui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
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
		"\nStep 1, about 2 to go: Is it a 401?\n",
		" 1) Yes, 401",
		"  p) run the httpstatus check: Read an HTTP response",
		"Read to the user:\n  1. Open the connection.\n  2. Click Reconnect.",
		"\nESCALATE: Escalate\n",
		"  [ ] Timestamps in UTC",
		"OUTCOME: escalate — Escalate\n",
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
			wants: []string{`Input ended at step 2, “Reconnect the connection” (check), before an outcome.`}},
		"not a number":             {input: "yes\n3\n", wants: []string{`"yes" is not an answer: type a number from 1 to 3, or h for help.`, "OUTCOME: not-this-problem"}},
		"out of range":             {input: "9\n3\n", wants: []string{"There is no answer 9: type a number from 1 to 3.", "OUTCOME: not-this-problem"}},
		"back at the start":        {input: "b\n3\n", wants: []string{"This is the first step; there is nothing to go back to."}},
		"back then another answer": {input: "1\nb\n3\n", wants: []string{"OUTCOME: not-this-problem — Not this"}},
		"note":                     {input: "n user is on the VPN\nn\n3\n", wants: []string{"Note added.", "A note needs text after the n"}},
		"quit":                     {input: "q\n", err: ErrQuit, wants: []string{`Stopped at step 1, “Is it a 401?” (ask).`}},
		"why":                      {input: "w\n3\n", wants: []string{"1) Yes, 401 [suggested when http.status is 401]", "2) No, 429 [suggested when http.status in [429, 503]]"}},
		"help":                     {input: "h\n3\n", wants: []string{"n TEXT    add a note"}},
		"paste a probe and see the suggestion": {input: "p\nHTTP/1.1 429 Too Many Requests\nRetry-After: 10\n.\n2\n",
			wants: []string{"[!] warning: HTTP 429 Too Many Requests", "\n  http.retry_after = 10", " *2) No, 429 (suggested)", "Answer 2 is suggested from the paste at step 1 (httpstatus); press Enter to take it", "OUTCOME: resolved — Throttled"}},
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
			if want := "OUTCOME: " + last.Result.String() + " — " + last.Title + "\n"; !strings.HasSuffix(out, want) {
				t.Errorf("output ends %q, want %q", out[max(0, len(out)-200):], want)
			}
		})
	}
}

// TestPlainMarkdown pins how Markdown reads as plain sentences: no marks a
// screen reader would say aloud, tables as one line per cell.
func TestPlainMarkdown(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"strong and code":                   {"Open **Credential Manager** and run `cmdkey /list`.\n", "Open Credential Manager and run cmdkey /list."},
		"emphasis":                          {"failing to *reach* the service", "failing to reach the service"},
		"soft line breaks join a paragraph": {"one line\nand the next\n\nA second paragraph.", "one line and the next\n\nA second paragraph."},
		"escapes and entities":              {`a \*literal\* star &amp; more`, "a *literal* star & more"},
		"link":                              {"See [the guide](https://learn.microsoft.com/x).", "See the guide (https://learn.microsoft.com/x)."},
		"autolink":                          {"Open <https://office.com>.", "Open https://office.com."},
		"bullets become lines":              {"- one\n- two\n  - nested", "one\ntwo\n  nested"},
		"numbered list keeps its numbers":   {"1. Open Settings.\n2. Click Accounts.", "1. Open Settings.\n2. Click Accounts."},
		"table with an empty corner": {
			"| | Token refresh | Credential reset |\n|---|---|---|\n| What it does | gets a new token | deletes cached tokens |\n| Fixes it | no | yes |",
			"What it does — Token refresh: gets a new token\nWhat it does — Credential reset: deletes cached tokens\nFixes it — Token refresh: no\nFixes it — Credential reset: yes"},
		"table with a named first column": {
			"| Code | Meaning |\n|---|---|\n| 50173 | **grant revoked** |\n| 70008 | |",
			"50173 — Meaning: grant revoked\n70008 — Meaning: (empty)"},
		"menu path in words": {"File → Account → Sign out.", "File, then Account, then Sign out."},
		"heading and rule":   {"# Before you start\n\n---\n\nText.", "Before you start\n\nText."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := PlainMarkdown(tc.in); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestPlainBodiesReadAsSentences walks every step of the default tree in
// plain mode: no Markdown or drawing mark reaches a screen reader.
func TestPlainBodiesReadAsSentences(t *testing.T) {
	tree := defaultTree(t)
	marks := regexp.MustCompile("\\*\\*|(^|\\s)\\*\\w|\\w\\*(\\s|$)|`|^\\s*\\||\\|\\s*$|^\\s*[-•] |[★✓✗┌│─→]|^==")
	for _, id := range tree.Order {
		n := tree.Nodes[id]
		texts := []string{n.Body, n.Why}
		for _, in := range n.Steps {
			texts = append(texts, in.Text)
		}
		for _, src := range texts {
			for _, line := range strings.Split(PlainMarkdown(src), "\n") {
				if marks.MatchString(line) {
					t.Errorf("%s: %q keeps a mark", id, line)
				}
			}
		}
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

// TestPlainEnterTakesTheSuggestion checks that Enter alone takes the
// suggested answer and that the prompt says so, and that without a
// suggestion Enter asks for a number.
func TestPlainEnterTakesTheSuggestion(t *testing.T) {
	out, _, err := runPlain(t, smallTree(t), "p\nHTTP/1.1 429 Too Many Requests\n.\n\n")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"Answer (Enter takes 2, the suggested one;", "OUTCOME: resolved — Throttled"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runPlain(t, smallTree(t), "\n3\n")
	if !strings.Contains(out, "Type the number of an answer, or h for help.") || strings.Contains(out, "Enter takes") {
		t.Errorf("Enter without a suggestion:\n%s", out)
	}
}

// TestPlainAnswerTwelve checks that a two-digit answer is one answer.
func TestPlainAnswerTwelve(t *testing.T) {
	tree := defaultTree(t)
	w, _ := flows.NewWalkAt(tree, "ig-read-code", ticking())
	if n := len(w.Current().Choices); n < 12 {
		t.Fatalf("ig-read-code has %d answers", n)
	}
	var out bytes.Buffer
	err := Plain(context.Background(), PlainOptions{In: strings.NewReader("12\nq\n"), Out: &out, Walk: w, Probes: probes.Builtin()})
	if !errors.Is(err, ErrQuit) {
		t.Fatalf("err %v\n%s", err, out.String())
	}
	if p := w.Path(); len(p) != 1 || p[0].Label != tree.Nodes["ig-read-code"].Choices[11].Label {
		t.Errorf("path %+v", p)
	}
}

// TestPlainLongLines checks that a line over the paste limit, as an
// answer or inside a paste, neither ends the walk nor is kept whole.
func TestPlainLongLines(t *testing.T) {
	huge := strings.Repeat("x", probes.MaxPaste+(1<<20))
	t.Run("as an answer", func(t *testing.T) {
		out, _, err := runPlain(t, smallTree(t), huge+"\n3\n")
		if err != nil {
			t.Fatalf("%v\n%.2000s", err, out)
		}
		if !strings.Contains(out, "That line was longer than 1 MiB: only its first 1 MiB was kept.") || !strings.Contains(out, "OUTCOME: not-this-problem") {
			t.Errorf("output:\n%.2000s", out)
		}
	})
	t.Run("in a paste", func(t *testing.T) {
		out, events, err := runPlain(t, smallTree(t), "p\nHTTP/1.1 429 Too Many Requests\n"+huge+"\n.\n2\n")
		if err != nil {
			t.Fatalf("%v\n%.2000s", err, out)
		}
		if !strings.Contains(out, "The paste was longer than 1 MiB: only its first 1 MiB was kept and read.") || !strings.Contains(out, "OUTCOME: resolved") {
			t.Errorf("output:\n%.3000s", out)
		}
		for _, e := range events {
			if e.Type == flows.EventProbe && len(e.Input) > probes.MaxPaste {
				t.Errorf("the probe event keeps %d bytes", len(e.Input))
			}
		}
	})
}

// runTraining drives Plain as plain training does, with a coach.
func runTraining(t *testing.T, tree *flows.Tree, scenario, input string) (string, *flows.Coach, *flows.Walk, error) {
	t.Helper()
	sc, ok := tree.Scenario(scenario)
	if !ok {
		t.Fatalf("no scenario %s", scenario)
	}
	w, _ := flows.NewWalk(tree, ticking())
	c := &flows.Coach{Scenario: sc, Trainee: "Dana", Started: testStart}
	var out bytes.Buffer
	err := Plain(context.Background(), PlainOptions{
		In: strings.NewReader(input), Out: &out, Walk: w, Probes: probes.Builtin(), Canned: sc.Probes,
		ShowWhy: true, Coach: c,
		ProbeInput: func() probes.Input { return probes.Input{OS: "linux", Now: ticking()} },
	})
	return out.String(), c, w, err
}

func TestPlainTraining(t *testing.T) {
	tree := smallTree(t)
	t.Run("the expected answer is hidden until asked", func(t *testing.T) {
		out, _, _, err := runTraining(t, tree, "still-failing", "w\n1\n2\n")
		if err != nil {
			t.Fatal(err)
		}
		before, after, _ := strings.Cut(out, "Answer (")
		if strings.Contains(before, "expects") {
			t.Errorf("the expected answer shows before the trainee asks:\n%s", before)
		}
		if !strings.Contains(after, "The scenario expects answer 1: Yes, 401.") {
			t.Errorf("w does not say the expected answer:\n%s", after)
		}
	})
	t.Run("answers are listed once, with what each means", func(t *testing.T) {
		out, _, _, _ := runTraining(t, tree, "still-failing", "1\n2\n")
		first, _, _ := strings.Cut(out, "Answer (")
		if c := strings.Count(first, "Yes, 401"); c != 1 {
			t.Errorf("answer 1 listed %d times:\n%s", c, first)
		}
	})
	t.Run("leaving the path is said at once", func(t *testing.T) {
		out, c, w, err := runTraining(t, tree, "still-failing", "1\n1\n")
		if err != nil {
			t.Fatal(err)
		}
		want := "Off the scenario's path: at this step it expects “Still failing”, not “Fixed”."
		at := strings.Index(out, want)
		if at < 0 || at > strings.Index(out, "OUTCOME:") {
			t.Errorf("no miss before the outcome:\n%s", out)
		}
		r := c.Report(w, time.Minute)
		if len(r.Misses) != 1 || r.Misses[0].Expected != "Still failing" || !r.Finished {
			t.Errorf("report %+v", r)
		}
	})
	t.Run("an override of the suggestion is counted", func(t *testing.T) {
		_, c, w, _ := runTraining(t, tree, "still-failing", "p\nHTTP/1.1 429 Too Many Requests\n.\n3\n")
		r := c.Report(w, time.Minute)
		if len(r.Overrides) != 1 || r.Overrides[0].Suggested != "No, 429" || r.Overrides[0].Answered != "Something else" {
			t.Errorf("overrides %+v", r.Overrides)
		}
	})
}

// TestPlainGolden pins whole plain-mode walks as a person reads or hears
// them: a call that starts with a paste, and a training walk that leaves
// the path.
func TestPlainGolden(t *testing.T) {
	tree := defaultTree(t)
	paste := "p\nSomething went wrong. We couldn't sign you in (Error Code: 0x8004de40)\n.\n"
	cases := map[string]func() string{
		"run-paste-then-enter": func() string {
			out, _, err := runPlain(t, tree, paste+"\nw\n1\n1\n1\n2\nq\n")
			if !errors.Is(err, ErrQuit) {
				t.Errorf("err %v", err)
			}
			return out
		},
		"train-password-reset": func() string {
			out, c, w, err := runTraining(t, tree, "password-reset", "1\n3\nw\nb\nw\n1\n1\n1\n1\n")
			if err != nil {
				t.Errorf("err %v", err)
			}
			return out + "SCORE: " + c.Report(w, 75*time.Second).Text() + "\n"
		},
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			checkGoldenText(t, filepath.Join("..", "testdata", "golden", "plain", name+".txt"), run())
		})
	}
}

func parseTree(t *testing.T, name, src string) *flows.Tree {
	t.Helper()
	tree, err := flows.Parse(name, []byte(src), flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestPlainSuggestionOnEntry checks that a step whose suggestion the
// session's facts already decide shows it as it opens, naming the paste
// it came from, with no second paste.
func TestPlainSuggestionOnEntry(t *testing.T) {
	tree := parseTree(t, "two.yaml", `version: 1
title: Two steps on one fact
start: first
nodes:
  first:
    kind: question
    title: What did the user send?
    probe: { name: httpstatus, input: paste }
    choices:
      - { label: A response, next: second }
  second:
    kind: question
    title: Is it a 401?
    choices:
      - { label: "Yes, 401", next: done, when: { fact: http.status, is: 401 } }
      - { label: "No", next: done }
  done:
    kind: outcome
    title: Done
    result: resolved
    summary: Done.
`)
	out, _, err := runPlain(t, tree, "p\nHTTP/1.1 401 Unauthorized\n.\n1\n\n")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	_, second, _ := strings.Cut(out, "Step 2")
	for _, want := range []string{" *1) Yes, 401 (suggested)", "Answer 1 is suggested from the paste at step 1 (httpstatus); press Enter", "OUTCOME: resolved"} {
		if !strings.Contains(second, want) {
			t.Errorf("step 2 lacks %q:\n%s", want, second)
		}
	}
}

// TestPlainRoles checks steps that name who does them, a scenario's
// replies shown as the user's words, and an answer's facts suggesting a
// later answer.
func TestPlainRoles(t *testing.T) {
	data, err := os.ReadFile("../testdata/flows/good/roles.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tree := parseTree(t, "roles.yaml", string(data))
	out, c, w, err := runTraining(t, tree, "unconfirmed", "1\nb\n2\n1\n\n")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"Read to the user:\n  1. Open the connection and click Reconnect.\n  2. Sign in when asked.\nYou do:\n  3. Check the ticket history for earlier resets.\nAsk an admin to:\n  4. In Entra, open Sign-in logs and filter by the user.\n",
		`The user says: “Fixed”.`,
		`Off the scenario's path: at this step it expects “The app only says it failed”, not “401 Unauthorized”.`,
		"Answer 2 is suggested from your answer at step 1; press Enter",
		"OUTCOME: resolved — Fixed, status unconfirmed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `The user says: “The app only says it failed”`) {
		t.Errorf("the reply at a question gives its answer away:\n%s", out)
	}
	if r := c.Report(w, time.Minute); len(r.Misses) != 1 || r.Matched != 3 {
		t.Errorf("report %+v", r)
	}
}

// TestPlainUnsavedOutcome checks that an outcome is not declared while
// events are not on disk: the operator frees space and retries, or leaves
// with ErrNotSaved and no OUTCOME line.
func TestPlainUnsavedOutcome(t *testing.T) {
	for name, tc := range map[string]struct {
		input   string
		err     error
		outcome bool
	}{
		"space freed, Enter writes them": {input: "3\n\n", outcome: true},
		"the operator leaves":            {input: "3\nq\n", err: ErrNotSaved},
		"the input ends":                 {input: "3\n", err: ErrNotSaved},
	} {
		t.Run(name, func(t *testing.T) {
			w, _ := flows.NewWalk(smallTree(t), ticking())
			unsaved := 0
			var out bytes.Buffer
			err := Plain(context.Background(), PlainOptions{
				In: strings.NewReader(tc.input), Out: &out, Walk: w, Probes: probes.Builtin(),
				Record:  func(evs []flows.Event) error { unsaved += len(evs); return errors.New("no space left on device") },
				Unsaved: func() int { return unsaved },
				Flush:   func() error { unsaved = 0; return nil },
			})
			if !errors.Is(err, tc.err) {
				t.Errorf("err %v, want %v", err, tc.err)
			}
			if want := `NOT SAVED: the walk reached “Not this”, but 3 events of this call could not be written to the session log`; !strings.Contains(out.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, out.String())
			}
			if got := strings.Contains(out.String(), "OUTCOME:"); got != tc.outcome {
				t.Errorf("OUTCOME printed: %v\n%s", got, out.String())
			}
		})
	}
}

// TestPlainPasteAnything checks issue 10 in plain mode: a paste the step's
// own check cannot read is read by every check; its facts suggest a later
// step's answer as it opens; a paste nothing reads lists what deskside
// reads.
func TestPlainPasteAnything(t *testing.T) {
	aadsts := `{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}`
	t.Run("AADSTS body at triage", func(t *testing.T) {
		out, events, err := runPlain(t, defaultTree(t), "p\n"+aadsts+"\n.\n5\n\n")
		if err != nil && !errors.Is(err, ErrInputEnded) {
			t.Fatal(err)
		}
		triage, later, _ := strings.Cut(out, "Step 2")
		for _, want := range []string{"The clienterror check could not read it:", "Read by aadsts.", "The aadsts check (Read an AADSTS error) found:", "\n  aadsts.category = inactivity"} {
			if !strings.Contains(triage, want) {
				t.Errorf("triage lacks %q:\n%s", want, triage)
			}
		}
		for _, want := range []string{` *1) Inactivity: AADSTS70008 or AADSTS700082 (suggested)`, "Answer 1 is suggested from the paste at step 1 (aadsts); press Enter"} {
			if !strings.Contains(later, want) {
				t.Errorf("the next step lacks %q on entry:\n%s", want, later)
			}
		}
		probed := 0
		for _, e := range events {
			if e.Type == flows.EventProbe {
				probed++
				if e.Probe != "aadsts" {
					t.Errorf("a probe event from %s", e.Probe)
				}
			}
		}
		if probed != 1 {
			t.Errorf("%d probe events", probed)
		}
	})
	t.Run("a step without a check", func(t *testing.T) {
		out, _, _ := runPlain(t, smallTree(t), "1\np\nHTTP/1.1 401 Unauthorized\n.\nq\n")
		_, step2, _ := strings.Cut(out, "Step 2")
		if strings.Contains(step2, "This step has no check") || !strings.Contains(step2, "Paste what the user sent:") || !strings.Contains(step2, "Read by httpstatus.") {
			t.Errorf("step 2:\n%s", step2)
		}
	})
	t.Run("nothing recognised", func(t *testing.T) {
		out, events, _ := runPlain(t, smallTree(t), "p\nhello there\n.\n3\n")
		if !strings.Contains(out, "No check recognised this paste. deskside reads:\n") || !strings.Contains(out, "OUTCOME: not-this-problem") {
			t.Errorf("output:\n%s", out)
		}
		for _, k := range probes.PasteKinds(probes.Builtin().All()) {
			if !strings.Contains(out, "  "+k+"\n") {
				t.Errorf("output lacks the kind %q", k)
			}
		}
		var failed bool
		for _, e := range events {
			failed = failed || (e.Type == flows.EventProbe && e.Probe == "httpstatus" && e.Result.Status == probes.StatusError)
		}
		if !failed {
			t.Error("the failed attempt of the step's own check is not recorded")
		}
	})
}

// hostileTree carries control sequences in every kind of tree string: a
// clipboard write (OSC 52), a screen clear, a bidi override and a newline
// that would forge an OUTCOME line.
const hostileTree = `version: 1
title: Hostile
start: ask
nodes:
  ask:
    kind: question
    title: "Ask \e]52;c;aGVsbG8=\a now"
    body: "Read this \e[2J aloud."
    why: "Because \u202eevil"
    choices:
      - { label: "Yes \e]8;;http://x\e\\link\e]8;;\e\\", next: done, why: "why \e[31m red" }
  done:
    kind: outcome
    title: "Done \u009b"
    result: resolved
    summary: "Fine.\nOUTCOME: escalate — forged"
`

// TestPlainControlSequences checks that no control sequence from a tree
// file or a paste reaches the terminal in plain mode, and that a newline
// in a summary cannot forge an OUTCOME line.
func TestPlainControlSequences(t *testing.T) {
	tree := parseTree(t, "hostile.yaml", hostileTree)
	w, _ := flows.NewWalk(tree, ticking())
	var out bytes.Buffer
	err := Plain(context.Background(), PlainOptions{
		In: strings.NewReader("w\np\nHTTP/1.1 401 Unauthorized\nX-Evil: \x1b]52;c;aGk=\x07\n.\n1\n"), Out: &out, Walk: w,
		Probes: probes.Builtin(), ShowWhy: true,
		ProbeInput: func() probes.Input { return probes.Input{OS: "linux", Now: ticking()} },
	})
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if i := strings.IndexFunc(got, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u202e'
	}); i >= 0 {
		t.Errorf("a control character reached the terminal at %d: %q", i, got[max(0, i-20):min(len(got), i+20)])
	}
	if strings.Count(got, "\nOUTCOME:") != 1 || !strings.Contains(got, `\x1b]52;c;aGVsbG8=`) {
		t.Errorf("output:\n%s", got)
	}
}

// TestPlainReplayControlSequences replays a log whose note, answer and
// check summary carry control sequences: none reaches the output raw.
func TestPlainReplayControlSequences(t *testing.T) {
	tree := parseTree(t, "hostile.yaml", hostileTree)
	dir := t.TempDir()
	j, err := session.Create(dir, session.Start{TreeFile: "hostile.yaml", StartNode: "ask"}, testStart)
	if err != nil {
		t.Fatal(err)
	}
	w, evs := flows.NewWalk(tree, ticking())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(j.Append(evs...))
	note, err := w.Note("user said \x1b[2J\x1b]52;c;aGk=\x07 \u202eok")
	must(err)
	must(j.Append(note...))
	must(j.Append(w.ApplyProbe("httpstatus", "", probes.Result{Status: probes.StatusWarn, Summary: "odd \x1b[31m summary", Facts: map[string]any{"http.status": 401}}, 0)...))
	chose, err := w.Choose(0)
	must(err)
	must(j.Append(chose...))
	must(j.Close())
	l, err := session.ReadFile(j.Path())
	must(err)
	var out bytes.Buffer
	PlainReplay(&out, "hostile\x1b[2J.jsonl", l, tree)
	got := out.String()
	if i := strings.IndexFunc(got, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u202e'
	}); i >= 0 {
		t.Errorf("a control character reached the output at %d: %q", i, got[max(0, i-20):min(len(got), i+20)])
	}
	if !strings.Contains(got, `user said \x1b[2J`) || strings.Count(got, "Outcome:") != 1 {
		t.Errorf("replay:\n%s", got)
	}
}
