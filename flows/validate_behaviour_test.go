package flows

import (
	"errors"
	"strings"
	"testing"
)

// loadErrors loads a tree that must not load and returns its messages.
func loadErrors(t *testing.T, text string) []string {
	t.Helper()
	tree, err := parseText(t, text)
	var list ErrorList
	if tree != nil || !errors.As(err, &list) {
		t.Fatalf("loaded: tree %v, err %v", tree != nil, err)
	}
	return strings.Split(list.Error(), "\n")
}

// TestScenarioPathMessages pins what an author reads for a scenario that
// stops before an outcome, or takes a step no choice leads to.
func TestScenarioPathMessages(t *testing.T) {
	base := treeText("", twoChoices, "")
	cases := map[string]struct {
		scenario string
		want     string
	}{
		"ends before an outcome, with a reply at its end": {
			"  - { id: c, title: C, expect: [ask], replies: { ask: \"Yes\" } }\n",
			`t.yaml:32:33: scenario "c" ends at "ask", which is not an outcome: list the path to its outcome`},
		"a reply that names its answer but not the user's words": {
			"  - { id: c, title: C, expect: [ask, done], replies: { ask: { answer: \"Yes\" } } }\n",
			`t.yaml:32:61: the reply at ask needs says: what the user says there, in their words`},
		"a step no choice leads to": {
			"  - { id: c, title: C, expect: [ask, ask] }\n",
			`t.yaml:32:38: scenario "c" expects "ask" after "ask", but no choice of "ask" leads there`},
	}
	for name, tc := range cases {
		got := loadErrors(t, base+tc.scenario)
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%s: messages\n%s\nwant\n%s", name, strings.Join(got, "\n"), tc.want)
		}
	}
}

// TestReplyToARepeatedLabel checks that a reply names the first of two
// answers with the same label (which lint warns about): a scenario whose
// path takes the first one is consistent.
func TestReplyToARepeatedLabel(t *testing.T) {
	tree, err := parseText(t, treeText("", `      - label: "Yes"
        next: done
        when: { fact: http.status, is: 401 }
      - label: "Yes"
        next: escalate
`, "")+"  - { id: c, title: C, expect: [ask, done], replies: { ask: \"Yes\" } }\n")
	if err != nil {
		t.Fatalf("a reply naming the first of two equal labels: %v", err)
	}
	if !strings.Contains(tree.Warnings.Error(), `two answers labelled "Yes"`) {
		t.Errorf("warnings %v", tree.Warnings)
	}
}

// TestNoOutcomeFollowsFirstLoop checks where "no outcome can be reached"
// is listed: right after the looping choice, first in the file, that the
// step can reach. p and q each loop back to x; map order varies from run
// to run, so each tree is loaded several times.
func TestNoOutcomeFollowsFirstLoop(t *testing.T) {
	// On one line, p's loop comes first by column.
	oneLine := `version: 1
title: T
start: s
nodes: { s: { kind: question, title: "S", choices: [{ label: Fine, next: done }, { label: On, next: x }] }, x: { kind: question, title: "X", choices: [{ label: P, next: p }, { label: Q, next: q }] }, p: { kind: question, title: "P", choices: [{ label: X, next: x }] }, q: { kind: question, title: "Q", choices: [{ label: X, next: x }] }, done: { kind: outcome, title: Done, result: resolved, summary: Done. } }
scenarios:
  - { id: a, title: A, expect: [s, done] }
`
	oneLineWant := `t.yaml:4:262: choice "X" of node "p" loops back to "x": a call moves forward and the operator goes back with b; lead it to a later step
t.yaml:4:109: no outcome can be reached from node "x": every path from it loops back
t.yaml:4:201: no outcome can be reached from node "p": every path from it loops back
t.yaml:4:270: no outcome can be reached from node "q": every path from it loops back
t.yaml:4:331: choice "X" of node "q" loops back to "x": a call moves forward and the operator goes back with b; lead it to a later step`
	// On separate lines, p's loop comes first by line though its column
	// is larger.
	blocks := `version: 1
title: T
start: s
nodes:
  s:
    kind: question
    title: S?
    choices:
      - { label: Fine, next: done }
      - { label: On, next: x }
  x:
    kind: question
    title: X?
    choices:
      - { label: P, next: p }
      - { label: Q, next: q }
  p:
    kind: question
    title: P?
    choices:
      - {                label: X, next: x }
  q:
    kind: question
    title: Q?
    choices:
      - { label: X, next: x }
  done: { kind: outcome, title: Done, result: resolved, summary: Done. }
scenarios:
  - { id: a, title: A, expect: [s, done] }
`
	blocksWant := `t.yaml:21:42: choice "X" of node "p" loops back to "x": a call moves forward and the operator goes back with b; lead it to a later step
t.yaml:11:3: no outcome can be reached from node "x": every path from it loops back
t.yaml:17:3: no outcome can be reached from node "p": every path from it loops back
t.yaml:22:3: no outcome can be reached from node "q": every path from it loops back
t.yaml:26:27: choice "X" of node "q" loops back to "x": a call moves forward and the operator goes back with b; lead it to a later step`
	for range 20 {
		for text, want := range map[string]string{oneLine: oneLineWant, blocks: blocksWant} {
			if got := strings.Join(loadErrors(t, text), "\n"); got != want {
				t.Fatalf("messages\n%s\nwant\n%s", got, want)
			}
		}
	}
}
