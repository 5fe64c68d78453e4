package flows

import (
	"fmt"
	"strings"
	"testing"
)

// TestBodyLengthWarning checks the body limit: a body of BodyLines lines
// is fine, one line more is warned about.
func TestBodyLengthWarning(t *testing.T) {
	body := func(n int) string {
		var b strings.Builder
		b.WriteString("    body: |\n")
		for i := range n {
			fmt.Fprintf(&b, "      Line %d.\n", i+1)
		}
		return b.String()
	}
	for n, warned := range map[int]bool{BodyLines: false, BodyLines + 1: true} {
		tree, err := parseText(t, treeText(body(n), twoChoices, ""))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(tree.Warnings.Error(), fmt.Sprintf("the body of \"ask\" is %d lines", n))
		if got != warned {
			t.Errorf("%d lines: warned %v, want %v (warnings: %v)", n, got, warned, tree.Warnings)
		}
	}
}

// budgetTree is a start node with fan children, each leading to leaves
// outcomes, the last child to one fewer: 1 + fan + fan*leaves - 1 visits
// for a walk that finds no path.
func budgetTree(fan, leaves int) *Tree {
	t := &Tree{Start: "root", Nodes: map[string]*Node{}}
	root := &Node{ID: "root", Kind: KindQuestion}
	t.Nodes["root"] = root
	for j := range leaves {
		id := fmt.Sprintf("l%d", j)
		t.Nodes[id] = &Node{ID: id, Kind: KindOutcome}
	}
	for i := range fan {
		id := fmt.Sprintf("c%d", i)
		n := &Node{ID: id, Kind: KindQuestion}
		k := leaves
		if i == fan-1 {
			k--
		}
		for j := range k {
			n.Choices = append(n.Choices, Choice{Next: fmt.Sprintf("l%d", j)})
		}
		t.Nodes[id] = n
		root.Choices = append(root.Choices, Choice{Next: id})
	}
	return t
}

// TestPathsBudget checks that --explain's search stops, and says there
// may be more, after 200,000 node visits and not before.
func TestPathsBudget(t *testing.T) {
	// 1 + 2000 + 2000*99 - 1 = 200,000 visits: exactly the budget.
	if paths, more := Paths(budgetTree(2000, 99), "nowhere", 10); more || len(paths) != 0 {
		t.Errorf("at the budget: %d paths, more = %v; want none and false", len(paths), more)
	}
	// 2,000 visits more.
	if _, more := Paths(budgetTree(2000, 100), "nowhere", 10); !more {
		t.Error("over the budget: more = false, want true")
	}
}
