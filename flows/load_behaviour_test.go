package flows

import (
	"errors"
	"strings"
	"testing"
)

// parseText loads a tree file given as text, for cases too small to
// deserve a file of their own in testdata.
func parseText(t *testing.T, text string) (*Tree, error) {
	t.Helper()
	return Parse("t.yaml", []byte(text), catalog())
}

// treeText is a valid tree whose ask node's choices, and done node's
// extra keys, each case fills in.
func treeText(askExtra, choices, doneExtra string) string {
	return `version: 1
title: T
start: ask
nodes:
  ask:
    kind: question
    title: Is it a 401?
    probe: { name: httpstatus, input: paste }
` + askExtra + `    choices:
` + choices + `  done:
    kind: outcome
    title: Done
    result: resolved
    summary: Done.
` + doneExtra + `  escalate:
    kind: outcome
    title: Escalate
    result: escalate
    summary: Escalated.
scenarios:
  - id: a
    title: A
    expect: [ask, done]
  - id: b
    title: B
    expect: [ask, escalate]
`
}

const twoChoices = `      - label: "Yes"
        next: done
        when: { fact: http.status, is: 401 }
      - label: "No"
        next: escalate
`

// TestLoaderMessages pins what an author reads for mistakes the bad-tree
// files do not show: each must stop the tree loading with a message that
// says where and what.
func TestLoaderMessages(t *testing.T) {
	long := strings.Repeat("x", 31)
	cases := map[string]struct {
		text string
		want string
	}{
		"a NUL as the very first byte": {"\x00" + treeText("", twoChoices, ""),
			"t.yaml:1:1: the file holds binary data (a NUL byte): a tree file is YAML text"},
		"a key written twice": {treeText("    title: Again\n", twoChoices, ""),
			`t.yaml:9:5: duplicate key "title" in node "ask" (first at line 7)`},
		"a packet on a resolved outcome": {treeText("", twoChoices, "    packet: [Timestamps]\n"),
			`t.yaml:20:5: outcome "done" is resolved: a packet belongs to escalate outcomes`},
		"an unknown key in a probe": {strings.Replace(treeText("", twoChoices, ""), "input: paste }", "input: paste, colour: red }", 1),
			`t.yaml:8:46: unknown key "colour" in node "ask" probe; known keys: name, input, prompt`},
		"exists with a list": {treeText("", `      - label: "Yes"
        next: done
        when: { fact: http.status, exists: [true] }
      - label: "No"
        next: escalate
`, ""), `t.yaml:12:44: exists must be a single value, not a list`},
		"a step owner 30 characters long": {strings.Replace(treeText("", twoChoices, ""), "    probe: { name: httpstatus, input: paste }\n",
			"    probe: { name: httpstatus, input: paste }\n    steps:\n      - "+long[:30]+": Do it.\n", 1),
			`t.yaml:10:9: a step of node "ask" says who does it with user, operator or admin, not "` + long[:30] + `"`},
		"a step owner over 30 characters": {strings.Replace(treeText("", twoChoices, ""), "    probe: { name: httpstatus, input: paste }\n",
			"    probe: { name: httpstatus, input: paste }\n    steps:\n      - "+long+": Do it.\n", 1),
			`t.yaml:10:9: a step of node "ask" says who does it with user, operator or admin, not "` + long[:30] + `…"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			tree, err := parseText(t, tc.text)
			var list ErrorList
			if tree != nil || !errors.As(err, &list) {
				t.Fatalf("loaded: tree %v, err %v", tree != nil, err)
			}
			found := false
			for _, e := range list {
				found = found || e.Error() == tc.want
			}
			if !found {
				t.Errorf("messages:\n%s\nwant among them:\n%s", list.Error(), tc.want)
			}
		})
	}
}

// TestStepOwners checks that every way of writing a step loads with the
// actor who does it.
func TestStepOwners(t *testing.T) {
	text := strings.Replace(treeText("", twoChoices, ""), "    probe: { name: httpstatus, input: paste }\n",
		"    probe: { name: httpstatus, input: paste }\n    steps:\n      - Read this.\n      - user: Sign in.\n      - operator: Check the history.\n      - admin: Open the logs.\n", 1)
	tree, err := parseText(t, strings.Replace(text, "kind: question", "kind: action", 1))
	if err != nil {
		t.Fatal(err)
	}
	got := tree.Nodes["ask"].Steps
	want := []Instruction{{ActorUser, "Read this."}, {ActorUser, "Sign in."}, {ActorOperator, "Check the history."}, {ActorAdmin, "Open the logs."}}
	if len(got) != len(want) {
		t.Fatalf("steps %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("step %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestAliasesLoad checks that a tree using YAML anchors and aliases, as
// authors do to share steps and conditions, loads with the shared parts
// in place.
func TestAliasesLoad(t *testing.T) {
	text := treeText("    steps: &common\n      - Open the app.\n      - admin: Check the logs.\n", `      - label: &yes "Yes"
        next: done
        when: &is401 { fact: http.status, is: 401 }
      - label: "No"
        next: escalate
        when: [*is401]
`, "") + `flows:
  - id: f
    title: *yes
    start: ask
`
	tree, err := parseText(t, strings.Replace(text, "kind: question", "kind: action", 1))
	if err != nil {
		t.Fatal(err)
	}
	ask := tree.Nodes["ask"]
	if len(ask.Steps) != 2 || ask.Steps[1] != (Instruction{ActorAdmin, "Check the logs."}) {
		t.Errorf("steps %+v", ask.Steps)
	}
	if w := ask.Choices[1].When; len(w.Groups) != 1 || len(w.Groups[0]) != 1 || w.Groups[0][0].Fact != "http.status" {
		t.Errorf("aliased condition %+v", ask.Choices[1].When)
	}
	if f, ok := tree.Flow("f"); !ok || f.Title != "Yes" {
		t.Errorf("flow %+v", f)
	}
}

// TestFirstColumn checks where a YAML syntax error is placed on its line:
// at the first character that is not indentation, or column 1 for a line
// the file does not have.
func TestFirstColumn(t *testing.T) {
	data := []byte("  a: 1\n    b: 2")
	cases := map[int]int{0: 1, 1: 3, 2: 5, 3: 1}
	for line, want := range cases {
		if got := firstColumn(data, line); got != want {
			t.Errorf("line %d: column %d, want %d", line, got, want)
		}
	}
}
