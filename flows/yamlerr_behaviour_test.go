package flows

import (
	"strings"
	"testing"
)

// TestIsControlBoundaries pins the edges of each range of characters a
// tree's text may not hold.
func TestIsControlBoundaries(t *testing.T) {
	cases := map[rune]bool{
		0x00: true, 0x1f: true, 0x20: false, 0x7e: false, 0x7f: true,
		0x80: true, 0x9f: true, 0xa0: false,
		0x2029: false, 0x202a: true, 0x202e: true, 0x202f: false,
		0x2065: false, 0x2066: true, 0x2069: true, 0x206a: false,
	}
	for r, want := range cases {
		if got := isControl(r); got != want {
			t.Errorf("isControl(U+%04X) = %v, want %v", r, got, want)
		}
	}
}

// TestCharacterYAMLRefusesButIsNotControl checks a file holding a
// character yaml.v3 refuses but that is neither a control character nor
// bad UTF-8 (U+FFFE, a noncharacter): the scan for one reads to
// the end of the file and the parser's own message is given.
func TestCharacterYAMLRefusesButIsNotControl(t *testing.T) {
	text := strings.Replace(treeText("", twoChoices, ""), "title: Is it a 401?", "title: Is it a 401?\ufffe", 1)
	got := loadErrors(t, text)
	if len(got) != 1 || !strings.HasPrefix(got[0], "t.yaml:") || !strings.Contains(got[0], "YAML syntax error: ") || !strings.Contains(got[0], "control characters are not allowed") {
		t.Errorf("messages %q", got)
	}
}

// TestMisIndentedEdges adds to TestMisIndented: a mistake on the very line
// the parser named is placed, and a plain scalar continued over two lines
// at different depths is not a mistake.
func TestMisIndentedEdges(t *testing.T) {
	cases := map[string]struct {
		src  string
		from int
		want Pos
		hint string
	}{
		"the mistake is on the named line": {src: "a:\n  kind: q\n title: t\n", from: 3,
			want: Pos{3, 2}, hint: "is `title:` indented like the keys around it?"},
		"a plain scalar over lines at two depths": {src: "a:\n  summary: one\n     two\n    three\n  title: t\n", from: 1},
	}
	for name, tc := range cases {
		p, hint, ok := misIndented([]byte(tc.src), tc.from)
		if ok != (tc.hint != "") || p != tc.want || hint != tc.hint {
			t.Errorf("%s: %v %q %v, want %v %q", name, p, hint, ok, tc.want, tc.hint)
		}
	}
}
