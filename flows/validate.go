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

	// broken maps a node id to the unknown next that was probably meant as
	// it, so "cannot be reached" is listed as a knock-on of the typo.
	broken := map[string]Pos{}
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
					if meant := closest(c.Next, ids); meant != "" {
						if _, seen := broken[meant]; !seen {
							broken[meant] = c.nextPos
						}
					}
				}
			}
			for cond := range c.When.Conditions() {
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

	if _, ok := t.Nodes[t.Start]; ok {
		roots := []string{t.Start}
		for _, f := range t.Flows {
			if _, ok := t.Nodes[f.Start]; ok {
				roots = append(roots, f.Start)
			}
		}
		reached := reachable(t, roots...)
		from := fmt.Sprintf("start %q", t.Start)
		if len(t.Flows) > 0 {
			from += " or any flow's start"
		}
		for _, id := range ids {
			if reached[id] {
				continue
			}
			if cause, ok := broken[id]; ok {
				l.e.addAfter(cause, t.Nodes[id].Pos, "node %q cannot be reached from %s: link it from a choice or remove it", id, from)
			} else {
				l.e.add(t.Nodes[id].Pos, "node %q cannot be reached from %s: link it from a choice or remove it", id, from)
			}
		}
		loops := l.cycles(t, roots)
		t.computeDistances()
		// A half-read node, or a broken link, would make a node look like a
		// dead end when it is not.
		if !malformed && !linksBroken {
			for _, id := range ids {
				if !reached[id] || t.StepsToOutcome(id) >= 0 {
					continue
				}
				msg := fmt.Sprintf("no outcome can be reached from node %q: every path from it loops back", id)
				if cause, ok := firstLoop(t, id, loops); ok {
					l.e.addAfter(cause, t.Nodes[id].Pos, "%s", msg)
				} else {
					l.e.add(t.Nodes[id].Pos, "%s", msg)
				}
			}
		}
	}

	seenScenario := map[string]bool{}
	for i := range t.Scenarios {
		s := &t.Scenarios[i]
		if seenScenario[s.ID] {
			l.e.add(s.Pos, "duplicate scenario id %q", s.ID)
		}
		seenScenario[s.ID] = true
		l.scenarioPath(t, *s)
		l.checkReplies(t, s)
	}
	t.computeTypical()
}

// unknownFact says that a when: tests a fact nothing declares. Facts live
// in one pool for the session, so any check's fact may be tested anywhere;
// the node's own check comes first in the hint.
func (l *loader) unknownFact(n *Node, fact string, facts map[string]probes.FactSpec) string {
	if n.Probe != nil {
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
// scenario's path, and the answer its words mean there leads on along the
// path. It fills ReplyAnswers. Words that are an answer's label are taken
// as that answer, with a warning: a trainee is shown them as what the
// user said.
func (l *loader) checkReplies(t *Tree, s *Scenario) {
	ids := make([]string, 0, len(s.Replies))
	for id := range s.Replies {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if s.ReplyAnswers == nil {
		s.ReplyAnswers = map[string]string{}
	}
	for _, id := range ids {
		words, at := s.Replies[id], s.replyPos[id]
		n, ok := t.Nodes[id]
		if !ok {
			l.e.add(at[0], "scenario %q has a reply at node %q, which does not exist%s", s.ID, id, didYouMean(id, t.Order))
			continue
		}
		labels := make([]string, len(n.Choices))
		for i, c := range n.Choices {
			labels[i] = c.Label
		}
		label, named := s.ReplyAnswers[id]
		if !named && slices.Contains(labels, words) {
			label, named = words, true
			l.w.warn(at[1], "scenario %q replies %q at node %q, which is an answer's label, not what a user says: write the user's words (and name the answer with { says: …, answer: … } where two answers lead on)", s.ID, words, id)
		}
		step := slices.Index(s.Expect, id)
		if named {
			idx := slices.Index(labels, label)
			if idx < 0 {
				l.e.add(at[1], "scenario %q replies %q at node %q, which has no such answer%s", s.ID, label, id, didYouMean(label, labels))
				continue
			}
			if step < 0 {
				l.e.add(at[0], "scenario %q has a reply at node %q, which its expect path does not visit", s.ID, id)
				continue
			}
			if step+1 < len(s.Expect) && n.Choices[idx].Next != s.Expect[step+1] {
				l.e.add(at[1], "scenario %q replies %q at node %q, which leads to %q, but its expect path goes on to %q", s.ID, label, id, n.Choices[idx].Next, s.Expect[step+1])
				continue
			}
			s.ReplyAnswers[id] = label
			continue
		}
		if step < 0 {
			l.e.add(at[0], "scenario %q has a reply at node %q, which its expect path does not visit", s.ID, id)
			continue
		}
		if step+1 == len(s.Expect) {
			l.e.add(at[0], "scenario %q has a reply at node %q, where its path ends: a reply belongs to a step the user answers", s.ID, id)
			continue
		}
		var leading []string
		for _, c := range n.Choices {
			if c.Next == s.Expect[step+1] {
				leading = append(leading, c.Label)
			}
		}
		switch len(leading) {
		case 0: // scenarioPath reports the step no choice leads to
		case 1:
			s.ReplyAnswers[id] = leading[0]
		default:
			l.e.add(at[1], "scenario %q replies at node %q, where %d answers lead to %q: name the one the user's words mean with { says: …, answer: … }", s.ID, id, len(leading), s.Expect[step+1])
		}
	}
}

// cycles reports every choice that leads back to a node on the path that
// reached it: a call moves forward, and `b` is how an operator undoes. It
// returns, by node, where its looping choice's next is, the cause of the
// knock-on "no outcome" errors. Outcomes' choices (an error of their own)
// are not followed.
func (l *loader) cycles(t *Tree, roots []string) map[string]Pos {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[string]int, len(t.Nodes))
	loops := map[string]Pos{}
	type frame struct {
		id string
		i  int
	}
	for _, r := range append(slices.Clone(roots), t.Order...) {
		if state[r] != unseen {
			continue
		}
		state[r] = onPath
		stack := []frame{{r, 0}}
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			n := t.Nodes[top.id]
			if n.Terminal() || top.i >= len(n.Choices) {
				state[top.id] = done
				stack = stack[:len(stack)-1]
				continue
			}
			c := n.Choices[top.i]
			top.i++
			if _, ok := t.Nodes[c.Next]; !ok {
				continue
			}
			switch state[c.Next] {
			case onPath:
				l.e.add(c.nextPos, "choice %q of node %q loops back to %q: a call moves forward and the operator goes back with b; lead it to a later step", c.Label, n.ID, c.Next)
				if _, ok := loops[n.ID]; !ok {
					loops[n.ID] = c.nextPos
				}
			case unseen:
				state[c.Next] = onPath
				stack = append(stack, frame{c.Next, 0})
			}
		}
	}
	return loops
}

// firstLoop returns the looping choice, first in the file, that a walk
// from id can reach.
func firstLoop(t *Tree, id string, loops map[string]Pos) (Pos, bool) {
	var reached []Pos
	for n := range reachable(t, id) {
		if p, ok := loops[n]; ok {
			reached = append(reached, p)
		}
	}
	if len(reached) == 0 {
		return Pos{}, false
	}
	return slices.MinFunc(reached, Pos.compare), true
}

// reachable returns the nodes a walk from any of the roots can reach.
func reachable(t *Tree, roots ...string) map[string]bool {
	seen := map[string]bool{}
	stack := slices.Clone(roots)
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
	if s.Expect[0] != t.Start && !slices.ContainsFunc(t.Flows, func(f Flow) bool { return f.Start == s.Expect[0] }) {
		l.e.add(s.ExpectPos[0], "scenario %q begins at %q, but walks begin at start %q or a flow's start", s.ID, s.Expect[0], t.Start)
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
