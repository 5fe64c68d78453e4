package flows

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"deskside/probes"
)

// validate checks what only the whole tree can tell: links, reachability,
// facts and scenario paths.
func (l *loader) validate(t *Tree, malformed bool) {
	ids := t.Order
	if t.Start != "" {
		if _, ok := t.Nodes[t.Start]; !ok {
			l.e.add(t.startPos, "start names node %q, which does not exist%s", t.Start, didYouMean(t.Start, ids))
		}
	}
	for _, f := range t.Flows {
		if _, ok := t.Nodes[f.Start]; !ok {
			l.e.add(f.startPos, "flow %q starts at node %q, which does not exist%s", f.ID, f.Start, didYouMean(f.Start, ids))
		}
	}
	seenFlow := map[string]bool{}
	for _, f := range t.Flows {
		if seenFlow[f.ID] {
			l.e.add(f.Pos, "duplicate flow id %q", f.ID)
		}
		seenFlow[f.ID] = true
	}

	for _, id := range ids {
		n := t.Nodes[id]
		var facts map[string]probes.FactSpec
		if n.Probe != nil {
			var ok bool
			if facts, ok = l.probeFacts(n.Probe.Name); !ok {
				l.e.add(n.Probe.Pos, "node %q names unknown probe %q%s; known probes: %s", id, n.Probe.Name, didYouMean(n.Probe.Name, l.probeNames()), strings.Join(l.probeNames(), ", "))
			}
		}
		for i := range n.Choices {
			c := &n.Choices[i]
			if c.Next != "" {
				if _, ok := t.Nodes[c.Next]; !ok {
					l.e.add(c.nextPos, "choice %q of node %q leads to %q, which does not exist%s", c.Label, id, c.Next, didYouMean(c.Next, ids))
				}
			}
			for _, cond := range c.When {
				spec, ok := facts[cond.Fact]
				if !ok {
					spec, ok = l.anyFact(cond.Fact)
				}
				if !ok {
					l.e.add(cond.factPos, "%s", l.unknownFact(n, cond.Fact, facts))
					continue
				}
				cond.check(spec, &l.e)
			}
			l.checkSets(n, c)
		}
	}
	linksBroken := len(l.e.list) > 0
	if malformed {
		return // a half-read node would make reachability report ghosts
	}

	if _, ok := t.Nodes[t.Start]; ok {
		reached := reachable(t, t.Start)
		for _, id := range ids {
			if !reached[id] {
				l.e.add(t.Nodes[id].Pos, "node %q cannot be reached from start %q: link it from a choice or remove it", id, t.Start)
			}
		}
		t.computeDistances()
		for _, id := range ids {
			// With a broken link the node may only look like a dead end.
			if reached[id] && !linksBroken && t.StepsToOutcome(id) < 0 {
				l.e.add(t.Nodes[id].Pos, "no outcome can be reached from node %q: every path from it loops back", id)
			}
		}
	}

	seenScenario := map[string]bool{}
	for _, s := range t.Scenarios {
		if seenScenario[s.ID] {
			l.e.add(s.Pos, "duplicate scenario id %q", s.ID)
		}
		seenScenario[s.ID] = true
		l.scenarioPath(t, s)
		l.checkReplies(t, s)
	}
}

// unknownFact says that a when: tests a fact nothing declares. Facts live
// in one pool for the session, so any check's fact may be tested anywhere;
// the node's own check comes first in the hint.
func (l *loader) unknownFact(n *Node, fact string, facts map[string]probes.FactSpec) string {
	if n.Probe != nil && len(facts) > 0 {
		names := make([]string, 0, len(facts))
		for name := range facts {
			names = append(names, name)
		}
		if hint := didYouMean(fact, names); hint != "" {
			return fmt.Sprintf("fact %q is not set by probe %s at node %q%s", fact, n.Probe.Name, n.ID, hint)
		}
	}
	return fmt.Sprintf("node %q tests fact %q, which no check declares%s", n.ID, fact, didYouMean(fact, l.factNames()))
}

// checkSets checks a choice's sets: against the declared facts and fills
// Choice.Sets with values normalised like a probe's.
func (l *loader) checkSets(n *Node, c *Choice) {
	for _, st := range c.sets {
		if isDerived(st.fact) {
			l.e.add(st.factPos, "choice %q of node %q sets fact %q, which deskside works out from other facts: an answer cannot set it", c.Label, n.ID, st.fact)
			continue
		}
		spec, ok := l.anyFact(st.fact)
		if !ok {
			l.e.add(st.factPos, "choice %q of node %q sets fact %q, which no check declares%s", c.Label, n.ID, st.fact, didYouMean(st.fact, l.factNames()))
			continue
		}
		v, ok := settable(spec.Type, st.value)
		if !ok {
			what := Format(st.value)
			if _, list := st.value.([]string); list {
				what = "a list"
			}
			l.e.add(st.vaPos, "fact %q is %s, so an answer cannot set it to %s", st.fact, typeWord(spec.Type), what)
			continue
		}
		if c.Sets == nil {
			c.Sets = map[string]any{}
		}
		c.Sets[st.fact] = v
	}
}

// settable converts a sets: value to the fact's type: a list fact takes
// one text or a list of texts; the others take one value of their type.
func settable(t probes.FactType, v any) (any, bool) {
	if list, ok := v.([]string); ok {
		return list, t == probes.FactStrings
	}
	if t == probes.FactStrings {
		s, ok := v.(string)
		return []string{s}, ok
	}
	return v, fits(t, v)
}

// checkReplies checks a scenario's replies: each names a node on the
// scenario's path and the label of the answer that path takes there.
func (l *loader) checkReplies(t *Tree, s Scenario) {
	ids := make([]string, 0, len(s.Replies))
	for id := range s.Replies {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		label, at := s.Replies[id], s.replyPos[id]
		n, ok := t.Nodes[id]
		if !ok {
			l.e.add(at[0], "scenario %q has a reply at node %q, which does not exist%s", s.ID, id, didYouMean(id, t.Order))
			continue
		}
		idx := -1
		labels := make([]string, len(n.Choices))
		for i, c := range n.Choices {
			labels[i] = c.Label
			if c.Label == label && idx < 0 {
				idx = i
			}
		}
		if idx < 0 {
			l.e.add(at[1], "scenario %q replies %q at node %q, which has no such answer%s", s.ID, label, id, didYouMean(label, labels))
			continue
		}
		step := slices.Index(s.Expect, id)
		if step < 0 {
			l.e.add(at[0], "scenario %q has a reply at node %q, which its expect path does not visit", s.ID, id)
			continue
		}
		if step+1 < len(s.Expect) && n.Choices[idx].Next != s.Expect[step+1] {
			l.e.add(at[1], "scenario %q replies %q at node %q, which leads to %q, but its expect path goes on to %q", s.ID, label, id, n.Choices[idx].Next, s.Expect[step+1])
		}
	}
}

func reachable(t *Tree, from string) map[string]bool {
	seen := map[string]bool{}
	stack := []string{from}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		if n, ok := t.Nodes[id]; ok {
			for _, c := range n.Choices {
				stack = append(stack, c.Next)
			}
		}
	}
	return seen
}

// scenarioPath checks that a scenario's expected path is one the tree
// allows: it starts at start, follows choices, and ends at an outcome.
func (l *loader) scenarioPath(t *Tree, s Scenario) {
	for i, id := range s.Expect {
		if _, ok := t.Nodes[id]; !ok {
			l.e.add(s.ExpectPos[i], "scenario %q expects node %q, which does not exist%s", s.ID, id, didYouMean(id, t.Order))
			return
		}
	}
	if s.Expect[0] != t.Start {
		l.e.add(s.ExpectPos[0], "scenario %q begins at %q, but walks begin at start %q", s.ID, s.Expect[0], t.Start)
		return
	}
	for i := 1; i < len(s.Expect); i++ {
		from, to := t.Nodes[s.Expect[i-1]], s.Expect[i]
		if from.Terminal() {
			l.e.add(s.ExpectPos[i], "scenario %q goes on after outcome %q: an outcome ends the walk", s.ID, from.ID)
			return
		}
		if choiceTo(from, to) < 0 {
			l.e.add(s.ExpectPos[i], "scenario %q expects %q after %q, but no choice of %q leads there", s.ID, to, from.ID, from.ID)
			return
		}
	}
	last := t.Nodes[s.Expect[len(s.Expect)-1]]
	if !last.Terminal() {
		l.e.add(s.ExpectPos[len(s.Expect)-1], "scenario %q ends at %q, which is not an outcome: list the path to its outcome", s.ID, last.ID)
	}
}

// choiceTo returns the index of the first choice of n that leads to next, or -1.
func choiceTo(n *Node, next string) int {
	for i, c := range n.Choices {
		if c.Next == next {
			return i
		}
	}
	return -1
}
