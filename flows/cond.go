package flows

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"deskside/probes"
)

// Op is the test a `when:` condition applies to a fact.
type Op string

// The operators a condition may use. They are data, not code: a tree file
// cannot run anything.
const (
	OpIs     Op = "is"
	OpIn     Op = "in"
	OpExists Op = "exists"
	OpLt     Op = "lt"
	OpGt     Op = "gt"
)

// When is a choice's `when:`: the facts that suggest the answer. It holds
// when every condition of one of its groups holds. The plain form (one
// condition, or a list meaning "all of") is a single group; the any form,
// `when: { any: [ ... ] }`, lists alternatives, each a condition or a list
// of conditions, for an answer that two different pieces of evidence
// point to. Alternatives nest one level only, so a rule stays readable
// aloud.
type When struct {
	Groups [][]Condition
}

// All is the plain form of when: every condition must hold.
func All(conds ...Condition) When {
	if len(conds) == 0 {
		return When{}
	}
	return When{Groups: [][]Condition{conds}}
}

// IsZero reports a choice without a when:, which no fact suggests.
func (w When) IsZero() bool { return len(w.Groups) == 0 }

// Holds reports whether the facts satisfy one of the groups.
func (w When) Holds(f Facts) bool {
	_, ok := w.Match(f)
	return ok
}

// Match returns the first group whose conditions all hold, so that a
// suggestion names the facts that decided it and not those of an
// alternative that did not. An empty group holds nothing.
func (w When) Match(f Facts) ([]Condition, bool) {
	for _, g := range w.Groups {
		if len(g) > 0 && !slices.ContainsFunc(g, func(c Condition) bool { return !c.Holds(f) }) {
			return g, true
		}
	}
	return nil, false
}

// Conditions yields every condition of every group in file order, for
// checks that look at each fact a when: tests.
func (w When) Conditions() iter.Seq[Condition] {
	return func(yield func(Condition) bool) {
		for _, g := range w.Groups {
			for _, c := range g {
				if !yield(c) {
					return
				}
			}
		}
	}
}

// String renders the rule as a reader would say it: the conditions of a
// group joined by "and", the alternatives by "or", with a comma before
// "or" once a group has several conditions so the grouping is heard.
func (w When) String() string {
	groups := make([]string, len(w.Groups))
	sep := " or "
	for i, g := range w.Groups {
		parts := make([]string, len(g))
		for j, c := range g {
			parts[j] = c.String()
		}
		groups[i] = strings.Join(parts, " and ")
		if len(g) > 1 {
			sep = ", or "
		}
	}
	return strings.Join(groups, sep)
}

// Condition is one test of a fact, such as `{ fact: http.status, is: 401 }`.
type Condition struct {
	Fact   string
	Op     Op
	Values []any // one value, or several for `in`
	Pos    Pos

	factPos Pos
	opPos   Pos
}

// String renders the condition as a reader would say it, for the "why"
// panel and for pictures of the tree.
func (c Condition) String() string {
	switch c.Op {
	case OpIn:
		parts := make([]string, len(c.Values))
		for i, v := range c.Values {
			parts[i] = fmt.Sprint(v)
		}
		return fmt.Sprintf("%s in [%s]", c.Fact, strings.Join(parts, ", "))
	case OpExists:
		if b, _ := c.Values[0].(bool); !b {
			return c.Fact + " is not set"
		}
		return c.Fact + " is set"
	case OpLt:
		return fmt.Sprintf("%s < %v", c.Fact, c.Values[0])
	case OpGt:
		return fmt.Sprintf("%s > %v", c.Fact, c.Values[0])
	}
	return fmt.Sprintf("%s is %v", c.Fact, c.Values[0])
}

// Holds reports whether the facts satisfy the condition. A fact that is not
// set satisfies nothing but `exists: false`.
func (c Condition) Holds(f Facts) bool {
	v, set := f[c.Fact]
	if c.Op == OpExists {
		want, _ := c.Values[0].(bool)
		return set == want
	}
	if !set {
		return false
	}
	switch c.Op {
	case OpIs:
		return matches(v, c.Values[0])
	case OpIn:
		for _, want := range c.Values {
			if matches(v, want) {
				return true
			}
		}
		return false
	case OpLt, OpGt:
		n, ok := v.(int)
		limit, ok2 := c.Values[0].(int)
		if !ok || !ok2 {
			return false
		}
		if c.Op == OpLt {
			return n < limit
		}
		return n > limit
	}
	return false
}

// matches compares a fact value with a value from the tree file. For a
// list fact, `is` means "contains".
func matches(have, want any) bool {
	switch h := have.(type) {
	case []string:
		s, ok := want.(string)
		return ok && slices.ContainsFunc(h, func(x string) bool { return strings.EqualFold(x, s) })
	case string:
		s, ok := want.(string)
		return ok && strings.EqualFold(h, s)
	}
	return have == want
}

// check reports a condition whose value cannot match the fact's type.
func (c Condition) check(spec probes.FactSpec, e *errs) {
	if c.Op == OpExists {
		if _, ok := c.Values[0].(bool); !ok {
			e.add(c.opPos, "exists takes true or false, not %v", c.Values[0])
		}
		return
	}
	if (c.Op == OpLt || c.Op == OpGt) && spec.Type != probes.FactInt {
		e.add(c.opPos, "%s compares numbers, but fact %q is %s", c.Op, c.Fact, spec.Type)
		return
	}
	for _, v := range c.Values {
		if !fits(spec.Type, v) {
			e.add(c.opPos, "fact %q is %s, so %v can never match it", c.Fact, typeWord(spec.Type), v)
		}
	}
}

// fits reports whether a single value from the tree file can be compared
// with a fact of type t; a list fact is compared one text at a time.
func fits(t probes.FactType, v any) bool {
	var ok bool
	switch t {
	case probes.FactBool:
		_, ok = v.(bool)
	case probes.FactInt:
		_, ok = v.(int)
	case probes.FactString, probes.FactStrings:
		_, ok = v.(string)
	}
	return ok
}

func typeWord(t probes.FactType) string {
	switch t {
	case probes.FactBool:
		return "true or false"
	case probes.FactInt:
		return "a number"
	case probes.FactStrings:
		return "a list of text"
	}
	return "text"
}
