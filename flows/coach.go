package flows

import (
	"fmt"
	"strings"
	"time"
)

// Coach follows a trainee's answers against a scenario one at a time. A
// score computed at the end sees only the path finally taken; the coach
// also sees the answers later taken back, and the check's suggestion as
// it stood when each answer was given. Drivers call Answer just before
// Walk.Choose.
type Coach struct {
	Scenario Scenario
	// Trainee is the trainee's name, recorded in the report.
	Trainee string
	// Started is when the training walk began.
	Started   time.Time
	misses    []Miss
	overrides []Override
}

// Miss is an answer that left the scenario's path, with the expected
// answer and why it is expected.
type Miss struct {
	Step     int    `json:"step"`
	Node     string `json:"node"`
	Title    string `json:"title"`
	Answered string `json:"answered"`
	Expected string `json:"expected"`
	Why      string `json:"why,omitempty"`
}

// Override is an answer other than the one the check suggested.
type Override struct {
	Step      int    `json:"step"`
	Node      string `json:"node"`
	Title     string `json:"title"`
	Suggested string `json:"suggested"`
	Answered  string `json:"answered"`
}

// Report is a training score with what the coach saw: who trained, when,
// whether the walk reached an outcome, every missed answer and every
// override of the check's suggestion.
type Report struct {
	Trainee string    `json:"trainee,omitempty"`
	Started time.Time `json:"started"`
	Score
	// Finished is false when the walk stopped before an outcome; the score
	// then covers the answers given so far.
	Finished  bool       `json:"finished"`
	StoppedAt int        `json:"stopped_at_step,omitempty"`
	Misses    []Miss     `json:"misses"`
	Overrides []Override `json:"overrides"`
}

// Expected returns the index of the answer the scenario expects at the
// walk's current step (the user's reply there when the scenario gives
// one), or -1 when the walk is not on the scenario's path
// (it left it earlier, or the scenario has nothing to expect here).
func (c *Coach) Expected(w *Walk) int {
	path := w.Path()
	exp := c.Scenario.Expect
	if len(path)+1 >= len(exp) {
		return -1
	}
	for i, st := range path {
		if st.Node != exp[i] {
			return -1
		}
	}
	n := w.Current()
	if n.ID != exp[len(path)] {
		return -1
	}
	next := exp[len(path)+1]
	// Answers that lead to the same step may set different facts: the
	// user's reply, when the scenario gives one, means one answer.
	if label, ok := c.Scenario.ReplyAnswers[n.ID]; ok {
		for i, ch := range n.Choices {
			if ch.Label == label && ch.Next == next {
				return i
			}
		}
	}
	return choiceTo(n, next)
}

// Answer notes answer i at the walk's current step, before the walk takes
// it. It returns the miss when the answer leaves the scenario's path, so
// the driver can say so at once, and nil otherwise.
func (c *Coach) Answer(w *Walk, i int) *Miss {
	n := w.Current()
	if i < 0 || i >= len(n.Choices) {
		return nil
	}
	step := w.StepNumber()
	if s := w.Suggested(); s >= 0 && s != i {
		c.overrides = append(c.overrides, Override{Step: step, Node: n.ID, Title: n.Title,
			Suggested: n.Choices[s].Label, Answered: n.Choices[i].Label})
	}
	e := c.Expected(w)
	_, replied := c.Scenario.ReplyAnswers[n.ID]
	if e < 0 || e == i || (n.Choices[i].Next == n.Choices[e].Next && !replied) {
		return nil
	}
	m := Miss{Step: step, Node: n.ID, Title: n.Title, Answered: n.Choices[i].Label,
		Expected: n.Choices[e].Label, Why: WhyExpected(n, e)}
	c.misses = append(c.misses, m)
	return &m
}

// WhyExpected is why answer i of n is the right one: the answer's own why,
// else the step's.
func WhyExpected(n *Node, i int) string {
	if w := strings.TrimSpace(n.Choices[i].Why); w != "" {
		return w
	}
	return strings.TrimSpace(n.Why)
}

// Report scores the walk as it stands, finished or not.
func (c *Coach) Report(w *Walk, took time.Duration) Report {
	r := Report{Trainee: c.Trainee, Started: c.Started.UTC(), Score: ScoreWalk(c.Scenario, w, took),
		Finished: w.Ended(), Misses: append([]Miss{}, c.misses...), Overrides: append([]Override{}, c.overrides...)}
	if !r.Finished {
		r.StoppedAt = w.StepNumber()
		r.Perfect = false
	}
	if r.Turn != nil && r.Turn.Why == "" {
		if n, ok := w.Tree().Nodes[r.Turn.Node]; ok {
			r.Turn.Why = strings.TrimSpace(n.Why)
		}
	}
	return r
}

// Text renders the report for the trainee, a line a point.
func (r Report) Text() string {
	var b strings.Builder
	who := r.Trainee
	if who == "" {
		who = "unnamed trainee"
	}
	fmt.Fprintf(&b, "Trainee: %s. Scenario: %s. Started %s UTC.\n", who, r.Scenario, r.Started.Format("2006-01-02 15:04:05"))
	if !r.Finished {
		fmt.Fprintf(&b, "Unfinished: the walk stopped at step %d before an outcome; this score covers the answers given.\n", r.StoppedAt)
	}
	fmt.Fprintf(&b, "%d of %d answers on the expected path (%d%%).", r.Matched, r.Total, r.Percent)
	if r.Perfect {
		b.WriteString(" Perfect: no wrong turn and no back-steps.")
	}
	if len(r.Misses) == 0 && r.Turn != nil {
		r.Misses = []Miss{Miss(*r.Turn)}
	}
	if len(r.Misses) > 0 {
		b.WriteString("\nMissed answers:")
		for _, m := range r.Misses {
			fmt.Fprintf(&b, "\n  Step %d, %s: answered %s; the scenario expects %s.", m.Step, Quote(m.Title), Quote(m.Answered), Quote(m.Expected))
			if m.Why != "" {
				fmt.Fprintf(&b, " Why: %s", m.Why)
			}
		}
	}
	if len(r.Overrides) > 0 {
		b.WriteString("\nAnswers other than the check's suggestion:")
		for _, o := range r.Overrides {
			fmt.Fprintf(&b, "\n  Step %d, %s: the check suggested %s; answered %s.", o.Step, Quote(o.Title), Quote(o.Suggested), Quote(o.Answered))
		}
	}
	if r.Finished && r.Outcome != r.ExpectedOutcome {
		fmt.Fprintf(&b, "\nReached %s; the scenario ends at %s.", r.Outcome, r.ExpectedOutcome)
	}
	fmt.Fprintf(&b, "\nBack-steps: %d. Time: %s.", r.Backs, (time.Duration(r.Seconds) * time.Second).String())
	return b.String()
}
