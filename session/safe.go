package session

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Safe makes text that did not come from deskside safe to show on a
// terminal or write to md/txt: a server response, a paste, a note or a tree
// string could otherwise set the reader's clipboard (OSC 52), clear the
// screen, plant a link or reverse the order in which text reads.
//
// Control characters other than newline and tab become a visible escape in
// Go's notation: C0 controls, DEL and bytes that are not UTF-8 as \xNN
// (ESC is \x1b), C1 controls, bidirectional controls and the Unicode line
// and paragraph separators as \uNNNN (\u202e). A Windows line end (CR LF)
// becomes a plain newline. A backslash already in the text is left as it is:
// the result is for reading, not for decoding back.
func Safe(s string) string { return visible(s, false) }

// SafeLine is Safe for single-line fields (ticket, operator, titles in
// tables): newlines and tabs become \x0a and \x09 too, so a field cannot
// start a line of its own, such as a forged "Outcome:" line.
func SafeLine(s string) string { return visible(s, true) }

func visible(s string, oneLine bool) string {
	i := firstUnsafe(s, oneLine)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && !oneLine && i+1 < len(s) && s[i+1] == '\n':
				// CR LF: the LF follows on the next turn.
			case c < 0x20 && (oneLine || c != '\n' && c != '\t'), c == 0x7f:
				fmt.Fprintf(&b, `\x%02x`, c)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, c)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstUnsafe returns the index of the first byte Safe would change, or -1.
func firstUnsafe(s string, oneLine bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && (oneLine || c != '\n' && c != '\t') || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			return i
		}
		i += n
	}
	return -1
}

// unsafeRune reports the non-ASCII runes that act on a terminal or on the
// order text is shown in: C1 controls (U+009B starts a control sequence on
// many terminals), bidirectional marks, embeddings, overrides and isolates,
// and the line and paragraph separators.
func unsafeRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || // C1 controls
		r == 0x061c || r == 0x200e || r == 0x200f || // bidirectional marks
		r >= 0x202a && r <= 0x202e || // embeddings and overrides
		r >= 0x2066 && r <= 0x2069 || // isolates
		r == 0x2028 || r == 0x2029 // line and paragraph separators
}

// SafeJSON replaces, in a JSON text, the runes encoding/json leaves
// raw although a terminal acts on them (DEL, C1 and bidirectional
// controls) by \u escapes: every JSON deskside prints or writes goes
// through it, since JSON is often read with cat or less. JSON's structure is ASCII, so these runes only
// occur inside strings, and the escaped text decodes to the same values.
func SafeJSON(b []byte) []byte {
	i := 0
	for i < len(b) {
		c := b[i]
		if c == 0x7f {
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if unsafeRune(r) {
			break
		}
		i += n
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		c := b[i]
		if c == 0x7f {
			out = append(out, `\u007f`...)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if unsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
