package flows

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem found in a tree file, placed so an editor can jump
// to it: `file:line:col: message`.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	// Warning marks a lint finding: the tree still loads.
	Warning bool

	// cause is where the error this one follows from is; a knock-on error
	// is listed right after its cause, whatever its own position.
	cause   Pos
	knockOn bool
}

// Error formats the problem as `file:line:col: message`.
func (e Error) Error() string {
	if e.Warning {
		return fmt.Sprintf("%s:%d:%d: warning: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// ErrorList is every problem found in one tree file, sorted by position. A
// flow author fixes them all in one pass instead of one per run.
type ErrorList []Error

// Error joins the problems one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders the problems by position, except that a knock-on error
// comes right after the error it follows from: the author reads the cause
// first.
func (l ErrorList) sort() {
	anchor := func(e Error) Pos {
		if e.knockOn {
			return e.cause
		}
		return Pos{e.Line, e.Col}
	}
	// causeFirst ranks a knock-on error after the errors at its cause.
	causeFirst := func(e Error) int {
		if e.knockOn {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(l, func(x, y Error) int {
		return cmp.Or(anchor(x).compare(anchor(y)), cmp.Compare(causeFirst(x), causeFirst(y)),
			Pos{x.Line, x.Col}.compare(Pos{y.Line, y.Col}))
	})
}

// errs collects problems while a file is loaded and checked.
type errs struct {
	file string
	list ErrorList
}

func (e *errs) add(p Pos, format string, args ...any) {
	e.list = append(e.list, Error{File: e.file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
}

// addAfter adds a knock-on error: one that follows from the error at cause.
func (e *errs) addAfter(cause, p Pos, format string, args ...any) {
	e.list = append(e.list, Error{File: e.file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), cause: cause, knockOn: true})
}

func (e *errs) warn(p Pos, format string, args ...any) {
	e.list = append(e.list, Error{File: e.file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely typo.
func closest(s string, candidates []string) string {
	best, bestD := "", len(s)/2+2
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 64
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func didYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
