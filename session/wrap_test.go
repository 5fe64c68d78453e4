package session

import "testing"

func TestWrap(t *testing.T) {
	cases := map[string]struct {
		text  string
		width int
		want  string
	}{
		"words fill the line":                       {"one two three four", 9, "one two\nthree\nfour\n"},
		"a long target breaks after a ':'":          {"x LegacyGeneric:target=Office:adele@contoso.example", 30, "x\nLegacyGeneric:target=Office:\nadele@contoso.example\n"},
		"no separator: cut at the width":            {"abcdefghijkl", 5, "abcde\nfghij\nkl\n"},
		"a separator early in the line is not used": {"a:bcdefghijkl", 6, "a:bcde\nfghijk\nl\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := wrap(tc.text, tc.width, "", ""); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
