package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// BodyLines is the longest a step's body may be before the lint warns:
// an operator on a call reads it aloud, and the screen shows ~20 lines.
const BodyLines = 40

// lint finds what is valid but probably a mistake. The tree still loads;
// `deskside validate` prints these as warnings and --strict makes them
// errors.
func lint(t *Tree, e *errs) {
	reached := map[string]bool{}
	for _, s := range t.Scenarios {
		reached[s.Expect[len(s.Expect)-1]] = true
	}
	for _, id := range t.Order {
		n := t.Nodes[id]
		switch n.Kind {
		case KindAction:
			if len(n.Steps) == 0 {
				e.warn(n.Pos, "action %q has no steps: say what to read to the user, or make it a question", id)
			}
		case KindQuestion:
			if len(n.Choices) == 1 {
				e.warn(n.Pos, "question %q has only one answer: make it an action with steps, or add the other answers", id)
			}
		case KindOutcome:
			if !reached[id] {
				e.warn(n.Pos, "outcome %q is reached by no scenario: add a scenario that ends there, so the path to it is tested", id)
			}
		}
		seen := map[string]bool{}
		for _, c := range n.Choices {
			if seen[c.Label] {
				e.warn(c.Pos, "node %q has two answers labelled %q: the operator cannot tell them apart", id, c.Label)
			}
			seen[c.Label] = true
		}
		if lines := strings.Count(strings.TrimRight(n.Body, "\n"), "\n") + 1; n.Body != "" && lines > BodyLines {
			e.warn(n.bodyPos, "the body of %q is %d lines: keep it under %d, it is read aloud during a call", id, lines, BodyLines)
		}
		if n.Probe != nil && !usesProbeFacts(n) {
			e.warn(n.Probe.Pos, "node %q names probe %s but no answer's when: uses its facts, so the check can suggest nothing here", id, n.Probe.Name)
		}
	}
}

// usesProbeFacts reports whether a when: of n tests a fact of its probe
// (its prefix, such as http. for httpstatus).
func usesProbeFacts(n *Node) bool {
	for _, c := range n.Choices {
		for cond := range c.When.Conditions() {
			if !strings.HasPrefix(cond.Fact, "cross.") {
				return true
			}
		}
	}
	return false
}

// Paths returns every path from the tree's start to target that visits
// no node twice, as node ids, up to limit paths. truncated reports that
// there were more.
func Paths(t *Tree, target string, limit int) (paths [][]string, truncated bool) {
	budget := 200_000 // node visits: a large tree can have more paths than anyone reads
	var walk func(id string, path []string)
	walk = func(id string, path []string) {
		if truncated {
			return
		}
		if budget--; budget < 0 {
			truncated = true
			return
		}
		path = append(path, id)
		if id == target {
			if len(paths) == limit {
				truncated = true
				return
			}
			paths = append(paths, slices.Clone(path))
			return
		}
		n, ok := t.Nodes[id]
		if !ok {
			return
		}
		// Two answers leading to the same step make one path, not two.
		for i, c := range n.Choices {
			if choiceTo(n, c.Next) == i && !slices.Contains(path, c.Next) {
				walk(c.Next, path)
			}
		}
	}
	walk(t.Start, nil)
	return paths, truncated
}

// ChoiceLabels returns the labels of every answer of from that leads to
// to, in file order, for printing paths.
func (t *Tree) ChoiceLabels(from, to string) []string {
	var out []string
	if n, ok := t.Nodes[from]; ok {
		for _, c := range n.Choices {
			if c.Next == to {
				out = append(out, c.Label)
			}
		}
	}
	return out
}

// Explain lists every path from start to target, up to limit, with the
// answers that take each step; answers that lead to the same next step
// share one path. It is `deskside validate --explain`, for an author
// checking that a branch is reached as meant.
func Explain(t *Tree, target string, limit int) string {
	paths, truncated := Paths(t, target, limit)
	if len(paths) == 0 {
		return fmt.Sprintf("No path from %s reaches %s.\n", t.Start, target)
	}
	var b strings.Builder
	n := fmt.Sprintf("%d paths", len(paths))
	if len(paths) == 1 {
		n = "1 path"
	}
	fmt.Fprintf(&b, "%s from %s to %s:\n", n, t.Start, target)
	for i, p := range paths {
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, strings.Join(p, " → "))
		for j := 0; j+1 < len(p); j++ {
			labels := t.ChoiceLabels(p[j], p[j+1])
			for k, l := range labels {
				labels[k] = strconv.Quote(l)
			}
			fmt.Fprintf(&b, "   %s: %s\n", p[j], strings.Join(labels, " or "))
		}
	}
	if truncated {
		fmt.Fprintf(&b, "\nThere are more paths; only the first %d are shown.\n", limit)
	}
	return b.String()
}
