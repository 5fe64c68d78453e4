package flows

import (
	"errors"
	"os"
	"path/filepath"
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
			`unknown-key.yaml:12:9: unknown key "nxt" in a choice of node "ask" (did you mean "next"?); known keys: label, next, when, why`,
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
		"fact-without-probe.yaml": {
			"fact-without-probe.yaml:11:23: node \"ask\" tests fact \"http.status\" but names no probe: add the probe that sets it (`probe: { name: httpstatus }`)",
		},
		"unknown-probe.yaml": {
			`unknown-probe.yaml:8:20: node "ask" names unknown probe "htttpstatus" (did you mean "httpstatus"?); known probes: aadsts, clienterror, clock, credentials, dsregcmd, httpstatus, jwt, onedrive`,
		},
		"when-type.yaml": {
			`when-type.yaml:12:40: fact "http.status" is a number, so four-oh-one can never match it`,
		},
		"loop.yaml": {
			`loop.yaml:13:3: no outcome can be reached from node "again": every path from it loops back`,
			`loop.yaml:19:3: no outcome can be reached from node "more": every path from it loops back`,
		},
		"outcome-no-result.yaml": {
			"outcome-no-result.yaml:11:3: outcome \"done\" has no result: add `result: resolved`, escalate or not-this-problem",
		},
		"empty.yaml": {
			`empty.yaml:1:1: the file is empty: a tree file needs version, title, start and nodes`,
		},
		"several.yaml": {
			`several.yaml:10:15: choice "Yes" of node "ask" leads to "dne", which does not exist (did you mean "done"?)`,
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
	if c := ask.Choices[1].When[0]; c.Op != OpIn || len(c.Values) != 2 || c.Values[0] != 429 {
		t.Errorf("condition = %+v", c)
	}
	if got := tree.Nodes["check"].Steps; len(got) != 2 || got[1] != "Click Reconnect." {
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

func TestBinaryTree(t *testing.T) {
	_, err := Parse("x.yaml", []byte("version: 1\x00\x01"), catalog())
	if err == nil || !strings.Contains(err.Error(), "x.yaml:1:1: the file holds binary data") {
		t.Errorf("err = %v", err)
	}
}
