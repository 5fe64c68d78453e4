package flows

import "testing"

// TestVisibleAtEveryBoundary: the graph escapes each class of hidden or
// acting character and nothing next to it. Each range is checked at both
// ends and just outside, so a boundary moved by one shows.
func TestVisibleAtEveryBoundary(t *testing.T) {
	escaped := map[rune]string{
		0x00: `\x00`, 0x1f: `\x1f`, 0x7f: `\x7f`,
		0x80: `\u0080`, 0x9f: `\u009f`,
		0x061c: `\u061c`, 0x200e: `\u200e`, 0x200f: `\u200f`,
		0x202a: `\u202a`, 0x202e: `\u202e`,
		0x2066: `\u2066`, 0x2069: `\u2069`,
		0x2028: `\u2028`, 0x2029: `\u2029`,
	}
	kept := []rune{'\n', '\t', 0x20, 0x7e, 0xa0, 0x061b, 0x061d, 0x200d, 0x2010, 0x2027, 0x202f, 0x2065, 0x206a, 0xfffd}
	for r, want := range escaped {
		if got := visible("a" + string(r) + "b"); got != "a"+want+"b" {
			t.Errorf("U+%04X: visible gives %q, want a%sb", r, got, want)
		}
	}
	for _, r := range kept {
		in := "a" + string(r) + "b"
		if got := visible(in); got != in {
			t.Errorf("U+%04X is shown as it is, but visible gives %q", r, got)
		}
	}
	// A byte that is not UTF-8 is escaped as that byte; a real U+FFFD,
	// three bytes long, is text (kept above).
	if got := visible("a\xc3b"); got != `a\xc3b` {
		t.Errorf("a lone lead byte: visible gives %q", got)
	}
}

// TestIDByteAtEveryBoundary pins the characters the quick read of a
// tree accepts in a node id, at both ends of each range and just outside.
func TestIDByteAtEveryBoundary(t *testing.T) {
	for _, c := range []byte("azAZ09-_.") {
		if !idByte(c) {
			t.Errorf("%q is allowed in a node id", c)
		}
	}
	for _, c := range []byte("`{@[/: #\t,") {
		if idByte(c) {
			t.Errorf("%q is not allowed in a node id", c)
		}
	}
}

// TestRuneNameSaysWhatTheCharacterIs: the tree file error names the
// control character found, by name or by class.
func TestRuneNameSaysWhatTheCharacterIs(t *testing.T) {
	cases := map[rune]string{
		0x07:   "BEL (U+0007)",
		0x1b:   "ESC (U+001B)",
		0x7f:   "DEL (U+007F)",
		0x80:   "a C1 control (U+0080)",
		0x9f:   "a C1 control (U+009F)",
		0x202a: "a bidirectional override (U+202A)",
		0x2069: "a bidirectional override (U+2069)",
		0x01:   "U+0001",
		0x7e:   "U+007E", // not a control; named by number only
		0xa0:   "U+00A0",
		0x2029: "U+2029",
	}
	for r, want := range cases {
		if got := runeName(r); got != want {
			t.Errorf("runeName(U+%04X) = %q, want %q", r, got, want)
		}
	}
}

// TestControlInTextLeavesLinesAndTabs: a tree's text may hold newlines and
// tabs; every other control character is warned about, where it is.
func TestControlInTextLeavesLinesAndTabs(t *testing.T) {
	for _, r := range []rune{'\n', '\t', ' ', 'a', 0xa0} {
		if controlInText(r) {
			t.Errorf("U+%04X in a text is not a control to warn about", r)
		}
	}
	for _, r := range []rune{0x00, '\r', 0x1b, 0x7f, 0x85, 0x202e, 0x2066} {
		if !controlInText(r) {
			t.Errorf("U+%04X in a text must be warned about", r)
		}
	}
}
