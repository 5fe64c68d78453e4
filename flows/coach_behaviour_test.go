package flows

import (
	"testing"
	"time"

	"deskside/probes"
)

// TestCoachExpected pins which answer the coach expects as a trainee
// walks the small tree's still-failing scenario (ask → check → escalate):
// the scenario's next step while on its path, -1 once the walk has left
// it, reached its end, or began somewhere the scenario does not.
func TestCoachExpected(t *testing.T) {
	tree := smallTree(t)
	sc, _ := tree.Scenario("still-failing")
	c := &Coach{Scenario: sc}

	w, _ := NewWalk(tree, ticking())
	if got := c.Expected(w); got != 0 {
		t.Errorf("at ask: expected %d, want 0 (Yes, 401)", got)
	}
	w.Choose(0)
	if got := c.Expected(w); got != 1 {
		t.Errorf("at check: expected %d, want 1 (Still failing)", got)
	}
	w.Choose(1)
	if got := c.Expected(w); got != -1 {
		t.Errorf("at the scenario's outcome: expected %d, want -1", got)
	}

	// Off the path: the walk went to "other" at step 1.
	w, _ = NewWalk(tree, ticking())
	w.Choose(2)
	if got := c.Expected(w); got != -1 {
		t.Errorf("after leaving the path: expected %d, want -1", got)
	}

	// A walk that took another answer at step 1 and is now at a step the
	// scenario passes through later is still off the path.
	long := Scenario{ID: "long", Expect: []string{"ask", "backoff", "x", "y"}}
	w, _ = NewWalk(tree, ticking())
	w.Choose(0) // to check, not backoff
	if got := (&Coach{Scenario: long}).Expected(w); got != -1 {
		t.Errorf("path left at step 1: expected %d, want -1", got)
	}

	// A walk begun at a flow's entry the scenario does not start at.
	w, _ = NewWalkAt(tree, "check", ticking())
	if got := c.Expected(w); got != -1 {
		t.Errorf("walk begun at check: expected %d, want -1", got)
	}
}

// TestCoachAnswerEdges checks that an answer number the step does not
// have is not recorded, and that overriding a suggestion of the first
// choice is recorded like any other.
func TestCoachAnswerEdges(t *testing.T) {
	tree := smallTree(t)
	sc, _ := tree.Scenario("still-failing")
	w, _ := NewWalk(tree, ticking())
	c := &Coach{Scenario: sc}
	w.ApplyProbe("httpstatus", "HTTP/1.1 401", probes.Result{Status: probes.StatusFail, Facts: map[string]any{"http.status": 401}}, 0)
	if w.Suggested() != 0 {
		t.Fatalf("the 401 paste suggests %d, want 0", w.Suggested())
	}
	for _, i := range []int{-1, 3} {
		if m := c.Answer(w, i); m != nil {
			t.Errorf("answer %d: miss %+v for a choice the step does not have", i, m)
		}
	}
	if m := c.Answer(w, 2); m == nil || m.Expected != "Yes, 401" || m.Answered != "Something else" {
		t.Errorf("miss %+v", m)
	}
	r := c.Report(w, 0)
	if len(r.Overrides) != 1 || r.Overrides[0].Suggested != "Yes, 401" || r.Overrides[0].Answered != "Something else" {
		t.Errorf("overrides %+v, want the one of the suggested first choice", r.Overrides)
	}
	if len(r.Misses) != 1 {
		t.Errorf("misses %+v, want one", r.Misses)
	}
}

// TestCoachReportWhy checks where a wrong turn's reason comes from: the
// expected answer's own why, else its step's.
func TestCoachReportWhy(t *testing.T) {
	tree := smallTree(t)
	tree.Nodes["ask"].Why = "  The status decides the branch.  "
	sc, _ := tree.Scenario("still-failing")
	w, _ := NewWalk(tree, ticking())
	w.Choose(2) // a wrong turn the coach did not see
	r := (&Coach{Scenario: sc}).Report(w, 0)
	if r.Turn == nil || r.Turn.Why != "The status decides the branch." {
		t.Fatalf("turn %+v, want the step's why", r.Turn)
	}

	tree = smallTree(t)
	tree.Nodes["ask"].Why = "The step's reason."
	tree.Nodes["ask"].Choices[0].Why = "The answer's reason."
	w, _ = NewWalk(tree, ticking())
	w.Choose(2)
	r = (&Coach{Scenario: sc}).Report(w, 0)
	if r.Turn == nil || r.Turn.Why != "The answer's reason." {
		t.Fatalf("turn %+v, want the answer's why", r.Turn)
	}
}

// TestReportTextExact pins the whole report a trainee reads, so a line
// shown when it should not be (or the other way) is caught.
func TestReportTextExact(t *testing.T) {
	started := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	cases := map[string]struct {
		r    Report
		want string
	}{
		"perfect and named": {
			Report{Trainee: "Dana", Started: started, Finished: true,
				Score: Score{Scenario: "s", Matched: 2, Total: 2, Percent: 100, Perfect: true, Seconds: 75, Outcome: "done", ExpectedOutcome: "done"}},
			"Trainee: Dana. Scenario: s. Started 2026-11-23 09:30:00 UTC.\n" +
				"2 of 2 answers on the expected path (100%). Perfect: no wrong turn and no back-steps.\n" +
				"Back-steps: 0. Time: 1m15s.",
		},
		"unnamed and unfinished": {
			Report{Started: started, StoppedAt: 2,
				Score: Score{Scenario: "s", Matched: 1, Total: 2, Percent: 50, Seconds: 3, Outcome: "check", ExpectedOutcome: "done"}},
			"Trainee: unnamed trainee. Scenario: s. Started 2026-11-23 09:30:00 UTC.\n" +
				"Unfinished: the walk stopped at step 2 before an outcome; this score covers the answers given.\n" +
				"1 of 2 answers on the expected path (50%).\n" +
				"Back-steps: 0. Time: 3s.",
		},
		"a wrong turn the coach did not see is listed": {
			Report{Trainee: "Dana", Started: started, Finished: true,
				Score: Score{Scenario: "s", Total: 2, Outcome: "other", ExpectedOutcome: "done", Backs: 1,
					Turn: &Turn{Step: 1, Title: "Q?", Answered: "B", Expected: "A"}}},
			"Trainee: Dana. Scenario: s. Started 2026-11-23 09:30:00 UTC.\n" +
				"0 of 2 answers on the expected path (0%).\n" +
				"Missed answers:\n  Step 1, “Q?”: answered “B”; the scenario expects “A”.\n" +
				"Reached other; the scenario ends at done.\n" +
				"Back-steps: 1. Time: 0s.",
		},
		"misses with and without a why, and an override": {
			Report{Trainee: "Dana", Started: started, Finished: true,
				Score: Score{Scenario: "s", Matched: 2, Total: 2, Percent: 100, Outcome: "done", ExpectedOutcome: "done",
					Turn: &Turn{Step: 9, Title: "not shown", Answered: "x", Expected: "y"}},
				Misses: []Miss{
					{Step: 1, Title: "Q?", Answered: "B", Expected: "A", Why: "A is what 401 means."},
					{Step: 2, Title: "R?", Answered: "D", Expected: "C"},
				},
				Overrides: []Override{{Step: 1, Title: "Q?", Suggested: "A", Answered: "B"}}},
			"Trainee: Dana. Scenario: s. Started 2026-11-23 09:30:00 UTC.\n" +
				"2 of 2 answers on the expected path (100%).\n" +
				"Missed answers:\n" +
				"  Step 1, “Q?”: answered “B”; the scenario expects “A”. Why: A is what 401 means.\n" +
				"  Step 2, “R?”: answered “D”; the scenario expects “C”.\n" +
				"Answers other than the check's suggestion:\n" +
				"  Step 1, “Q?”: the check suggested “A”; answered “B”.\n" +
				"Back-steps: 0. Time: 0s.",
		},
		"an unfinished walk does not say where it ended": {
			Report{Started: started, Trainee: "Dana", StoppedAt: 1,
				Score: Score{Scenario: "s", Total: 2, Outcome: "ask", ExpectedOutcome: "done"}},
			"Trainee: Dana. Scenario: s. Started 2026-11-23 09:30:00 UTC.\n" +
				"Unfinished: the walk stopped at step 1 before an outcome; this score covers the answers given.\n" +
				"0 of 2 answers on the expected path (0%).\n" +
				"Back-steps: 0. Time: 0s.",
		},
	}
	for name, tc := range cases {
		if got := tc.r.Text(); got != tc.want {
			t.Errorf("%s:\n got: %q\nwant: %q", name, got, tc.want)
		}
	}
}

// TestCoachExpectsTheAnswerTheWordsMean walks the default tree's
// password-reset scenario to the sign-out step, where both answers lead to
// Method 1: the user's words name one ({ says, answer }), so the coach
// expects that one and counts the other as a miss.
func TestCoachExpectsTheAnswerTheWordsMean(t *testing.T) {
	tree, err := LoadFile("../flows.yaml", catalog())
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := tree.Scenario("password-reset")
	if sc.Replies["od-pw-signout"] == sc.ReplyAnswers["od-pw-signout"] {
		t.Fatalf("the reply at od-pw-signout is an answer's label: %q", sc.Replies["od-pw-signout"])
	}
	c := &Coach{Scenario: sc}
	w, _ := NewWalk(tree, ticking())
	for _, next := range sc.Expect[1:4] {
		if _, err := w.ChooseNext(next, sc.ReplyAnswers[w.Current().ID]); err != nil {
			t.Fatal(err)
		}
	}
	n := w.Current()
	if n.ID != "od-pw-signout" {
		t.Fatalf("at %s", n.ID)
	}
	want := sc.ReplyAnswers["od-pw-signout"]
	if e := c.Expected(w); e < 0 || n.Choices[e].Label != want {
		t.Fatalf("expected answer %d, want %q", e, want)
	}
	other := 1 - c.Expected(w)
	if m := c.Answer(w, other); m == nil || m.Expected != want {
		t.Errorf("the other answer to Method 1 is not a miss: %+v", m)
	}
}
