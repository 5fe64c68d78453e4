// Package flows holds deskside's decision tree: the model read from a YAML
// tree file, the checks that keep a tree walkable, and Walk, the pure state
// machine that both the terminal wizard and plain mode drive.
package flows

import (
	"cmp"
	"fmt"
)

// Kind is what a node asks of the operator.
type Kind int

// The node kinds a tree file may use.
const (
	_            Kind = iota // the zero Kind: none given
	KindQuestion             // choose an answer
	KindAction               // read numbered steps to the user, then report the result
	KindInput                // paste or type text that a probe reads, then choose
	KindOutcome              // the end of a walk
)

var kindNames = map[Kind]string{
	KindQuestion: "question",
	KindAction:   "action",
	KindInput:    "input",
	KindOutcome:  "outcome",
}

// String returns the kind as written in a tree file.
func (k Kind) String() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// MarshalText writes the kind by name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Result is how a walk ended.
type Result int

// The results an outcome node may have.
const (
	_ Result = iota // the zero Result: none given
	ResultResolved
	ResultEscalate
	ResultNotThisProblem
)

var resultNames = map[Result]string{
	ResultResolved:       "resolved",
	ResultEscalate:       "escalate",
	ResultNotThisProblem: "not-this-problem",
}

// String returns the result as written in a tree file and in logs.
func (r Result) String() string {
	if n, ok := resultNames[r]; ok {
		return n
	}
	return fmt.Sprintf("result(%d)", int(r))
}

// Label returns the result for people to read.
func (r Result) Label() string {
	switch r {
	case ResultResolved:
		return "Resolved"
	case ResultEscalate:
		return "Escalate"
	case ResultNotThisProblem:
		return "Not this problem"
	}
	return r.String()
}

// MarshalText writes the result by name.
func (r Result) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a result name.
func (r *Result) UnmarshalText(b []byte) error {
	for k, n := range resultNames {
		if n == string(b) {
			*r = k
			return nil
		}
	}
	return fmt.Errorf("flows: unknown result %q", b)
}

// Actor says who carries out a step of an action.
type Actor int

// The actors a step may name. The zero value is the user, so a plain
// string in a tree file is a step read to the user.
const (
	ActorUser     Actor = iota // the operator reads it to the user, who does it
	ActorOperator              // the operator does it (ticket history, remote tools)
	ActorAdmin                 // only an admin can do it (Entra, app registrations)
)

var actorNames = [...]string{"user", "operator", "admin"}

// String returns the actor as written in a tree file.
func (a Actor) String() string {
	if a < 0 || int(a) >= len(actorNames) {
		return fmt.Sprintf("actor(%d)", int(a))
	}
	return actorNames[a]
}

// MarshalText writes the actor by name.
func (a Actor) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Instruction is one step of an action and who does it: an operator must
// not read "open the Entra sign-in logs" to a user.
type Instruction struct {
	Who  Actor
	Text string
}

// String renders the step for plain text: the user's steps as they are,
// the others prefixed with who does them ("Admin: …").
func (i Instruction) String() string {
	switch i.Who {
	case ActorOperator:
		return "Operator: " + i.Text
	case ActorAdmin:
		return "Admin: " + i.Text
	}
	return i.Text
}

// Pos is a place in the tree file, 1-based, for error messages.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// compare orders positions as a reader meets them: by line, then column.
func (p Pos) compare(q Pos) int {
	return cmp.Or(cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Tree is a loaded, validated tree file.
type Tree struct {
	File    string // the name used in error messages
	SHA256  string // hex digest of the file's bytes, recorded in every journal
	Version int
	Title   string
	Start   string
	Flows   []Flow
	Nodes   map[string]*Node
	Order   []string // node ids in file order
	// Scenarios are canned cases for training and tests.
	Scenarios []Scenario
	// Warnings are lint findings: valid, but probably a mistake.
	Warnings ErrorList

	startPos Pos
	toEnd    map[string]int // shortest number of answers to an outcome
	typical  map[string]int // answers left on the longest scenario through a node
	preview  bool           // made by Preview: the start screen's parts only
}

// Flow is a named entry point into the tree, for operators who already know
// which guide applies and for pictures of one part of the tree.
type Flow struct {
	ID          string
	Title       string
	Start       string
	Description string
	Pos         Pos
	startPos    Pos
}

// Node is one step of the tree.
type Node struct {
	ID    string
	Kind  Kind
	Title string
	// Body is Markdown shown under the title.
	Body string
	// Why explains why the step is here, for the "why" panel and trainers.
	Why string
	// Steps are the numbered instructions of an action node: most are read
	// to the user, some are done by the operator or only by an admin.
	Steps   []Instruction
	Probe   *ProbeRef
	Choices []Choice
	// Result, Summary and Packet belong to outcome nodes.
	Result  Result
	Summary string
	// Packet lists what to collect before escalating.
	Packet []string

	Pos      Pos // the node's id in the file
	bodyPos  Pos
	kindPos  Pos
	chPos    Pos
	hasChKey bool
}

// Terminal reports whether the walk ends at this node.
func (n *Node) Terminal() bool { return n.Kind == KindOutcome }

// ProbeRef names the probe a node offers and how it reads its input.
type ProbeRef struct {
	Name string
	// Input is "paste" (the operator pastes text), "run" (read the PC) or
	// "auto" (run on the PC where possible, otherwise paste).
	Input string
	// Prompt tells the operator what to ask the user for.
	Prompt string
	Pos    Pos
}

// Choice is one answer at a node.
type Choice struct {
	Label string
	Next  string
	// When marks the choice that known facts suggest: all conditions of
	// one of its groups must hold.
	When When
	// Sets are the facts this answer establishes (fact name to value,
	// normalised like probe facts), so a later step that keys on them is
	// suggested whether the operator pasted the evidence or only said it.
	Sets map[string]any
	// Why says what this answer means, for the "why" panel and scoring.
	Why     string
	Pos     Pos
	nextPos Pos
	sets    []setting
}

// setting is one fact of a choice's sets:, with where it was written.
type setting struct {
	fact           string
	value          any
	factPos, vaPos Pos
}

// Scenario is a canned support case: the probe inputs a trainer's probes
// return and the path the tree should take.
type Scenario struct {
	ID      string
	Title   string
	Teaches string
	// Probes maps a probe name to the text it reads in this scenario.
	Probes map[string]string
	Expect []string
	// Replies maps a node id to what the user says there ("I've signed
	// out of everything"), shown to a trainee as the user's words.
	Replies map[string]string
	// ReplyAnswers maps each node id of Replies to the label of the answer
	// the user's words mean there: the one the tree file names
	// ({ says: …, answer: … }), else the only answer that leads on along
	// the scenario's path. Validation fills it, so a coach can tell two
	// answers that lead to the same step apart.
	ReplyAnswers map[string]string
	Pos          Pos
	// ExpectPos holds the position of each id in Expect.
	ExpectPos []Pos
	replyPos  map[string][2]Pos // node id, and the words' or the named answer's position
}

// Outcomes returns the outcome nodes in file order.
func (t *Tree) Outcomes() []*Node {
	var out []*Node
	for _, id := range t.Order {
		if n := t.Nodes[id]; n.Kind == KindOutcome {
			out = append(out, n)
		}
	}
	return out
}

// Scenario returns the scenario with the given id.
func (t *Tree) Scenario(id string) (Scenario, bool) {
	for _, s := range t.Scenarios {
		if s.ID == id {
			return s, true
		}
	}
	return Scenario{}, false
}

// Flow returns the flow with the given id.
func (t *Tree) Flow(id string) (Flow, bool) {
	for _, f := range t.Flows {
		if f.ID == id {
			return f, true
		}
	}
	return Flow{}, false
}

// StepsToOutcome is the fewest answers needed to reach an outcome from the
// node, or -1 when none can be reached.
func (t *Tree) StepsToOutcome(id string) int {
	if d, ok := t.toEnd[id]; ok {
		return d
	}
	return -1
}

// TypicalRemaining estimates the answers left from a node when nothing
// is known of how the walk got there: the most any scenario through the
// node has left, else the fewest answers to a resolved or escalate
// outcome. It is -1 when no outcome can be reached.
func (t *Tree) TypicalRemaining(id string) int {
	if d, ok := t.typical[id]; ok {
		return d
	}
	return t.StepsToOutcome(id)
}

// computeTypical fills typical from the scenarios' paths.
func (t *Tree) computeTypical() {
	t.typical = map[string]int{}
	for _, sc := range t.Scenarios {
		for i, id := range sc.Expect {
			t.typical[id] = max(t.typical[id], len(sc.Expect)-1-i)
		}
	}
}

// computeDistances fills toEnd by a breadth-first search backwards from
// the outcomes, so the wizard can say "about N to go" without work per key.
// Distances count to a resolved or escalate outcome where one can be
// reached: the quick "not this problem" exits would make every early step
// look nearly done.
func (t *Tree) computeDistances() {
	parents := make(map[string][]string, len(t.Nodes))
	for _, id := range t.Order {
		for _, c := range t.Nodes[id].Choices {
			parents[c.Next] = append(parents[c.Next], id)
		}
	}
	bfs := func(isTarget func(*Node) bool) map[string]int {
		dist := make(map[string]int, len(t.Nodes))
		queue := make([]string, 0, len(t.Nodes))
		for _, id := range t.Order {
			if n := t.Nodes[id]; n.Kind == KindOutcome && isTarget(n) {
				dist[id] = 0
				queue = append(queue, id)
			}
		}
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			for _, p := range parents[id] {
				if _, seen := dist[p]; !seen && t.Nodes[p].Kind != KindOutcome {
					dist[p] = dist[id] + 1
					queue = append(queue, p)
				}
			}
		}
		return dist
	}
	t.toEnd = bfs(func(n *Node) bool { return n.Result != ResultNotThisProblem })
	for id, d := range bfs(func(*Node) bool { return true }) {
		if _, ok := t.toEnd[id]; !ok {
			t.toEnd[id] = d
		}
	}
}
