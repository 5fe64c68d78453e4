package session

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// proseWords name a password in a sentence: "the password is Summer#2026",
// "passwort: Geheim#12". The fields detector reads a name followed by ':'
// or '='; these also read "is", "was", "to", "as".
var proseWords = []string{"password", "passwort", "passwd", "passphrase", "passcode", "kennwort", "pwd"}

// proseLinks join a password word to its value in a sentence, longest
// first. A word link needs a space after it.
var proseLinks = []string{"will be ", "has been ", "had been ", "should be ", "is ", "was ", "are ", "as ", "to ", ":", "="}

// proseFillers may come between the link and the value: "the password is
// now Winter2025!", "was set to …".
var proseFillers = []string{"now ", "still ", "temporarily ", "just ", "set to ", "changed to ", "reset to "}

// prosePasswords masks a password written in a sentence, in a note or a
// paste: "password is Summer#2026", "pwd: Hunter2!", "the new password
// was 'P@ss w0rd'". A quoted value is masked whatever it holds. An
// unquoted one is masked word by word while each word mixes letters with
// digits or symbols, as every password Entra ID accepts does (three of
// upper case, lower case, digits and symbols), so ordinary words stay:
// "the password was reset", "password expired", "password-reset branch".
func (m *masker) prosePasswords() {
	for _, w := range proseWords {
		for from := 0; ; {
			i := strings.Index(m.low[from:], w)
			if i < 0 {
				break
			}
			i += from
			end := i + len(w)
			from = end
			if i > 0 && wordByte(m.low[i-1]) {
				continue // part of a longer name: the fields detector's
			}
			if i > 0 && m.low[i-1] == '<' || i > 1 && m.low[i-2:i] == "</" {
				continue // an XML element's name: the fields detector's
			}
			if end < len(m.low) && m.low[end] == 's' {
				end++
			}
			if end < len(m.low) && wordByte(m.low[end]) {
				continue // "passwordless"
			}
			m.proseValue(end)
		}
	}
}

// proseValue masks the value after a password word ending at i, if a link
// ("is", ":") follows it.
func (m *masker) proseValue(i int) {
	low := m.low
	j := skipBlanks(low, i)
	linked := false
	for _, l := range proseLinks {
		if strings.HasPrefix(low[j:], l) {
			j += len(l)
			linked = true
			break
		}
	}
	if !linked {
		// "password Summer#2026": with no link, only a word that reads as
		// a password on its own, with upper and lower case and a digit or
		// symbol (a ticket number, INC0012345, has no lower case).
		_, word, long := m.proseWord(j)
		if word != "" && !isMarker(word) && (long || mixedCaseSecret(word)) {
			m.add(j, j+len(word), KindPassword, markRedacted)
		}
		return
	}
	j = skipBlanks(low, j)
	for range 2 {
		for _, f := range proseFillers {
			if strings.HasPrefix(low[j:], f) {
				j = skipBlanks(low, j+len(f))
				break
			}
		}
	}
	if vs, ve, ok := quotedProse(m.s, j); ok {
		m.add(vs, ve, KindPassword, markRedacted)
		return
	}
	// The words of one password ("P@ss w0rd") are one span, one count;
	// a password has a few words at most, which keeps a hostile paste of
	// "pwd: pwd:x1 pwd:x1 …" from being read again from every "pwd".
	vs, ve := j, j
	for n := 0; n < 8 && j < len(m.s) && m.s[j] != '\n'; n++ {
		we, word, long := m.proseWord(j)
		if word == "" || isMarker(word) || !long && !secretWord(word) {
			break
		}
		ve = j + len(word)
		if len(word) < we-j {
			break // the sentence goes on after its punctuation
		}
		j = skipBlanks(m.s, we)
	}
	m.add(vs, ve, KindPassword, markRedacted)
}

// proseWord reads the word at j: where it ends (we) and the word without
// the punctuation that may end a sentence. A word longer than maxSecretWord
// is long: it is masked without being read, as a paste repeating "pwd:"
// inside one long word would otherwise have it read again from every match.
func (m *masker) proseWord(j int) (we int, word string, long bool) {
	const maxSecretWord = 256
	we = m.scanUntil(j, stopBlank)
	if we-j > maxSecretWord {
		return we, m.s[j:we], true
	}
	m.steps += we - j
	return we, strings.TrimRight(m.s[j:we], ".,;)]"), false
}

// quotedProse finds a quoted value at i on the same line: '…', "…", `…`
// or “…”, and returns its inside.
func quotedProse(s string, i int) (int, int, bool) {
	r, size := utf8.DecodeRuneInString(s[i:])
	var c rune
	switch r {
	case '\'', '"', '`':
		c = r
	case '“':
		c = '”'
	case '‘':
		c = '’'
	case '«':
		c = '»'
	default:
		return 0, 0, false
	}
	vs := i + size
	// The closing quote is looked for within 200 bytes, not to the end
	// of a line that may be a whole paste long.
	line := s[vs:min(len(s), vs+200+utf8.UTFMax)]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	k := strings.IndexRune(line, c)
	if k <= 0 || k > 200 {
		return 0, 0, false
	}
	return vs, vs + k, true
}

// secretWord reports a word that mixes letters with digits or symbols:
// "Summer#2026", "hunter2", "P@ss". A number, a time or a date alone
// ("12", "08:50", "2026-11-23") is not one.
func secretWord(w string) bool {
	var letter, other bool
	for _, r := range w {
		if unicode.IsLetter(r) {
			letter = true
		} else {
			other = true
		}
	}
	return letter && other
}

// mixedCaseSecret reports a word with upper and lower case letters and a
// digit or symbol.
func mixedCaseSecret(w string) bool {
	var upper, lower, other bool
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		default:
			other = true
		}
	}
	return upper && lower && other
}

func wordByte(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' || c == '_' }

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}
