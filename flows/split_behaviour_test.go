package flows

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestFindNodes pins where the nodes section and each node id are found,
// and when the cutter declines so that the whole file is parsed instead.
func TestFindNodes(t *testing.T) {
	cases := map[string]struct {
		text  string
		ok    bool
		lines []int // the node-id lines
		rest  string
	}{
		"ids, blank lines and a comment": {
			text: "\nversion: 1\nnodes:\n\n  a:\n    kind: outcome\n  # a comment\n  b: # note\n    kind: outcome\nscenarios: []\n",
			ok:   true, lines: []int{5, 8}, rest: "scenarios: []\n"},
		"the section ends the file": {
			text: "nodes:\n  a:\n    kind: outcome\n  b:\n    kind: outcome",
			ok:   true, lines: []int{2, 4}, rest: ""},
		"no ids before the next key": {
			text: "nodes:\n\nscenarios: []\n", ok: false},
		"no ids before the end": {
			text: "nodes:\n# nothing\n", ok: false},
		"no nodes section": {
			text: "version: 1\n", ok: false},
		"an id with a value": {
			text: "nodes:\n  a: {kind: outcome}\n", ok: false},
		"an id line with a space": {
			text: "nodes:\n  a b:\n    kind: outcome\n", ok: false},
		"a line less indented than the ids": {
			text: "nodes:\n    a:\n      kind: outcome\n  b:\n", ok: false},
	}
	for name, tc := range cases {
		data := []byte(tc.text)
		s, ok := findNodes(data)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", name, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if !slices.Equal(s.keyLines, tc.lines) {
			t.Errorf("%s: id lines %v, want %v", name, s.keyLines, tc.lines)
		}
		if got := string(data[s.end:]); got != tc.rest {
			t.Errorf("%s: after the section %q, want %q", name, got, tc.rest)
		}
		for i, off := range s.keys {
			if line := strings.Count(tc.text[:off], "\n") + 1; line != s.keyLines[i] {
				t.Errorf("%s: id %d at byte %d is on line %d, not %d", name, i, off, line, s.keyLines[i])
			}
		}
	}
}

// TestPlainKeyLine pins which lines the cutter takes for a node id.
func TestPlainKeyLine(t *testing.T) {
	cases := map[string]bool{
		"a:":               true,
		"a:\n":             true,
		"step-2.b_C9:":     true,
		"a: # why":         true,
		"a:  #why":         true,
		":":                false,
		"a":                false,
		"a: b":             false,
		"a#b:":             false,
		"a b:":             false,
		"é:":               false,
		"a/b:":             false,
		"Z:":               true,
		"0:":               true,
		"#: x":             false,
		"a:#not a comment": false,
	}
	for line, want := range cases {
		if got := plainKeyLine([]byte(line)); got != want {
			t.Errorf("plainKeyLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestSplitThresholds checks when a file is worth splitting: a nodes
// section of splitMin bytes or more with at least two ids per worker.
func TestSplitThresholds(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	node := func(id string, pad int) string {
		return "  " + id + ":\n    kind: outcome\n    summary: " + strings.Repeat("x", pad) + "\n"
	}
	// build returns a file whose nodes section holds ids nodes and is
	// exactly size bytes long.
	build := func(ids, size int) []byte {
		var b strings.Builder
		for i := range ids - 1 {
			b.WriteString(node("n"+strings.Repeat("i", i+1), 10))
		}
		last := node("last", 0)
		b.WriteString(node("last", size-b.Len()-len(last)))
		return []byte("version: 1\nnodes:\n" + b.String() + "scenarios: []\n")
	}
	cases := map[string]struct {
		ids, size int
		split     bool
	}{
		"at both thresholds":    {4, splitMin, true},
		"a byte short":          {4, splitMin - 1, false},
		"one id short":          {3, splitMin, false},
		"a small section":       {4, 1000, false},
		"many ids, big section": {40, splitMin + 5000, true},
	}
	for name, tc := range cases {
		data := build(tc.ids, tc.size)
		if s, _ := findNodes(data); s.end-s.start != tc.size || len(s.keys) != tc.ids {
			t.Fatalf("%s: built a section of %d bytes and %d ids", name, s.end-s.start, len(s.keys))
		}
		if _, ok := parseSplit(data); ok != tc.split {
			t.Errorf("%s: split = %v, want %v", name, ok, tc.split)
		}
	}
	// A large file whose nodes section is small is parsed whole.
	big := []byte("title: " + strings.Repeat("t", splitMin) + "\nnodes:\n" + node("a", 1) + node("b", 1) + node("c", 1) + node("d", 1))
	if _, ok := parseSplit(big); ok {
		t.Error("split a file whose nodes section is small")
	}
}

// TestChunkBounds: the ids are shared among the cores in runs of nearly
// equal length, in order, none empty, never more runs than cores.
func TestChunkBounds(t *testing.T) {
	cases := []struct {
		n, workers int
		want       [][2]int
	}{
		{4, 2, [][2]int{{0, 2}, {2, 4}}},
		{5, 2, [][2]int{{0, 3}, {3, 5}}},
		{12, 3, [][2]int{{0, 4}, {4, 8}, {8, 12}}},
		{13, 4, [][2]int{{0, 4}, {4, 8}, {8, 12}, {12, 13}}},
		{3, 4, [][2]int{{0, 1}, {1, 2}, {2, 3}}},
		{1, 1, [][2]int{{0, 1}}},
	}
	for _, tc := range cases {
		if got := chunkBounds(tc.n, tc.workers); !slices.Equal(got, tc.want) {
			t.Errorf("chunkBounds(%d, %d) = %v, want %v", tc.n, tc.workers, got, tc.want)
		}
	}
}
