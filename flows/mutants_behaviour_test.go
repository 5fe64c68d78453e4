package flows

import (
	"reflect"
	"testing"
)

// chainTree is a → b → c → d → done, with a second answer at a and at c
// that leads to the same next step (two ways of saying yes), so a
// scenario's reply decides which of them a trainee is expected to give.
func chainTree(t *testing.T) *Tree {
	t.Helper()
	tree, err := parseText(t, `version: 1
title: T
start: a
nodes:
  a:
    kind: question
    title: A?
    choices:
      - { label: "Yes, on the web", next: b }
      - { label: "Yes, in the app", next: b }
      - { label: "No", next: done }
  b:
    kind: question
    title: B?
    choices:
      - { label: "To c", next: c }
      - { label: "Done", next: done }
  c:
    kind: question
    title: C?
    choices:
      - { label: "To d", next: d }
      - { label: "Done", next: done }
  d:
    kind: question
    title: D?
    choices:
      - { label: "Done", next: done }
  done: { kind: outcome, title: Done, result: resolved, summary: Done. }
scenarios:
  - { id: long, title: Long, expect: [a, b, c, d, done] }
`)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestCoachExpectedLeftEarlier: a walk whose earlier step differs from the
// scenario's is off its path even when the step it stands on now is the
// one the scenario expects at this point, so the coach suggests nothing.
func TestCoachExpectedLeftEarlier(t *testing.T) {
	tree := chainTree(t)
	// The scenario passes through x (not in this walk) at step 2, then c.
	c := &Coach{Scenario: Scenario{ID: "s", Expect: []string{"a", "x", "c", "d", "done"}}}
	w, _ := NewWalk(tree, ticking())
	w.Choose(0) // a → b
	w.Choose(0) // b → c
	if got := c.Expected(w); got != -1 {
		t.Errorf("walk a, b, c against a, x, c, …: expected %d, want -1", got)
	}
	// The same walk against a scenario it follows expects "To d".
	c = &Coach{Scenario: Scenario{ID: "s", Expect: []string{"a", "b", "c", "d", "done"}}}
	if got := c.Expected(w); got != 0 {
		t.Errorf("walk a, b, c against a, b, c, d: expected %d, want 0", got)
	}
}

// TestCoachExpectedFollowsTheReply: where two answers lead to the same
// step, the answer the scenario's reply stands for (ReplyAnswers, filled
// when the tree is validated) is the one expected; without one the first
// answer to that step is expected.
func TestCoachExpectedFollowsTheReply(t *testing.T) {
	tree := chainTree(t)
	expect := []string{"a", "b", "done"}
	cases := map[string]struct {
		replies map[string]string
		want    int
	}{
		"no reply":                      {nil, 0},
		"the reply names the second":    {map[string]string{"a": "Yes, in the app"}, 1},
		"the reply names the first":     {map[string]string{"a": "Yes, on the web"}, 0},
		"the reply leads elsewhere":     {map[string]string{"a": "No"}, 0},
		"the reply is for a later step": {map[string]string{"b": "Done"}, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := &Coach{Scenario: Scenario{ID: "s", Expect: expect, ReplyAnswers: tc.replies}}
			w, _ := NewWalk(tree, ticking())
			if got := c.Expected(w); got != tc.want {
				t.Errorf("expected %d, want %d", got, tc.want)
			}
		})
	}
}

// TestAnswerEventCarriesItsFacts: the answer event, which the journal
// records and resume replays, names the facts the answer established,
// and the path step keeps them for the escalation packet; an answer that
// sets nothing carries none.
func TestAnswerEventCarriesItsFacts(t *testing.T) {
	tree, err := loadTestFile(t, "good", "roles.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, _ := NewWalk(tree, ticking())
	evs, err := w.Choose(0) // 401 Unauthorized
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"http.status": 401, "answer.status_confirmed": true}
	if evs[0].Type != EventAnswer || !reflect.DeepEqual(map[string]any(evs[0].Sets), want) {
		t.Errorf("answer event sets %v, want %v", evs[0].Sets, want)
	}
	if got := map[string]any(w.Path()[0].Sets); !reflect.DeepEqual(got, want) {
		t.Errorf("path step sets %v, want %v", got, want)
	}
	w, _ = NewWalk(chainTree(t), ticking())
	if evs, _ := w.Choose(0); len(evs[0].Sets) != 0 {
		t.Errorf("an answer that sets nothing carries %v", evs[0].Sets)
	}
}
