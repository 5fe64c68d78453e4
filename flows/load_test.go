package flows

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"deskside/probes"
)

func catalog() Catalog { return CatalogOf(probes.Builtin().All()) }

func loadTestFile(t testing.TB, dir, name string) (*Tree, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "flows", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(name, data, catalog())
}

// TestBadTrees pins, for one broken file per rule, every message with its
// exact line and column.
func TestBadTrees(t *testing.T) {
	cases := map[string][]string{
		"syntax.yaml": {
			`syntax.yaml:8:6: YAML syntax error: mapping values are not allowed in this context`,
		},
		"unknown-key.yaml": {
			`unknown-key.yaml:11:9: choice "No" of node "ask" has no next: name the node it leads to`,
			`unknown-key.yaml:12:9: unknown key "nxt" in a choice of node "ask" (did you mean "next"?); known keys: label, next, when, why, sets`,
		},
		"missing-start.yaml": {
			"missing-start.yaml:1:1: missing start: name the node the walk begins at (`start: triage`)",
		},
		"unknown-start.yaml": {
			`unknown-start.yaml:3:8: start names node "triag", which does not exist (did you mean "triage"?)`,
		},
		"unknown-next.yaml": {
			`unknown-next.yaml:12:15: choice "No" of node "ask" leads to "method-2", which does not exist`,
		},
		"duplicate-id.yaml": {
			`duplicate-id.yaml:16:3: duplicate node id "ask" (first defined at line 5): give each node its own id`,
		},
		"unknown-kind.yaml": {
			`unknown-kind.yaml:6:11: unknown kind "qestion" for node "ask" (did you mean "question"?); a node is a question, action, input or outcome`,
		},
		"no-way-out.yaml": {
			`no-way-out.yaml:13:3: action "stuck" has no way out: add choices, or make it an outcome`,
		},
		"outcome-with-choices.yaml": {
			`outcome-with-choices.yaml:16:5: outcome "done" has choices: an outcome ends the walk, so remove them or make it a question`,
		},
		"unreachable.yaml": {
			`unreachable.yaml:16:3: node "orphan" cannot be reached from start "ask": link it from a choice or remove it`,
		},
		"unknown-fact.yaml": {
			`unknown-fact.yaml:12:23: fact "jwt.expird" is not set by probe jwt at node "ask" (did you mean "jwt.expired"?)`,
		},
		"scenario-path.yaml": {
			`scenario-path.yaml:26:25: scenario "skips" goes on after outcome "done": an outcome ends the walk`,
		},
		"unknown-fact-no-probe.yaml": {
			`unknown-fact-no-probe.yaml:11:23: node "ask" tests fact "http.stauts", which no check declares (did you mean "http.status"?)`,
		},
		"sets.yaml": {
			`sets.yaml:11:17: choice "401" of node "ask" sets fact "http.stauts", which no check declares (did you mean "http.status"?)`,
			`sets.yaml:14:30: fact "http.status" is a number, so an answer cannot set it to forbidden`,
			`sets.yaml:17:17: choice "Not expired" of node "ask" sets fact "cross.unexpired_401", which deskside works out from other facts: an answer cannot set it`,
			`sets.yaml:22:23: fact "http.class" is text, so an answer cannot set it to a list`,
		},
		"steps.yaml": {
			`steps.yaml:10:9: a step of node "try" says who does it with user, operator or admin, not "admn" (did you mean "admin"?)`,
			"steps.yaml:11:9: a step of node \"try\" is text, or one `user:`, `operator:` or `admin:` with its text; this one has 2 keys",
			"steps.yaml:12:9: each step of node \"try\" must be text, or `operator: …` / `admin: …`, not a list",
			`steps.yaml:14:11: the operator step of node "try" must be text, not a mapping`,
		},
		"replies.yaml": {
			`replies.yaml:36:21: scenario "fixed" replies "No" at node "ask", which leads to "escalate", but its expect path goes on to "done"`,
			`replies.yaml:36:27: scenario "fixed" has a reply at node "askk", which does not exist (did you mean "ask"?)`,
			`replies.yaml:41:50: scenario "not-fixed" replies "Nope" at node "ask", which has no such answer (did you mean "No"?)`,
			`replies.yaml:42:7: scenario "not-fixed" has a reply at node "escalate", where its path ends: a reply belongs to a step the user answers`,
			`replies.yaml:47:14: scenario "ambiguous" replies at node "again", where 2 answers lead to "escalate": name the one the user's words mean with { says: …, answer: … }`,
		},
		"unknown-probe.yaml": {
			`unknown-probe.yaml:8:20: node "ask" names unknown probe "htttpstatus" (did you mean "httpstatus"?); known probes: aadsts, clienterror, clock, credentials, dsregcmd, httpstatus, jwt, onedrive`,
		},
		"when-any.yaml": {
			`when-any.yaml:12:22: any lists no alternatives: give it at least one condition, or remove the when`,
			`when-any.yaml:15:56: a when with any: has no other key: move "fact" into one of its alternatives`,
			`when-any.yaml:18:44: unknown key "equals" in a when condition (did you mean "exists"?); known keys: fact, is, in, exists, lt, gt`,
			"when-any.yaml:21:26: any nests one level: it is the only key of a choice's when (`when: { any: [...] }`), not part of a condition",
			`when-any.yaml:24:23: an alternative of any is an empty list: give it a condition, or remove it`,
			`when-any.yaml:24:27: each alternative of any is a condition or a list of conditions, not "401"`,
			`when-any.yaml:24:33: a list inside an alternative of any must hold conditions, not another list: any nests one level`,
			`when-any.yaml:27:22: any must be a list, not a mapping`,
			`when-any.yaml:30:64: node "ask" tests fact "clientt.error_kind", which no check declares (did you mean "client.error_kind"?)`,
			"when-any.yaml:33:50: any nests one level: it is the only key of a choice's when (`when: { any: [...] }`), not part of a condition",
		},
		"when-type.yaml": {
			`when-type.yaml:12:40: fact "http.status" is a number, so four-oh-one can never match it`,
		},
		"loop.yaml": {
			`loop.yaml:24:15: choice "Again" of node "more" loops back to "again": a call moves forward and the operator goes back with b; lead it to a later step`,
			`loop.yaml:13:3: no outcome can be reached from node "again": every path from it loops back`,
			`loop.yaml:19:3: no outcome can be reached from node "more": every path from it loops back`,
		},
		"loop-back.yaml": {
			`loop-back.yaml:22:15: choice "Still failing" of node "try" loops back to "ask": a call moves forward and the operator goes back with b; lead it to a later step`,
		},
		"unreachable-flows.yaml": {
			`unreachable-flows.yaml:26:3: node "orphan" cannot be reached from start "ask" or any flow's start: link it from a choice or remove it`,
		},
		"tab.yaml": {
			`tab.yaml:7:1: tabs are not allowed; indent with spaces`,
			`tab.yaml:10:1: tabs are not allowed; indent with spaces`,
		},
		"next-indent.yaml": {
			"next-indent.yaml:12:7: YAML syntax error: this line is indented differently from the lines around it; is `next:` indented under its choice?",
		},
		"next-between.yaml": {
			"next-between.yaml:17:8: YAML syntax error: this line is indented differently from the lines around it; is `next:` indented under its choice?",
		},
		"step-indent.yaml": {
			`step-indent.yaml:11:6: YAML syntax error: this line is indented differently from the lines around it; is this step indented like the steps above it?`,
		},
		"control.yaml": {
			`control.yaml:7:19: the file holds ESC (U+001B), a control character: a tree file is plain text; remove it`,
		},
		"outcome-no-result.yaml": {
			"outcome-no-result.yaml:11:3: outcome \"done\" has no result: add `result: resolved`, escalate or not-this-problem",
		},
		"empty.yaml": {
			`empty.yaml:1:1: the file is empty: a tree file needs version, title, start and nodes`,
		},
		"several.yaml": {
			`several.yaml:10:15: choice "Yes" of node "ask" leads to "dne", which does not exist (did you mean "done"?)`,
			`several.yaml:16:3: node "done" cannot be reached from start "ask": link it from a choice or remove it`,
			`several.yaml:14:11: unknown kind "outcom" for node "escalate" (did you mean "outcome"?); a node is a question, action, input or outcome`,
			`several.yaml:19:13: unknown result "resolvd" for node "done" (did you mean "resolved"?); an outcome is resolved, escalate or not-this-problem`,
		},
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "flows", "bad", "*.yaml"))
	if len(files) != len(cases) {
		t.Errorf("%d bad files but %d cases: every bad file needs its expected messages", len(files), len(cases))
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			tree, err := loadTestFile(t, "bad", name)
			if tree != nil || err == nil {
				t.Fatal("a broken tree loaded")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList: %v", err, err)
			}
			got := strings.Split(list.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestGoodTrees(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "flows", "good", "*.yaml"))
	files = append(files, filepath.Join("..", "flows.yaml"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := LoadFile(f, catalog()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestSmallTreeModel(t *testing.T) {
	tree, err := loadTestFile(t, "good", "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ask := tree.Nodes["ask"]
	if ask.Kind != KindQuestion || ask.Probe.Name != "httpstatus" || ask.Probe.Input != "paste" || len(ask.Choices) != 3 {
		t.Errorf("ask = %+v", ask)
	}
	if c := ask.Choices[1].When.Groups[0][0]; c.Op != OpIn || len(c.Values) != 2 || c.Values[0] != 429 {
		t.Errorf("condition = %+v", c)
	}
	if got := tree.Nodes["check"].Steps; len(got) != 2 || got[1] != (Instruction{ActorUser, "Click Reconnect."}) {
		t.Errorf("steps = %q", got)
	}
	if n := tree.Nodes["escalate"]; n.Result != ResultEscalate || len(n.Packet) != 1 {
		t.Errorf("escalate = %+v", n)
	}
	if f, ok := tree.Flow("check"); !ok || f.Start != "check" {
		t.Errorf("flow = %+v", f)
	}
	if s, ok := tree.Scenario("reconnect"); !ok || s.Probes["httpstatus"] != "HTTP/1.1 401 Unauthorized" {
		t.Errorf("scenario = %+v", s)
	}
	for id, want := range map[string]int{"ask": 1, "check": 1, "done": 0, "other": 0} {
		if got := tree.StepsToOutcome(id); got != want {
			t.Errorf("StepsToOutcome(%s) = %d, want %d", id, got, want)
		}
	}
	if len(tree.SHA256) != 64 {
		t.Errorf("sha256 %q", tree.SHA256)
	}
}

// TestRolesTreeModel checks the model of steps by actor, answers' sets:
// and scenario replies.
func TestRolesTreeModel(t *testing.T) {
	tree, err := loadTestFile(t, "good", "roles.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Instruction{
		{ActorUser, "Open the connection and click Reconnect."},
		{ActorUser, "Sign in when asked."},
		{ActorOperator, "Check the ticket history for earlier resets."},
		{ActorAdmin, "In Entra, open Sign-in logs and filter by the user."},
	}
	if got := tree.Nodes["reconnect"].Steps; !slices.Equal(got, want) {
		t.Errorf("steps = %+v", got)
	}
	ask := tree.Nodes["ask"]
	if got := ask.Choices[0].Sets; !reflect.DeepEqual(got, map[string]any{"http.status": 401, "answer.status_confirmed": true}) {
		t.Errorf("sets = %#v", got)
	}
	if got := ask.Choices[1].Sets; !reflect.DeepEqual(got, map[string]any{"answer.status_confirmed": false}) {
		t.Errorf("sets = %#v", got)
	}
	s, _ := tree.Scenario("unconfirmed")
	if !reflect.DeepEqual(s.Replies, map[string]string{"ask": "It just says it failed, no code.", "reconnect": "Fixed"}) {
		t.Errorf("replies = %v", s.Replies)
	}
	if !reflect.DeepEqual(s.ReplyAnswers, map[string]string{"ask": "The app only says it failed", "reconnect": "Fixed"}) {
		t.Errorf("the answers the replies mean = %v", s.ReplyAnswers)
	}
	if s, _ := tree.Scenario("still-failing"); s.ReplyAnswers["reconnect"] != "Still failing" {
		t.Errorf("the user's words mean %q, want the one answer that leads on", s.ReplyAnswers["reconnect"])
	}
	// The unconfirmed scenario's "Fixed" is an answer's label, not what a
	// user says: the tree loads, with a warning.
	if w := tree.Warnings.Error(); !strings.Contains(w, `scenario "unconfirmed" replies "Fixed" at node "reconnect", which is an answer's label, not what a user says`) {
		t.Errorf("warnings:\n%s", w)
	}
	if s, _ := tree.Scenario("forbidden"); s.Replies != nil {
		t.Errorf("a scenario without replies has %v", s.Replies)
	}
}

// TestSetsNormalised checks that a list fact takes one text or a list and
// the other types take one value of their own type.
func TestSetsNormalised(t *testing.T) {
	cases := map[string]struct {
		typ  probes.FactType
		in   any
		want any
		ok   bool
	}{
		"text into a list fact": {probes.FactStrings, "User.Read", []string{"User.Read"}, true},
		"list into a list fact": {probes.FactStrings, []string{"a", "b"}, []string{"a", "b"}, true},
		"number into a list":    {probes.FactStrings, 3, nil, false},
		"list into a text fact": {probes.FactString, []string{"a"}, nil, false},
		"number into a number":  {probes.FactInt, 401, 401, true},
		"text into a number":    {probes.FactInt, "401", nil, false},
		"bool into a bool":      {probes.FactBool, false, false, true},
		"number into a bool":    {probes.FactBool, 0, nil, false},
		"text into a text":      {probes.FactString, "x", "x", true},
		"bool into a text fact": {probes.FactString, true, nil, false},
	}
	for name, tc := range cases {
		got, ok := settable(tc.typ, tc.in)
		if ok != tc.ok || (ok && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("%s: settable = %#v, %v; want %#v, %v", name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestWhenOnAnyDeclaredFact checks that a step without a check may test a
// fact an earlier step's check or answer established: facts are one pool.
func TestWhenOnAnyDeclaredFact(t *testing.T) {
	src := "version: 1\ntitle: t\nstart: ask\nnodes:\n  ask:\n    kind: question\n    title: Q\n    choices:\n" +
		"      - { label: A, next: done, when: { fact: jwt.expired, is: true } }\n" +
		"      - { label: B, next: done, when: { fact: answer.reconnect_helped, is: false } }\n" +
		"  done: { kind: outcome, title: D, result: resolved, summary: S }\n"
	if _, err := Parse("any.yaml", []byte(src), catalog()); err != nil {
		t.Fatal(err)
	}
}

func TestBinaryTree(t *testing.T) {
	_, err := Parse("x.yaml", []byte("version: 1\x00\x01"), catalog())
	if err == nil || !strings.Contains(err.Error(), "x.yaml:1:1: the file holds binary data") {
		t.Errorf("err = %v", err)
	}
}

// TestKnockOnSort checks that a knock-on error follows its cause, after
// the cause's own position ties, and that the others sort by position.
func TestKnockOnSort(t *testing.T) {
	e := errs{file: "f"}
	e.add(Pos{30, 1}, "late")
	e.addAfter(Pos{10, 5}, Pos{40, 3}, "knock-on of the early one")
	e.add(Pos{10, 5}, "early")
	e.add(Pos{10, 9}, "same line, later column")
	e.addAfter(Pos{10, 5}, Pos{2, 1}, "knock-on placed before its cause in the file")
	e.add(Pos{5, 1}, "first")
	e.list.sort()
	want := []string{"f:5:1: first", "f:10:5: early", "f:2:1: knock-on placed before its cause in the file",
		"f:40:3: knock-on of the early one", "f:10:9: same line, later column", "f:30:1: late"}
	if got := strings.Split(e.list.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMisIndented checks the indentation finder on valid YAML it must not
// flag and on the mistakes it must place, with their hints.
func TestMisIndented(t *testing.T) {
	cases := map[string]struct {
		src  string
		from int
		want Pos
		hint string
	}{
		"a list at its key's column is valid":  {src: "a:\n  choices:\n  - label: x\n    next: y\n  title: t\n", from: 1},
		"a block scalar's lines are skipped":   {src: "a:\n  body: |\n      deep\n    less deep\n  title: t\n", from: 1},
		"a plain scalar continues deeper":      {src: "a:\n  summary: one\n     two\n  title: t\n", from: 1},
		"comments and blank lines are skipped": {src: "a:\n  # note\n\n  title: t\n", from: 1},
		"next at the list's column": {src: "a:\n  choices:\n    - label: x\n    next: y\n", from: 2,
			want: Pos{4, 5}, hint: "is `next:` indented under its choice?"},
		"an item between two columns": {src: "a:\n  choices:\n    - label: x\n   - label: y\n", from: 1,
			want: Pos{4, 4}, hint: "is this choice indented like the choices above it?"},
		"another key between two columns": {src: "a:\n  kind: q\n title: t\n", from: 1,
			want: Pos{3, 2}, hint: "is `title:` indented like the keys around it?"},
		"an item in a list of something else": {src: "a:\n  packet:\n    - x\n   - y\n", from: 1,
			want: Pos{4, 4}, hint: "is this item indented like the items above it?"},
		"a mistake before the named line is not trusted": {src: "a:\n  kind: q\n title: t\nb: 1\n", from: 4},
	}
	for name, tc := range cases {
		p, hint, ok := misIndented([]byte(tc.src), tc.from)
		if ok != (tc.hint != "") || p != tc.want || hint != tc.hint {
			t.Errorf("%s: %v %q %v, want %v %q", name, p, hint, ok, tc.want, tc.hint)
		}
	}
}
