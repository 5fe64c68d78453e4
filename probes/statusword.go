package probes

import (
	"sort"
	"strings"
)

// statusWordLead is the most text the status-field pattern can hold before
// the word it is found by ("response " before "status").
const statusWordLead = 16

// statusWordSpan is the most text a status field is read over, from the
// word it is found by: the longest wording, its separators and three
// digits, with room to spare.
const statusWordSpan = 160

// statusFields finds the status fields (reStatusWord) in lower-cased text,
// at most limit, as FindAllStringSubmatchIndex would. The pattern has no
// literal prefix, so on a long paste the regexp engine tries it at every
// byte; every wording holds "status" or "http error", so only the text
// around those words is read.
func statusFields(lower string, limit int) [][]int {
	var cands []int
	for _, word := range []string{"status", "http error"} {
		for from := 0; len(cands) < 10*limit+10; {
			i := strings.Index(lower[from:], word)
			if i < 0 {
				break
			}
			cands = append(cands, from+i)
			from += i + len(word)
		}
	}
	sort.Ints(cands)
	var out [][]int
	end := 0 // matches may not overlap, as in FindAll
	for _, c := range cands {
		if len(out) >= limit {
			break
		}
		lo := max(c-statusWordLead, end, 0)
		hi := min(len(lower), c+statusWordSpan)
		if lo >= hi {
			continue
		}
		for _, m := range reStatusWord().FindAllStringSubmatchIndex(lower[lo:hi], -1) {
			if m[0]+lo > c || m[1]+lo <= c {
				continue // a match another candidate finds
			}
			if m[0] == 0 && lo > 0 && isWordByte(lower[lo-1]) {
				continue // \b did not hold in the whole text
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			out = append(out, m)
			end = m[1]
			break
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
