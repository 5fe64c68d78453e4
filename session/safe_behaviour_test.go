package session

import (
	"fmt"
	"testing"
)

// TestUnsafeRuneEdges: each range of runes that act on a terminal or on
// the order text is shown in is escaped to its last rune, and the runes
// just outside it (a no-break space, an Arabic semicolon, a hyphen, a
// narrow no-break space) are shown as they are, by SafeLine and by
// SafeJSON alike. A safe rune after an escaped one is copied whole.
func TestUnsafeRuneEdges(t *testing.T) {
	unsafe := []rune{0x80, 0x9b, 0x9f, 0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069}
	safe := []rune{0xa0, 0xe9, 0x061b, 0x061d, 0x200d, 0x2010, 0x2027, 0x202f, 0x2065, 0x206a}
	check := func(r rune, want string) {
		t.Helper()
		if got := SafeLine("a" + string(r) + "b"); got != "a"+want+"b" {
			t.Errorf("SafeLine(U+%04X) = %q, want %q", r, got, "a"+want+"b")
		}
		in := `{"note":"` + string(r) + `é"}`
		if got, want := string(SafeJSON([]byte(in))), `{"note":"`+want+`é"}`; got != want {
			t.Errorf("SafeJSON(U+%04X) = %q, want %q", r, got, want)
		}
	}
	for _, r := range unsafe {
		check(r, fmt.Sprintf(`\u%04x`, r))
	}
	for _, r := range safe {
		check(r, string(r))
	}
}
