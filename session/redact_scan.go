package session

import (
	"sort"
	"strings"
)

// A paste may repeat a field name thousands of times on one line ("pwd:
// pwd: pwd: …", "<Password><Password>…"). A detector that read from every
// match to the end of its value or its line would read such a line once
// per match, and a 1 MiB paste would stall the wizard for minutes. The
// helpers here answer the questions detectors ask of the text at a match
// (where does this line end, where is the next stop character, the next
// closing quote) from an index or from the answer to the previous match,
// so that each byte is read a bounded number of times whatever the input.
// steps counts the bytes they read, for the tests that hold them to it.

// scanMemo remembers one forward search: from `from`, the first hit was
// at `at`, so nothing in [from, at) is a hit.
type scanMemo struct{ from, at int }

// quoteKey names a closing-quote search: the quote and the backslashes
// that escape it.
type quoteKey struct {
	q byte
	n int
}

// quoteMemo remembers one closing-quote search on the line ending at end:
// from `from`, the first closing quote is at `at` (or end), returned as res.
type quoteMemo struct{ from, at, res, end int }

// scanState holds the indexes and remembered searches of one Redact call.
type scanState struct {
	newlines             []int // offsets of '\n', built on first use
	nlBuilt              bool
	parity               []uint64 // bit i: an unescaped '"' is open on i's line before i
	scans                [len(stopSets)]scanMemo
	scanned              [len(stopSets)]bool
	finds                map[string]scanMemo
	quotes               map[quoteKey]quoteMemo
	trimAt               [2]int // value end before and after trimming, last asked
	cover                span   // the batch's candidate that ends last
	pipe                 [3]int // line start, offset and the last '|' before it, last asked
	echo                 [3]int // line start, pipe and the last "echo " before it, last asked
	pipeAsked, echoAsked bool
	piped                [2]int // line start + 1 and pipe that secureString read last
	steps                int
}

func (m *masker) buildNewlines() {
	if m.nlBuilt {
		return
	}
	m.nlBuilt = true
	for from := 0; ; {
		i := strings.IndexByte(m.s[from:], '\n')
		if i < 0 {
			break
		}
		m.newlines = append(m.newlines, from+i)
		from += i + 1
	}
	m.steps += len(m.s)
}

// lineEnd is lineEnd(m.s, i), from the index of line breaks.
func (m *masker) lineEnd(i int) int {
	m.buildNewlines()
	m.steps++
	k := sort.SearchInts(m.newlines, i)
	if k == len(m.newlines) {
		return len(m.s)
	}
	end := m.newlines[k]
	if end > i && m.s[end-1] == '\r' {
		end--
	}
	return end
}

// lineStart is lineStart(m.s, i), from the index of line breaks.
func (m *masker) lineStart(i int) int {
	m.buildNewlines()
	m.steps++
	k := sort.SearchInts(m.newlines, i)
	if k == 0 {
		return 0
	}
	return m.newlines[k-1] + 1
}

// oddQuotesBefore reports whether the line's text before i leaves a double
// quote open (one not after a backslash): the field at i is inside a
// string, such as a connection string in JSON, and its value ends with
// that string. It reads a table of each offset's parity, built on first
// use.
func (m *masker) oddQuotesBefore(i int) bool {
	if m.parity == nil {
		s := m.s
		m.parity = make([]uint64, len(s)/64+1)
		odd := false
		for j := 0; j <= len(s); j++ {
			if odd {
				m.parity[j/64] |= 1 << (j % 64)
			}
			switch {
			case j == len(s):
			case s[j] == '\n':
				odd = false
			case s[j] == '"' && (j == 0 || s[j-1] != '\\'):
				odd = !odd
			}
		}
		m.steps += len(s)
	}
	m.steps++
	return m.parity[i/64]&(1<<(i%64)) != 0
}

// The sets of characters that end a value or a word, for scanUntil.
const (
	stopBlank  = iota // a word ends at white space
	stopWord          // a token or flag value ends at white space or a quote
	stopCode          // an authorization code ends at URL or JSON punctuation
	stopQuery         // a query parameter ends at '&', '#' or markup
	stopDQuote        // a value inside a JSON string ends at its '"'
)

var stopSets = [...]*[256]bool{
	stopBlank:  charSet(" \t\r\n"),
	stopWord:   charSet(" \t\r\n\"'"),
	stopCode:   charSet(" \t\r\n&\"'<>,;)}]\\"),
	stopQuery:  charSet(" \t\r\n&#\"'<>\\"),
	stopDQuote: charSet(`"`),
}

// scanUntil returns the offset of the first character of the stop set at
// or after i, or the length of the text. Detectors ask it from matches in
// the order they find them, so the previous answer for the same stop set
// often holds: nothing in [from, at) stops the scan.
func (m *masker) scanUntil(i, stop int) int {
	m.steps++
	if c := m.scans[stop]; m.scanned[stop] && c.from <= i && i <= c.at {
		return c.at
	}
	set, s, j := stopSets[stop], m.s, i
	for j < len(s) && !set[s[j]] {
		j++
	}
	m.steps += j - i
	m.scans[stop], m.scanned[stop] = scanMemo{i, j}, true
	return j
}

// index returns the offset of the first sub in m.low at or after i, or -1,
// remembering the answer as scanUntil does.
func (m *masker) index(i int, sub string) int {
	if m.finds == nil {
		m.finds = map[string]scanMemo{}
	}
	m.steps++
	if c, ok := m.finds[sub]; ok && c.from <= i && i <= c.at {
		if c.at == len(m.s) {
			return -1
		}
		return c.at
	}
	j := len(m.s)
	if k := strings.Index(m.low[i:], sub); k >= 0 {
		j = i + k
	}
	m.steps += j - i
	m.finds[sub] = scanMemo{i, j}
	if j == len(m.s) {
		return -1
	}
	return j
}

// closingQuote finds the quote that closes a string opened by q after n
// backslashes, starting at i: the same quote after exactly n backslashes
// (after an even number when n is 0), the backslashes counted from i on.
// Without one on the line, the string runs to the end of the line. The
// returned offset excludes the backslashes.
//
// Only a quote right after a run of backslashes from i counts differently
// for each i (the run is cut at i); past it, the previous answer for the
// same quote holds.
func (m *masker) closingQuote(i int, q byte, n int) int {
	s := m.s
	end := m.lineEnd(i)
	p := i
	for p < end && s[p] == '\\' {
		p++
	}
	m.steps += p - i
	if p >= end {
		return end
	}
	start := p
	if s[p] == q {
		if b := p - i; n == 0 && b%2 == 0 || n > 0 && b == n {
			return i
		}
		start = p + 1
	}
	if m.quotes == nil {
		m.quotes = map[quoteKey]quoteMemo{}
	}
	key := quoteKey{q, n}
	if c, ok := m.quotes[key]; ok && c.end == end && c.from <= start && start <= c.at {
		return c.res
	}
	res, at := end, end
	for j := start; j < end; j++ {
		if s[j] != q {
			continue
		}
		b := 0
		for j-b-1 >= start && s[j-b-1] == '\\' {
			b++
		}
		if n == 0 && b%2 == 0 || n > 0 && b == n {
			res, at = j-b, j
			break
		}
	}
	m.steps += at - start
	m.quotes[key] = quoteMemo{from: start, at: at, res: res, end: end}
	return res
}

// trimValueEnd moves ve back over the white space and backslashes that
// end a value. Values found at many matches often end at one place.
func (m *masker) trimValueEnd(vs, ve int) int {
	if m.trimAt[0] == ve && ve > 0 {
		return max(vs, m.trimAt[1])
	}
	e := ve
	for e > 0 && strings.IndexByte(" \t\r\n\\", m.s[e-1]) >= 0 {
		e--
	}
	m.steps += ve - e
	m.trimAt = [2]int{ve, e}
	return max(vs, e)
}

// maxProseWord is longer than any word of prose that follows a scheme or
// a field name; a longer "word" is read as a credential.
const maxProseWord = 64

// covered reports whether a candidate already in the batch masks all of
// [vs, ve) and starts no later: a candidate there would mask nothing more
// and count for nothing, so detectors skip judging it.
func (m *masker) covered(vs, ve int) bool {
	return len(m.batch) > 0 && m.cover.start <= vs && ve <= m.cover.end
}

// maxFlagArgs is how many flags ConvertTo-SecureString may take before its
// string, more than any command line has: a paste repeating
// "-ConvertTo-SecureString" is not read again from every match.
const maxFlagArgs = 64

// lastPipe returns the offset, from ls, of the last '|' in m.s[ls:at], or
// -1. Matches come in rising order, so the previous answer on the line
// holds up to where it was asked, and only the text since is read.
func (m *masker) lastPipe(ls, at int) int {
	from, last := ls, -1
	if c := m.pipe; c[0] == ls && c[1] <= at && c[1] >= ls && m.pipeAsked {
		from, last = c[1], c[2]
	}
	if p := strings.LastIndexByte(m.s[from:at], '|'); p >= 0 {
		last = from + p
	}
	m.steps += at - from + 1
	m.pipe, m.pipeAsked = [3]int{ls, at, last}, true
	if last < 0 {
		return -1
	}
	return last - ls
}

// lastEcho returns the offset, from ls, of the last "echo " in
// m.low[ls:p], or -1, remembering the answer for the same pipe.
func (m *masker) lastEcho(ls, p int) int {
	if c := m.echo; m.echoAsked && c[0] == ls && c[1] == p {
		return c[2]
	}
	e := strings.LastIndex(m.low[ls:p], "echo ")
	m.steps += p - ls
	m.echo, m.echoAsked = [3]int{ls, p, e}, true
	return e
}
