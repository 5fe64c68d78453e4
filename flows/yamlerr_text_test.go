package flows

import "testing"

// TestBadText places the first byte that is not UTF-8, or the first
// control character, at its line and column; a real U+FFFD, a tab, a
// carriage return and a next-line character are text.
func TestBadText(t *testing.T) {
	cases := map[string]struct {
		data string
		want string // the error, or "" for none
	}{
		"clean":                    {"title: a\nstart: b\n", ""},
		"a byte that is not UTF-8": {"title: a\nst\xffart: b\n", "t.yaml:2:3: the file is not UTF-8 text here (byte 0xFF): save it as UTF-8"},
		"a cut-off sequence":       {"title: \xe2\x80", "t.yaml:1:8: the file is not UTF-8 text here (byte 0xE2): save it as UTF-8"},
		"a real U+FFFD":            {"title: \uFFFD ok\n", ""},
		"tab, CR and NEL":          {"title:\ta\r\nnote: b\u0085c\n", ""},
		"an escape":                {"title: a\n  \x1b[2J\n", "t.yaml:2:3: the file holds ESC (U+001B), a control character: a tree file is plain text; remove it"},
	}
	for name, tc := range cases {
		l := &loader{e: errs{file: "t.yaml"}}
		found := l.badText([]byte(tc.data))
		var got string
		if len(l.e.list) > 0 {
			got = l.e.list[0].Error()
		}
		if got != tc.want || found != (tc.want != "") {
			t.Errorf("%s: found %v, %q; want %q", name, found, got, tc.want)
		}
	}
}
