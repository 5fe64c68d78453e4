package flows

import (
	"slices"
	"strings"
	"testing"
)

// TestErrorOrder checks the order an author reads a tree's problems in:
// by line, then column; a knock-on error right after its cause, after
// the cause's own errors at the same place, even one placed before it;
// and, after one cause, in their own order (as found, at one place).
func TestErrorOrder(t *testing.T) {
	cause := Pos{5, 3}
	l := ErrorList{
		{Line: 9, Col: 2, Msg: "knock-on at 9:2", cause: cause, knockOn: true},
		{Line: 3, Col: 4, Msg: "knock-on at 3:4", cause: cause, knockOn: true},
		{Line: 8, Col: 1, Msg: "knock-on at 8:1", cause: cause, knockOn: true},
		{Line: 7, Col: 5, Msg: "knock-on at 7:5", cause: cause, knockOn: true},
		{Line: 7, Col: 4, Msg: "7:4"},
		{Line: 7, Col: 1, Msg: "7:1"},
		{Line: 9, Col: 1, Msg: "knock-on at 9:1", cause: cause, knockOn: true},
		{Line: 9, Col: 1, Msg: "knock-on at 9:1, second", cause: cause, knockOn: true},
		{Line: 5, Col: 3, Msg: "5:3, the cause"},
		{Line: 5, Col: 9, Msg: "5:9"},
		{Line: 5, Col: 1, Msg: "5:1"},
		{Line: 2, Col: 8, Msg: "2:8"},
	}
	l.sort()
	var got []string
	for _, e := range l {
		got = append(got, e.Msg)
	}
	want := []string{"2:8", "5:1", "5:3, the cause",
		"knock-on at 3:4", "knock-on at 7:5", "knock-on at 8:1", "knock-on at 9:1", "knock-on at 9:1, second", "knock-on at 9:2",
		"5:9", "7:1", "7:4"}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestClosest pins the "did you mean" hint: the nearest candidate, the
// first of equally near ones, and none when even the nearest is too far
// to be a typo (half the word's length plus two edits, or more).
func TestClosest(t *testing.T) {
	cases := map[string]struct {
		s          string
		candidates []string
		want       string
	}{
		"nearest wins":              {"triag", []string{"outcome", "triage", "tria"}, "triage"},
		"first of two equally near": {"abcd", []string{"abcx", "abcy"}, "abcx"},
		"one edit under the limit":  {"abcd", []string{"wxyd"}, "wxyd"},
		"exactly at the limit":      {"abcd", []string{"wxyz"}, ""},
		"nothing to choose from":    {"abcd", nil, ""},
	}
	for name, tc := range cases {
		if got := closest(tc.s, tc.candidates); got != tc.want {
			t.Errorf("%s: closest(%q) = %q, want %q", name, tc.s, got, tc.want)
		}
	}
}

// TestEditDistanceLongNames checks the shortcut for names over 64
// characters (equal or not, nothing finer) and that 64 is still measured.
func TestEditDistanceLongNames(t *testing.T) {
	a64 := strings.Repeat("a", 64)
	a65 := strings.Repeat("a", 65)
	cases := []struct {
		a, b string
		want int
	}{
		{a64, a64[:63] + "b", 1},
		{a64[:63] + "b", a64, 1},
		{a65, a65, 0},
		{a65, a65[:64] + "b", 64},
		{"a", a65, 64},
		{a65, "a", 64},
		{"kitten", "sitting", 3},
	}
	for _, tc := range cases {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%d runes, %d runes) = %d, want %d", len(tc.a), len(tc.b), got, tc.want)
		}
	}
}
