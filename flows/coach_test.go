package flows

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"deskside/probes"
)

// TestCoach follows trainees through the small tree's still-failing
// scenario (ask → check → escalate) and checks what the coach saw.
func TestCoach(t *testing.T) {
	type move struct {
		choose int
		back   bool
		paste  int // an httpstatus result with this status before the answer
	}
	cases := map[string]struct {
		moves     []move
		finished  bool
		misses    []string // "step node answered→expected"
		overrides []string // "step suggested→answered"
		text      []string
	}{
		"on the path": {moves: []move{{choose: 0}, {choose: 1}}, finished: true,
			text: []string{"2 of 2 answers on the expected path (100%). Perfect"}},
		"a miss": {moves: []move{{choose: 0}, {choose: 0}}, finished: true,
			misses: []string{"2 check Fixed→Still failing"},
			text:   []string{"Missed answers:\n  Step 2, “Reconnect the connection”: answered “Fixed”; the scenario expects “Still failing”.", "Reached done; the scenario ends at escalate."}},
		"a miss taken back and put right still counts": {moves: []move{{choose: 0}, {choose: 0}, {back: true}, {choose: 1}}, finished: true,
			misses: []string{"2 check Fixed→Still failing"},
			text:   []string{"2 of 2 answers on the expected path (100%).\nMissed answers:", "Back-steps: 1."}},
		"off the path, later answers are not misses": {moves: []move{{choose: 2}}, finished: true,
			misses: []string{"1 ask Something else→Yes, 401"}},
		"an override of the suggestion": {moves: []move{{paste: 429, choose: 0}, {choose: 1}}, finished: true,
			overrides: []string{"1 No, 429→Yes, 401"},
			text:      []string{"Answers other than the check's suggestion:\n  Step 1, “Is it a 401?”: the check suggested “No, 429”; answered “Yes, 401”."}},
		"stopped early": {moves: []move{{choose: 0}},
			text: []string{"Unfinished: the walk stopped at step 2 before an outcome"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			tree := smallTree(t)
			sc, _ := tree.Scenario("still-failing")
			w, _ := NewWalk(tree, ticking())
			c := &Coach{Scenario: sc, Trainee: "Dana", Started: t0}
			for _, m := range tc.moves {
				if m.paste != 0 {
					w.ApplyProbe("httpstatus", "", probes.Result{Status: probes.StatusWarn, Facts: map[string]any{"http.status": m.paste}}, 0)
				}
				if m.back {
					if _, err := w.Back(); err != nil {
						t.Fatal(err)
					}
					continue
				}
				c.Answer(w, m.choose)
				if _, err := w.Choose(m.choose); err != nil {
					t.Fatal(err)
				}
			}
			r := c.Report(w, 90*time.Second)
			if r.Finished != tc.finished || r.Trainee != "Dana" || !r.Started.Equal(t0) || r.Seconds != 90 {
				t.Errorf("report %+v", r)
			}
			var misses, overrides []string
			for _, m := range r.Misses {
				misses = append(misses, strings.Join([]string{strconv.Itoa(m.Step), m.Node, m.Answered + "→" + m.Expected}, " "))
			}
			for _, o := range r.Overrides {
				overrides = append(overrides, strconv.Itoa(o.Step)+" "+o.Suggested+"→"+o.Answered)
			}
			if strings.Join(misses, "|") != strings.Join(tc.misses, "|") {
				t.Errorf("misses %q, want %q", misses, tc.misses)
			}
			if strings.Join(overrides, "|") != strings.Join(tc.overrides, "|") {
				t.Errorf("overrides %q, want %q", overrides, tc.overrides)
			}
			text := r.Text()
			for _, want := range tc.text {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// TestWhyExpected checks that a missed answer's why falls back to the
// step's when the answer has none.
func TestWhyExpected(t *testing.T) {
	n := &Node{Why: "The step's reason.", Choices: []Choice{{Label: "A", Why: "A's reason."}, {Label: "B"}}}
	if got := WhyExpected(n, 0); got != "A's reason." {
		t.Errorf("got %q", got)
	}
	if got := WhyExpected(n, 1); got != "The step's reason." {
		t.Errorf("got %q", got)
	}
}
