package probes

import "strings"

// statusFieldPattern is a status field after its word boundary: a
// wording, then the status. Every wording starts with "status", "http "
// or "response ", and holds "status" or "http error".
// The last wording is longWording.
const statusFieldPattern = `(?:status(?:\s*code)?|statuscode|http status|http error|response status code does not indicate success)\s*[:=]?\s*"?(\d{3})\b`

// reStatusFieldAt is a status field starting exactly where the text does.
var reStatusFieldAt = lazyRegexp(`^`, statusFieldPattern)

// statusFields finds the status fields (reStatusWord) in lower-cased text,
// at most limit, as FindAllStringSubmatchIndex would. The pattern has no
// literal prefix, so on a long paste the regexp engine tries it at every
// byte, slowly. Every field holds "status" or "http error" and starts at
// that word, or 5 ("http ") or 9 ("response ") bytes before it; so the
// text is searched for those words, and a field is tried only at those
// starts, left to right as the engine would, each try reading no further
// than the field. Every byte is read a bounded number of times, however
// many words the paste holds.
func statusFields(lower string, limit int) [][]int {
	var out [][]int
	end := 0 // fields may not overlap, as in FindAll
	words := [2]string{"status", "http error"}
	next := [2]int{nextWord(lower, words[0], 0), nextWord(lower, words[1], 0)}
	for len(out) < limit {
		w := 0
		if next[1] >= 0 && (next[0] < 0 || next[1] < next[0]) {
			w = 1
		}
		c := next[w]
		if c < 0 {
			break
		}
		next[w] = nextWord(lower, words[w], c+1)
		for _, start := range []int{c - len("response "), c - len("http "), c} {
			if start < end || start < 0 || start > 0 && isWordByte(lower[start-1]) {
				continue // inside the last field, or no word boundary here
			}
			after, code, ok := wordingAt(lower, start, c, w == 1)
			if !ok || !statusAfter(lower, after, code) {
				continue
			}
			if m := fieldAt(lower, start); m != nil {
				out = append(out, m)
				end = m[1]
				break
			}
		}
	}
	return out
}

// wordingAt reads the wording that would start a field at start, for the
// word found at c ("http error" when httpError, else "status"): where it
// ends, whether "code" may follow, and whether a wording starts there.
func wordingAt(lower string, start, c int, httpError bool) (after int, code, ok bool) {
	if start == c && httpError {
		return c + len("http error"), false, true
	}
	if start == c || start == c-len("http ") && strings.HasPrefix(lower[start:], "http status") {
		return c + len("status"), true, true
	}
	if start == c-len("response ") && strings.HasPrefix(lower[start:], longWording) {
		return start + len(longWording), false, true
	}
	return 0, false, false
}

// longWording is the longest wording of a status field, .NET's.
const longWording = "response status code does not indicate success"

// statusAfter reports whether a status can follow a wording that ends at
// i: the separators the pattern allows (and "code" when code), then three
// digits that end a word. Every field passes; nearly every word that
// starts no field fails, so the regexp is asked only where a field is.
func statusAfter(lower string, i int, code bool) bool {
	i = skipSeparators(lower, i)
	if code && strings.HasPrefix(lower[i:], "code") {
		i = skipSeparators(lower, i+len("code"))
	}
	for k := range 3 {
		if i+k >= len(lower) || !isASCIIDigit(lower[i+k]) {
			return false
		}
	}
	return i+3 == len(lower) || !isWordByte(lower[i+3])
}

// skipSeparators skips what may stand between a wording and its status:
// whitespace, ':' or '=', and a quote.
func skipSeparators(lower string, i int) int {
	for i < len(lower) && strings.IndexByte("\t\n\f\r :=\"", lower[i]) >= 0 {
		i++
	}
	return i
}

// fieldWindow is how much text fieldAt reads first: the longest wording
// (46 bytes) and a status with room to spare. The regexp engine reads a
// short text by backtracking, fast; given the whole rest of a long paste
// it would not.
const fieldWindow = 256

// fieldAt is the status field starting at start, with offsets in lower,
// or nil. It reads fieldWindow bytes, and the whole rest of the text only
// when a field could go on past them: the pattern lets any whitespace
// stand between a wording and its status. It is asked only where
// statusAfter holds, so a field found in the first bytes ends where it
// would in the whole text: its digits are followed by no word byte.
func fieldAt(lower string, start int) []int {
	hi := min(len(lower), start+fieldWindow)
	m := reStatusFieldAt().FindStringSubmatchIndex(lower[start:hi])
	if m == nil && hi < len(lower) && strings.Trim(lower[start+46:hi-4], "\t\n\f\r :=\"") == "" {
		m = reStatusFieldAt().FindStringSubmatchIndex(lower[start:])
	}
	for k := range m {
		if m[k] >= 0 {
			m[k] += start
		}
	}
	return m
}

// nextWord is the offset of the first word at or after from, or -1.
func nextWord(lower, word string, from int) int {
	i := strings.Index(lower[from:], word)
	if i < 0 {
		return -1
	}
	return from + i
}

func isWordByte(c byte) bool {
	return c == '_' || isASCIIDigit(c) || isASCIILetter(c)
}
