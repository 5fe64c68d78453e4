package flows

import (
	"fmt"
	"strings"
	"time"
)

// Score compares a trainee's walk with the path a scenario expects: how
// far it followed, where it left the path and what the expected answer
// was and why, how often the trainee went back, and how long it took.
type Score struct {
	Scenario string `json:"scenario"`
	Title    string `json:"title"`
	// Expected and Taken are node ids, start to outcome.
	Expected []string `json:"expected_path"`
	Taken    []string `json:"taken_path"`
	// Matched counts the steps taken as the scenario expects, from the start.
	Matched int  `json:"matched_steps"`
	Total   int  `json:"expected_steps"`
	Percent int  `json:"percent"`
	Perfect bool `json:"perfect"`
	// Turn is the first answer that left the expected path, if any.
	Turn    *Turn  `json:"wrong_turn,omitempty"`
	Backs   int    `json:"back_steps"`
	Seconds int    `json:"seconds"`
	Outcome string `json:"outcome"`
	// ExpectedOutcome is the scenario's last node.
	ExpectedOutcome string `json:"expected_outcome"`
}

// Turn is where a walk left a scenario's expected path.
type Turn struct {
	Step     int    `json:"step"`
	Node     string `json:"node"`
	Title    string `json:"title"`
	Answered string `json:"answered"`
	Expected string `json:"expected"`
	Why      string `json:"why,omitempty"`
}

// ScoreWalk scores a walk against its scenario.
func ScoreWalk(sc Scenario, w *Walk, took time.Duration) Score {
	s := Score{Scenario: sc.ID, Title: sc.Title, Expected: sc.Expect, Backs: w.Backs(), Seconds: int(took.Seconds())}
	path := w.Path()
	for _, st := range path {
		s.Taken = append(s.Taken, st.Node)
	}
	s.Taken = append(s.Taken, w.Current().ID)
	s.Total = len(sc.Expect) - 1 // answers the scenario expects
	s.Outcome = w.Current().ID
	s.ExpectedOutcome = sc.Expect[len(sc.Expect)-1]
	t := w.Tree()
	for i, st := range path {
		if i+1 >= len(sc.Expect) || st.Node != sc.Expect[i] {
			break
		}
		if st.Next == sc.Expect[i+1] {
			s.Matched++
			continue
		}
		turn := &Turn{Step: i + 1, Node: st.Node, Title: st.Title, Answered: st.Label}
		if n, ok := t.Nodes[st.Node]; ok {
			if j := choiceTo(n, sc.Expect[i+1]); j >= 0 {
				turn.Expected = n.Choices[j].Label
				turn.Why = n.Choices[j].Why
			}
		}
		s.Turn = turn
		break
	}
	if s.Total > 0 {
		s.Percent = s.Matched * 100 / s.Total
	}
	s.Perfect = s.Turn == nil && s.Matched == s.Total && s.Backs == 0
	return s
}

// Text renders the score for the trainee, a line a point.
func (s Score) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d answers on the expected path (%d%%).", s.Matched, s.Total, s.Percent)
	if s.Perfect {
		b.WriteString(" Perfect: no wrong turn and no back-steps.")
	} else if s.Turn != nil {
		fmt.Fprintf(&b, "\nLeft the path at step %d, %s: answered %s; the scenario expects %s.", s.Turn.Step, Quote(s.Turn.Title), Quote(s.Turn.Answered), Quote(s.Turn.Expected))
		if s.Turn.Why != "" {
			fmt.Fprintf(&b, " Why: %s", s.Turn.Why)
		}
	}
	if s.Outcome != s.ExpectedOutcome {
		fmt.Fprintf(&b, "\nReached %s; the scenario ends at %s.", s.Outcome, s.ExpectedOutcome)
	}
	fmt.Fprintf(&b, "\nBack-steps: %d. Time: %s.", s.Backs, (time.Duration(s.Seconds) * time.Second).String())
	return b.String()
}

// Quote puts a step title or an answer in quotation marks for a sentence a
// person reads or hears: curly quotes, so that a label holding straight
// quotes (`OneDrive pop-up "Something went wrong"`) reads as written
// instead of with Go's backslash escapes.
func Quote(s string) string { return "“" + s + "”" }
