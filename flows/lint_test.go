package flows

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLint pins each lint rule's warning, with its position, on a tree
// that breaks only that rule.
func TestLint(t *testing.T) {
	cases := map[string]string{
		"action-no-steps.yaml":     `action-no-steps.yaml:5:3: warning: action "try" has no steps: say what to read to the user, or make it a question`,
		"question-one-choice.yaml": `question-one-choice.yaml:5:3: warning: question "ask" has only one answer: make it an action with steps, or add the other answers`,
		"repeated-label.yaml":      `repeated-label.yaml:10:9: warning: node "ask" has two answers labelled "Yes": the operator cannot tell them apart`,
		"outcome-no-scenario.yaml": `outcome-no-scenario.yaml:16:3: warning: outcome "escalate" is reached by no scenario: add a scenario that ends there, so the path to it is tested`,
		"long-body.yaml":           `long-body.yaml:8:11: warning: the body of "ask" is 42 lines: keep it under 40, it is read aloud during a call`,
		"probe-unused.yaml":        `probe-unused.yaml:8:20: warning: node "ask" names probe httpstatus but no answer's when: uses its facts, so the check can suggest nothing here`,
		"control.yaml": `control.yaml:7:12: warning: the text holds ESC (U+001B), a control character that a terminal acts on or that reorders what is read: remove it
control.yaml:8:11: warning: the text holds a bidirectional override (U+202E), a control character that a terminal acts on or that reorders what is read: remove it
control.yaml:10:16: warning: the text holds a C1 control (U+009B), a control character that a terminal acts on or that reorders what is read: remove it
control.yaml:18:14: warning: the text holds CR (U+000D), a control character that a terminal acts on or that reorders what is read: remove it`,
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "flows", "lint", "*.yaml"))
	if len(files) != len(cases) {
		t.Errorf("%d lint files, %d cases", len(files), len(cases))
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			tree, err := loadTestFile(t, "lint", name)
			if err != nil {
				t.Fatalf("a tree with only warnings must load: %v", err)
			}
			if got := tree.Warnings.Error(); got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestDefaultTreeHasNoWarnings(t *testing.T) {
	data, err := os.ReadFile("../flows.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tree, err := Parse("flows.yaml", data, catalog())
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Warnings) > 0 {
		t.Errorf("the default tree has warnings:\n%s", tree.Warnings.Error())
	}
}

func TestPaths(t *testing.T) {
	tree := smallTree(t)
	paths, more := Paths(tree, "done", 10)
	if more || len(paths) != 1 || strings.Join(paths[0], " ") != "ask check done" {
		t.Errorf("paths %v, more %v", paths, more)
	}
	if p, _ := Paths(tree, "ask", 10); len(p) != 1 || len(p[0]) != 1 {
		t.Errorf("paths to start %v", p)
	}
	def, _ := LoadFile("../flows.yaml", catalog())
	paths, _ = Paths(def, "resolved-method-1", 100)
	if len(paths) < 3 {
		t.Errorf("only %d paths to resolved-method-1", len(paths))
	}
	for _, p := range paths {
		if p[0] != "triage" || p[len(p)-1] != "resolved-method-1" {
			t.Errorf("path %v", p)
		}
		for i := 1; i < len(p); i++ {
			if slices.Contains(p[:i], p[i]) {
				t.Errorf("path visits %s twice: %v", p[i], p)
			}
		}
	}
	if _, more := Paths(def, "resolved-method-1", 2); !more {
		t.Error("a limit of 2 did not report more paths")
	}
}

// TestScoreWalk scores walks of the small tree's scenario.
func TestScoreWalk(t *testing.T) {
	tree := smallTree(t)
	sc, _ := tree.Scenario("reconnect") // ask → check → done
	cases := map[string]struct {
		moves   []string // next ids, or "back"
		matched int
		perfect bool
		turn    string // node of the wrong turn
		backs   int
	}{
		"perfect path":     {moves: []string{"check", "done"}, matched: 2, perfect: true},
		"early wrong turn": {moves: []string{"other"}, matched: 0, turn: "ask"},
		"late wrong turn":  {moves: []string{"check", "escalate"}, matched: 1, turn: "check"},
		"back-steps":       {moves: []string{"other", "back", "check", "done"}, matched: 2, backs: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w, _ := NewWalk(tree, ticking())
			for _, mv := range tc.moves {
				var err error
				if mv == "back" {
					_, err = w.Back()
				} else {
					_, err = w.ChooseNext(mv, "")
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			s := ScoreWalk(sc, w, 95*time.Second)
			if s.Matched != tc.matched || s.Perfect != tc.perfect || s.Backs != tc.backs || s.Total != 2 {
				t.Errorf("score %+v", s)
			}
			if tc.turn == "" && s.Turn != nil || tc.turn != "" && (s.Turn == nil || s.Turn.Node != tc.turn) {
				t.Errorf("turn %+v, want at %q", s.Turn, tc.turn)
			}
			if s.Seconds != 95 {
				t.Errorf("seconds %d", s.Seconds)
			}
		})
	}
	w, _ := NewWalk(tree, ticking())
	w.ChooseNext("other", "")
	text := ScoreWalk(sc, w, time.Minute).Text()
	for _, want := range []string{"0 of 2 answers on the expected path (0%).", `Left the path at step 1, “Is it a 401?”: answered “Something else”; the scenario expects “Yes, 401”.`, "Reached other; the scenario ends at done.", "Back-steps: 0. Time: 1m0s."} {
		if !strings.Contains(text, want) {
			t.Errorf("score text lacks %q:\n%s", want, text)
		}
	}
}

// TestExplain pins --explain: each answer's own label, and one path for
// answers that lead to the same step.
func TestExplain(t *testing.T) {
	tree, err := loadTestFile(t, "good", "two-answers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		target string
		limit  int
		want   string
	}{
		"equal paths collapse": {"done", 10, `1 path from ask to done:

1. ask → check → done
   ask: "Yes, 401" or "The app says token expired"
   check: "Fixed" or "Fixed after a second try"
`},
		"two paths": {"other", 10, `2 paths from ask to other:

1. ask → check → other
   ask: "Yes, 401" or "The app says token expired"
   check: "Still failing"

2. ask → other
   ask: "No"
`},
		"limited": {"other", 1, `1 path from ask to other:

1. ask → check → other
   ask: "Yes, 401" or "The app says token expired"
   check: "Still failing"

There are more paths; only the first 1 are shown.
`},
		"the start itself": {"ask", 10, "1 path from ask to ask:\n\n1. ask\n"},
	}
	for name, tc := range cases {
		if got := Explain(tree, tc.target, tc.limit); got != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, tc.want)
		}
	}
	if got := Explain(smallTree(t), "nowhere", 10); got != "No path from ask reaches nowhere.\n" {
		t.Errorf("no path: %q", got)
	}
}
