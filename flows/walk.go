package flows

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"deskside/probes"
)

// EventType names what happened in a walk, as written in the journal.
type EventType string

// The events a Walk reports. The session adds session-start, export and
// session-end around them.
const (
	EventStep    EventType = "step"
	EventAnswer  EventType = "answer"
	EventProbe   EventType = "probe"
	EventNote    EventType = "note"
	EventBack    EventType = "back"
	EventOutcome EventType = "outcome"
)

// Event is one thing that happened in a walk. Only the fields of its type
// are set; the journal writes it as one JSON line.
type Event struct {
	Type EventType `json:"type"`
	At   time.Time `json:"ts"`
	Node string    `json:"node,omitempty"`
	// Title is the step's title as shown (step, outcome).
	Title string `json:"title,omitempty"`

	// SuggestedIndex and SuggestedFrom record, on a step event, the answer
	// the known facts suggested as the step opened and where those facts
	// came from ("the paste at step 1 (aadsts)").
	SuggestedIndex *int   `json:"suggested_choice,omitempty"`
	SuggestedFrom  string `json:"suggested_from,omitempty"`

	// Label, Next and Suggested describe an answer; Replaces is the earlier
	// answer at the same step that this one amends after going back.
	Label     string `json:"label,omitempty"`
	Next      string `json:"next,omitempty"`
	Suggested bool   `json:"suggested,omitempty"`
	Replaces  string `json:"replaces,omitempty"`
	// Sets are the facts the answer establishes (the choice's `sets:`), so
	// a log says what each answer meant without the tree.
	Sets map[string]any `json:"sets,omitempty"`
	// Done lists, on an answer to a step with steps to read, the steps
	// (numbered from 1) the operator ticked as done before answering: the
	// ticket then says what was really done, not only what was offered.
	Done []int `json:"done,omitempty"`

	// Probe, Input, Result, DurationMS and Findings describe a probe run.
	// Input is what was pasted; the journal redacts it before writing.
	Probe      string         `json:"probe,omitempty"`
	Input      string         `json:"input,omitempty"`
	Result     *probes.Result `json:"result,omitempty"`
	DurationMS int64          `json:"duration_ms,omitempty"`
	Findings   []string       `json:"findings,omitempty"`

	// Text is a note's text.
	Text string `json:"text,omitempty"`

	// From is the step a back event left.
	From string `json:"from,omitempty"`

	// Outcome, Summary and Packet describe the end of the walk; the packet
	// travels with the event so a log reads fully without the tree.
	Outcome Result   `json:"outcome,omitempty"`
	Summary string   `json:"summary,omitempty"`
	Packet  []string `json:"packet,omitempty"`
}

// Step is one answered step of the path taken.
type Step struct {
	Node     string
	Title    string
	Label    string
	Next     string
	At       time.Time
	Replaces string
	// Sets are the facts the answer established.
	Sets Facts
}

// Note is an operator's note, kept with the step it was written at.
type Note struct {
	Node string
	At   time.Time
	Text string
}

// Errors a Walk returns for an answer it cannot take. The walk does not move.
var (
	ErrEnded     = errors.New("flows: the walk has reached its outcome; start a new session to walk again")
	ErrAtStart   = errors.New("flows: already at the first step; there is nothing to go back to")
	ErrNoChoice  = errors.New("flows: no such choice at this step")
	ErrEmptyNote = errors.New("flows: a note needs some text")
)

// Walk is one walk through a tree: where it is, how it got there, what the
// probes found and what the operator noted. It is a value with no I/O: the
// terminal wizard and plain mode drive the same Walk, and the journal
// records the events each call returns.
//
// Facts form one pool for the session. A check's reading stays in it when
// the operator goes back (the user did paste it); an answer's sets: leave
// it with that answer. Where facts disagree, the one learnt last wins.
type Walk struct {
	tree     *Tree
	now      func() time.Time
	cur      string
	first    string
	stack    []frame
	readings map[string]reading // the latest reading of each check
	seq      int                // orders readings and answers, learnt last wins
	notes    []Note
	undone   []Step // answers taken back, to mark amendments
	backs    int
}

// frame is one answer on the path and the facts it established.
type frame struct {
	step Step
	sets Facts
	src  Source
	seq  int
}

// reading is what one check (or one answer's sets:) established, and where.
type reading struct {
	facts Facts
	src   Source
	seq   int
}

// Source says where a fact came from, so a suggestion can say "from the
// paste at step 1" and the journal can record it.
type Source struct {
	Step   int    // 1-based step number on the path where it was learnt
	Node   string // the step's node id
	Probe  string // the check that read it ("" for an answer)
	Answer string // the answer's label when an answer set it
	// Ran marks a check that read this PC rather than a paste.
	Ran bool
}

// String says where the fact came from, for the panel and the journal.
func (s Source) String() string {
	if s.Probe == "" {
		return fmt.Sprintf("your answer at step %d", s.Step)
	}
	if s.Ran {
		return fmt.Sprintf("the check at step %d (%s)", s.Step, s.Probe)
	}
	return fmt.Sprintf("the paste at step %d (%s)", s.Step, s.Probe)
}

// Suggestion is the answer the known facts suggest at a step, and the
// sources of the facts that decided it.
type Suggestion struct {
	Index int      // -1 when no choice is suggested
	From  []Source // in the order they were learnt
}

// FromText joins the sources for people: "the paste at step 1 (aadsts)
// and your answer at step 2".
func (s Suggestion) FromText() string {
	parts := make([]string, len(s.From))
	for i, src := range s.From {
		parts[i] = src.String()
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// NewWalk starts a walk at the tree's start node. now is the clock events
// are stamped with. It returns the events of showing the first step.
func NewWalk(t *Tree, now func() time.Time) (*Walk, []Event) {
	return NewWalkAt(t, t.Start, now)
}

// NewWalkAt starts a walk at a given node, such as a flow's entry point.
// An unknown id starts at the tree's start node.
func NewWalkAt(t *Tree, start string, now func() time.Time) (*Walk, []Event) {
	if _, ok := t.Nodes[start]; !ok {
		start = t.Start
	}
	w := &Walk{tree: t, now: now, cur: start, first: start, readings: map[string]reading{}}
	return w, w.arrive()
}

// Tree returns the tree being walked.
func (w *Walk) Tree() *Tree { return w.tree }

// Current returns the step the walk is at.
func (w *Walk) Current() *Node { return w.tree.Nodes[w.cur] }

// First returns the id of the step the walk began at.
func (w *Walk) First() string { return w.first }

// Ended reports whether the walk is at an outcome.
func (w *Walk) Ended() bool { return w.Current().Terminal() }

// Outcome returns the outcome node, or nil until the walk reaches one.
func (w *Walk) Outcome() *Node {
	if w.Ended() {
		return w.Current()
	}
	return nil
}

// StepNumber is the 1-based number of the current step on the path.
func (w *Walk) StepNumber() int { return len(w.stack) + 1 }

// Remaining estimates the answers still to give on a typical call, for
// "about N to go". The tree's scenarios are its typical calls: the fresh
// estimate at a step is the most steps any scenario whose path agrees
// with the walk so far still has left, or, off every scenario's path, the
// step's own estimate (see Tree.TypicalRemaining). An operator reads the
// number as a countdown, so it never rises on a forward step: each step
// says the lower of its fresh estimate and one less than the step before,
// and at least 1 until the outcome, where it is 0. Walking a scenario it
// therefore falls by at least one per answer, by exactly one while that
// scenario is the longest that agrees, and never says less than the
// scenario has left. Going back returns to the number the step had.
func (w *Walk) Remaining() int {
	if w.Ended() {
		return 0
	}
	path := make([]string, 0, len(w.stack)+1)
	for _, f := range w.stack {
		path = append(path, f.step.Node)
	}
	path = append(path, w.cur)
	est := 0
	for k := range path {
		fresh := w.freshRemaining(path[:k+1])
		if k == 0 {
			est = fresh
			continue
		}
		est = max(1, min(est-1, fresh))
	}
	return est
}

// freshRemaining is the estimate at the last step of path from that path
// alone: the most steps left on the scenarios that agree with it, else the
// step's own estimate.
func (w *Walk) freshRemaining(path []string) int {
	best := -1
	for _, sc := range w.tree.Scenarios {
		k := slices.Index(sc.Expect, path[0])
		if k < 0 || k+len(path) > len(sc.Expect) || !slices.Equal(sc.Expect[k:k+len(path)], path) {
			continue
		}
		best = max(best, len(sc.Expect)-k-len(path))
	}
	if best >= 0 {
		return best
	}
	return w.tree.TypicalRemaining(path[len(path)-1])
}

// Path returns the answers given so far, in order.
func (w *Walk) Path() []Step {
	out := make([]Step, len(w.stack))
	for i, f := range w.stack {
		out[i] = f.step
	}
	return out
}

// Backs returns how many times the operator went back.
func (w *Walk) Backs() int { return w.backs }

// Notes returns the notes taken so far, in order.
func (w *Walk) Notes() []Note { return slices.Clone(w.notes) }

// Facts returns every fact known now, with the derived cross-check facts.
func (w *Walk) Facts() Facts {
	f, _ := w.pool()
	derived, _ := Derive(f)
	for k, v := range derived {
		f[k] = v
	}
	return f
}

// Findings says what the probes' facts imply together.
func (w *Walk) Findings() []Finding {
	f, _ := w.pool()
	_, found := Derive(f)
	return found
}

// Sources returns where a known fact came from: one source for a fact a
// check read or an answer set, the sources of its inputs for a derived
// fact, none for a fact not known.
func (w *Walk) Sources(fact string) []Source {
	f, from := w.pool()
	if src, ok := from[fact]; ok {
		return []Source{src}
	}
	return derivedSources(fact, f, from)
}

// pool merges the checks' readings and the answers on the path, in the
// order they were learnt, and says where each fact came from.
func (w *Walk) pool() (Facts, map[string]Source) {
	entries := make([]reading, 0, len(w.readings)+len(w.stack))
	for _, r := range w.readings {
		entries = append(entries, r)
	}
	for _, f := range w.stack {
		entries = append(entries, reading{facts: f.sets, src: f.src, seq: f.seq})
	}
	slices.SortFunc(entries, func(a, b reading) int { return cmp.Compare(a.seq, b.seq) })
	facts, from := Facts{}, map[string]Source{}
	for _, e := range entries {
		for k, v := range e.facts {
			facts[k] = v
			from[k] = e.src
		}
	}
	return facts, from
}

// Suggested returns the index of the first choice whose `when:` conditions
// all hold, or -1. The operator confirms it; the walk never takes it alone.
func (w *Walk) Suggested() int { return w.Suggestion().Index }

// Suggestion returns the answer the whole session's facts suggest at the
// current step and the sources of the facts its conditions tested.
func (w *Walk) Suggestion() Suggestion {
	n := w.Current()
	base, from := w.pool()
	all := base.Clone()
	derived, _ := Derive(base)
	for k, v := range derived {
		all[k] = v
	}
	i := suggest(n, all)
	s := Suggestion{Index: i}
	if i < 0 {
		return s
	}
	seen := map[Source]bool{}
	held, _ := n.Choices[i].When.Match(all)
	for _, cond := range held {
		var srcs []Source
		if src, ok := from[cond.Fact]; ok {
			srcs = []Source{src}
		} else {
			srcs = derivedSources(cond.Fact, base, from)
		}
		for _, src := range srcs {
			if !seen[src] {
				seen[src] = true
				s.From = append(s.From, src)
			}
		}
	}
	sort.SliceStable(s.From, func(a, b int) bool { return s.From[a].Step < s.From[b].Step })
	return s
}

// derivedSources returns the sources of the facts a derived fact was
// worked out from.
func derivedSources(fact string, base Facts, from map[string]Source) []Source {
	_, _, deps := derive(base)
	var out []Source
	for _, d := range deps[fact] {
		if src, ok := from[d]; ok && !slices.Contains(out, src) {
			out = append(out, src)
		}
	}
	return out
}

func suggest(n *Node, f Facts) int {
	for i, c := range n.Choices {
		if c.When.Holds(f) {
			return i
		}
	}
	return -1
}

// Choose takes choice i of the current step.
func (w *Walk) Choose(i int) ([]Event, error) {
	n := w.Current()
	if n.Terminal() {
		return nil, ErrEnded
	}
	if i < 0 || i >= len(n.Choices) {
		return nil, fmt.Errorf("%w: pick 1 to %d", ErrNoChoice, len(n.Choices))
	}
	c := n.Choices[i]
	at := w.now().UTC()
	step := Step{Node: n.ID, Title: n.Title, Label: c.Label, Next: c.Next, At: at}
	for j := len(w.undone) - 1; j >= 0; j-- {
		if w.undone[j].Node == n.ID {
			if w.undone[j].Label != c.Label {
				step.Replaces = w.undone[j].Label
			}
			w.undone = slices.Delete(w.undone, j, j+1)
			break
		}
	}
	ev := Event{Type: EventAnswer, At: at, Node: n.ID, Label: c.Label, Next: c.Next,
		Suggested: i == w.Suggested(), Replaces: step.Replaces}
	w.seq++
	fr := frame{step: step, seq: w.seq, src: Source{Step: w.StepNumber(), Node: n.ID, Answer: c.Label}}
	if len(c.Sets) > 0 {
		fr.sets = make(Facts, len(c.Sets))
		for k, v := range c.Sets {
			fr.sets[k] = Normalize(v)
		}
		fr.sets = fr.sets.Clone() // nothing shared with the tree's own values
		ev.Sets = fr.sets.Clone()
		fr.step.Sets = fr.sets.Clone()
	}
	w.stack = append(w.stack, fr)
	w.cur = c.Next
	return append([]Event{ev}, w.arrive()...), nil
}

// ChooseNext takes the choice of the current step that leads to next,
// preferring one with the given label. Resuming a journal and walking a
// scenario name answers this way, since choice numbers may change.
func (w *Walk) ChooseNext(next, label string) ([]Event, error) {
	n := w.Current()
	idx := -1
	for i, c := range n.Choices {
		if c.Next == next && (idx < 0 || c.Label == label) {
			idx = i
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("%w: step %q has no choice leading to %q", ErrNoChoice, n.ID, next)
	}
	return w.Choose(idx)
}

// Back undoes the last answer: the walk returns to that step, and the facts
// that answer set leave the pool. What checks read stays: the user did
// paste it. It can be called until the first step.
func (w *Walk) Back() ([]Event, error) {
	if len(w.stack) == 0 {
		return nil, ErrAtStart
	}
	from := w.cur
	f := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	w.cur = f.step.Node
	w.undone = append(w.undone, f.step)
	w.backs++
	ev := Event{Type: EventBack, At: w.now().UTC(), Node: w.cur, From: from}
	return append([]Event{ev}, w.arrive()...), nil
}

// ApplyProbe records a probe's result at the current step. Its facts
// replace those of the same probe's earlier run; a run that could not read
// anything (error, unavailable) keeps the earlier facts. Several checks may
// read one paste: each call records its own source. An empty input means
// the check read this PC.
func (w *Walk) ApplyProbe(name, input string, r probes.Result, took time.Duration) []Event {
	if len(r.Facts) > 0 || (r.Status != probes.StatusError && r.Status != probes.StatusUnavailable) {
		f := make(Facts, len(r.Facts))
		for k, v := range r.Facts {
			f[k] = Normalize(v)
		}
		w.seq++
		w.readings[name] = reading{facts: f, seq: w.seq,
			src: Source{Step: w.StepNumber(), Node: w.cur, Probe: name, Ran: input == ""}}
	}
	res := r
	ev := Event{Type: EventProbe, At: w.now().UTC(), Node: w.cur, Probe: name, Input: input,
		Result: &res, DurationMS: took.Milliseconds()}
	for _, fd := range w.Findings() {
		ev.Findings = append(ev.Findings, fd.Text)
	}
	return []Event{ev}
}

// Note adds an operator's note at the current step.
func (w *Walk) Note(text string) ([]Event, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, ErrEmptyNote
	}
	at := w.now().UTC()
	w.notes = append(w.notes, Note{Node: w.cur, At: at, Text: text})
	return []Event{{Type: EventNote, At: at, Node: w.cur, Text: text}}, nil
}

// arrive reports showing the current step, and the outcome if it is one.
func (w *Walk) arrive() []Event {
	n := w.Current()
	at := w.now().UTC()
	step := Event{Type: EventStep, At: at, Node: n.ID, Title: n.Title}
	if sug := w.Suggestion(); sug.Index >= 0 {
		i := sug.Index
		step.SuggestedIndex = &i
		step.SuggestedFrom = sug.FromText()
	}
	evs := []Event{step}
	if n.Terminal() {
		evs = append(evs, Event{Type: EventOutcome, At: at, Node: n.ID, Title: n.Title, Outcome: n.Result, Summary: n.Summary, Packet: slices.Clone(n.Packet)})
	}
	return evs
}
