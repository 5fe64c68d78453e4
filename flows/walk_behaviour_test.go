package flows

import (
	"reflect"
	"slices"
	"testing"

	"deskside/probes"
)

// TestAmendAfterTakingAnotherBranch goes back two steps, then answers the
// first step so that the walk goes elsewhere: the answer taken back
// further down is not an amendment of the new step's answer.
func TestAmendAfterTakingAnotherBranch(t *testing.T) {
	tree, err := parseText(t, `version: 1
title: T
start: a
nodes:
  a:
    kind: question
    title: A?
    choices:
      - { label: "To b", next: b }
      - { label: "To d", next: d }
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
      - { label: "Done", next: done }
      - { label: "Escalate", next: escalate }
  d:
    kind: question
    title: D?
    choices:
      - { label: "Done", next: done }
      - { label: "Escalate", next: escalate }
  done: { kind: outcome, title: Done, result: resolved, summary: Done. }
  escalate: { kind: outcome, title: Escalate, result: escalate, summary: Escalated. }
scenarios:
  - { id: one, title: One, expect: [a, b, c, done] }
  - { id: two, title: Two, expect: [a, d, escalate] }
  - { id: three, title: Three, expect: [a, b, done] }
`)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := NewWalk(tree, ticking())
	w.Choose(0) // a → b
	w.Choose(0) // b → c
	w.Back()    // to b
	w.Back()    // to a
	evs, err := w.Choose(1)
	if err != nil || evs[0].Replaces != "To b" {
		t.Fatalf("a → d: err %v, replaces %q", err, evs[0].Replaces)
	}
	evs, err = w.Choose(0) // d → done: nothing was answered at d before
	if err != nil || evs[0].Replaces != "" {
		t.Fatalf("d → done: err %v, replaces %q", err, evs[0].Replaces)
	}
	if p := w.Path(); len(p) != 2 || p[1].Replaces != "" {
		t.Errorf("path %+v", p)
	}
}

// TestUnreadableRunKeepsFacts checks that a check that could not run, or
// could not read its input, keeps what the earlier run of the same check
// read, while a run that read the input and found nothing replaces it.
func TestUnreadableRunKeepsFacts(t *testing.T) {
	for status, keeps := range map[probes.Status]bool{
		probes.StatusUnavailable: true,
		probes.StatusError:       true,
		probes.StatusFail:        false,
		probes.StatusOK:          false,
	} {
		w, _ := NewWalk(smallTree(t), ticking())
		w.ApplyProbe("httpstatus", "HTTP/1.1 401", probes.Result{Status: probes.StatusFail, Facts: map[string]any{"http.status": 401}}, 0)
		w.ApplyProbe("httpstatus", "", probes.Result{Status: status}, 0)
		_, kept := w.Facts()["http.status"]
		if kept != keeps {
			t.Errorf("a %s run after a 401: 401 kept = %v, want %v", status, kept, keeps)
		}
	}
}

// TestSuggestionSourcesInStepOrder checks that the sources a suggestion
// names come in the order of the steps they were learnt at, and at one
// step in the order they were learnt.
func TestSuggestionSourcesInStepOrder(t *testing.T) {
	tree, err := parseText(t, `version: 1
title: T
start: a
nodes:
  a:
    kind: question
    title: A?
    probe: { name: httpstatus, input: paste }
    choices:
      - { label: "Go on", next: b, when: { fact: http.status, exists: true } }
      - { label: "Stop", next: done }
  b:
    kind: question
    title: B?
    probe: { name: jwt, input: paste }
    choices:
      - label: "401 with a live token"
        next: done
        when: [{ fact: jwt.expired, is: false }, { fact: clock.skewed, is: false }, { fact: http.status, is: 401 }]
      - { label: "Other", next: escalate }
  done: { kind: outcome, title: Done, result: resolved, summary: Done. }
  escalate: { kind: outcome, title: Escalate, result: escalate, summary: Escalated. }
scenarios:
  - { id: one, title: One, expect: [a, b, done] }
  - { id: two, title: Two, expect: [a, done] }
  - { id: three, title: Three, expect: [a, b, escalate] }
`)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := NewWalk(tree, ticking())
	w.ApplyProbe("httpstatus", "HTTP/1.1 401", probes.Result{Facts: map[string]any{"http.status": 401}}, 0)
	w.Choose(0)
	w.ApplyProbe("jwt", "eyJ...", probes.Result{Facts: map[string]any{"jwt.expired": false}}, 0)
	w.ApplyProbe("clock", "", probes.Result{Facts: map[string]any{"clock.skewed": false}}, 0)
	sug := w.Suggestion()
	if sug.Index != 0 {
		t.Fatalf("suggestion %+v", sug)
	}
	var got []string
	for _, s := range sug.From {
		got = append(got, s.String())
	}
	want := []string{"the paste at step 1 (httpstatus)", "the paste at step 2 (jwt)", "the check at step 2 (clock)"}
	if !slices.Equal(got, want) {
		t.Errorf("sources %q, want %q", got, want)
	}
}

// TestStepsToOutcomePrefersARealOutcome checks that "about N to go"
// counts to a resolved or escalate outcome even when a "not this problem"
// exit is nearer, and to that exit only when nothing else is reachable.
func TestStepsToOutcomePrefersARealOutcome(t *testing.T) {
	tree, err := parseText(t, `version: 1
title: T
start: a
nodes:
  a:
    kind: question
    title: A?
    choices:
      - { label: "Not this", next: other }
      - { label: "Go on", next: b }
  b:
    kind: question
    title: B?
    choices:
      - { label: "Fixed", next: done }
      - { label: "Not this", next: other }
  c:
    kind: question
    title: C?
    choices:
      - { label: "Not this", next: other }
  other: { kind: outcome, title: Other, result: not-this-problem, summary: Not this. }
  done: { kind: outcome, title: Done, result: resolved, summary: Done. }
flows:
  - { id: c, title: C, start: c }
scenarios:
  - { id: one, title: One, expect: [a, b, done] }
  - { id: two, title: Two, expect: [a, other] }
`)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]int{"a": 2, "b": 1, "c": 1, "done": 0, "other": 0, "nowhere": -1}
	for id, want := range cases {
		if got := tree.StepsToOutcome(id); got != want {
			t.Errorf("StepsToOutcome(%s) = %d, want %d", id, got, want)
		}
	}
}

// TestOutcomesInFileOrder checks that Outcomes lists the outcome nodes,
// and only them, as the file orders them.
func TestOutcomesInFileOrder(t *testing.T) {
	var got []string
	for _, n := range smallTree(t).Outcomes() {
		got = append(got, n.ID)
	}
	if want := []string{"backoff", "done", "escalate", "other"}; !reflect.DeepEqual(got, want) {
		t.Errorf("outcomes %v, want %v", got, want)
	}
}

// TestActorText pins how a step reads in plain text and how its actor is
// named, unknown values included.
func TestActorText(t *testing.T) {
	names := map[Actor]string{ActorUser: "user", ActorOperator: "operator", ActorAdmin: "admin", -1: "actor(-1)", 3: "actor(3)"}
	for a, want := range names {
		if got := a.String(); got != want {
			t.Errorf("Actor(%d) = %q, want %q", int(a), got, want)
		}
	}
	steps := map[string]Instruction{
		"Sign in.":                 {ActorUser, "Sign in."},
		"Operator: Check history.": {ActorOperator, "Check history."},
		"Admin: Open the logs.":    {ActorAdmin, "Open the logs."},
	}
	for want, in := range steps {
		if got := in.String(); got != want {
			t.Errorf("%+v reads %q, want %q", in, got, want)
		}
	}
}

// TestTypicalRemaining: from each node of a scenario's path, the steps
// that path has left after it, the most of any scenario through the node.
func TestTypicalRemaining(t *testing.T) {
	tree := &Tree{Scenarios: []Scenario{
		{Expect: []string{"s", "a", "end1"}},
		{Expect: []string{"s", "b", "a", "x", "end2"}},
	}}
	tree.computeTypical()
	want := map[string]int{"s": 4, "b": 3, "a": 2, "x": 1, "end1": 0, "end2": 0}
	for id, n := range want {
		if got := tree.TypicalRemaining(id); got != n {
			t.Errorf("TypicalRemaining(%s) = %d, want %d", id, got, n)
		}
	}
}

// TestFreshRemaining: the estimate from the path walked so far follows the
// scenarios that agree with it, from its first step, and falls back to
// the node's typical estimate when none does.
func TestFreshRemaining(t *testing.T) {
	tree := &Tree{Scenarios: []Scenario{
		{Expect: []string{"s", "a", "end1"}},
		{Expect: []string{"s", "b", "a", "x", "y", "end2"}},
	}}
	tree.computeTypical()
	w := &Walk{tree: tree}
	cases := []struct {
		path []string
		want int
	}{
		{[]string{"s", "a"}, 1},             // only the first scenario agrees; typically 3
		{[]string{"s", "b", "a"}, 3},        // only the second
		{[]string{"s", "x"}, 2},             // none agrees: x's typical estimate
		{[]string{"b", "a", "x"}, 2},        // a path may start inside a scenario
		{[]string{"s", "a", "end1"}, 0},     // at the end of the first
		{[]string{"a", "end1", "more"}, -1}, // runs past the first's end; "more" is on no path
	}
	for _, tc := range cases {
		if got := w.freshRemaining(tc.path); got != tc.want {
			t.Errorf("freshRemaining(%v) = %d, want %d", tc.path, got, tc.want)
		}
	}
}

// TestAnswerWithoutSets: an answer that sets no fact carries no facts in
// its event or its step, so the journal and the ticket show none.
func TestAnswerWithoutSets(t *testing.T) {
	w, _ := NewWalk(smallTree(t), ticking())
	evs, err := w.Choose(0)
	if err != nil {
		t.Fatal(err)
	}
	if evs[0].Type != EventAnswer || evs[0].Sets != nil {
		t.Errorf("answer event %+v, want one with no facts set", evs[0])
	}
	if s := w.Path()[0].Sets; s != nil {
		t.Errorf("path step sets %v, want none", s)
	}
}
