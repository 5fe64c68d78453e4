package flows

import "testing"

// TestScoreEdges scores walks against scenarios the loader would not let
// a tree hold but a trainer's draft may: one that stops before its
// outcome, and one that is only its outcome.
func TestScoreEdges(t *testing.T) {
	tree := smallTree(t)
	w, _ := NewWalk(tree, ticking())
	w.ChooseNext("check", "")
	w.ChooseNext("done", "")
	s := ScoreWalk(Scenario{ID: "draft", Expect: []string{"ask", "check"}}, w, 0)
	if s.Matched != 1 || s.Total != 1 || s.Percent != 100 || s.Turn != nil {
		t.Errorf("a scenario cut short: %+v", s)
	}

	w, _ = NewWalkAt(tree, "done", ticking())
	s = ScoreWalk(Scenario{ID: "outcome only", Expect: []string{"done"}}, w, 0)
	if s.Total != 0 || s.Percent != 0 || !s.Perfect || s.Outcome != "done" {
		t.Errorf("a scenario of one outcome: %+v", s)
	}
}

// TestScoreTextExact pins the score a trainee reads, with and without
// the reason for the expected answer.
func TestScoreTextExact(t *testing.T) {
	turn := &Turn{Step: 2, Title: "Reconnect", Answered: "Fixed", Expected: "Still failing"}
	cases := map[string]struct {
		s    Score
		want string
	}{
		"perfect": {Score{Matched: 2, Total: 2, Percent: 100, Perfect: true, Seconds: 125, Outcome: "done", ExpectedOutcome: "done"},
			"2 of 2 answers on the expected path (100%). Perfect: no wrong turn and no back-steps.\nBack-steps: 0. Time: 2m5s."},
		"a turn without why": {Score{Matched: 1, Total: 2, Percent: 50, Turn: turn, Backs: 2, Seconds: 9, Outcome: "done", ExpectedOutcome: "escalate"},
			"1 of 2 answers on the expected path (50%).\nLeft the path at step 2, “Reconnect”: answered “Fixed”; the scenario expects “Still failing”.\nReached done; the scenario ends at escalate.\nBack-steps: 2. Time: 9s."},
		"a turn with why": {Score{Matched: 1, Total: 2, Percent: 50, Seconds: 9, Outcome: "done", ExpectedOutcome: "done",
			Turn: &Turn{Step: 2, Title: "Reconnect", Answered: "Fixed", Expected: "Still failing", Why: "It still fails."}},
			"1 of 2 answers on the expected path (50%).\nLeft the path at step 2, “Reconnect”: answered “Fixed”; the scenario expects “Still failing”. Why: It still fails.\nBack-steps: 0. Time: 9s."},
		"back-steps only": {Score{Matched: 2, Total: 2, Percent: 100, Backs: 1, Outcome: "done", ExpectedOutcome: "done"},
			"2 of 2 answers on the expected path (100%).\nBack-steps: 1. Time: 0s."},
	}
	for name, tc := range cases {
		if got := tc.s.Text(); got != tc.want {
			t.Errorf("%s:\n got: %q\nwant: %q", name, got, tc.want)
		}
	}
}
