package session

import (
	"strings"
	"testing"
	"time"

	"deskside/probes"
)

// TestToCollect: what an evidence-packet item still needs, in words, and
// what was collected for it so far.
func TestToCollect(t *testing.T) {
	cases := map[string]struct {
		it   PacketItem
		want string
	}{
		"nothing known":     {PacketItem{Item: "x"}, "to collect"},
		"missing, none yet": {PacketItem{Item: "x", Missing: []string{"the Date header"}}, "to collect"},
		"some evidence":     {PacketItem{Item: "x", Evidence: []string{"HTTP 401"}}, "to collect; so far HTTP 401"},
		"part collected": {PacketItem{Item: "x", Missing: []string{"the Date header", "the request id"}, Evidence: []string{"HTTP 401"}},
			"still to collect: the Date header, the request id; so far HTTP 401"},
	}
	for name, tc := range cases {
		if got := toCollect(tc.it); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

// TestEvidenceSectionSpacing: in the Markdown export, the checks that
// read nothing follow the table of readings after a blank line, and come
// straight under the heading when nothing was read.
func TestEvidenceSectionSpacing(t *testing.T) {
	gs := goldenSessions["resolved"]
	l, err := ReadFile(record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 9, 12, 0, 0, time.UTC)
	unread := ProbeRun{Probe: "jwt", At: at, Status: probes.StatusError, Summary: "no token found", Pasted: true}
	read := ProbeRun{Probe: "httpstatus", At: at, Status: probes.StatusFail, Summary: "HTTP 401", Facts: map[string]any{"http.status": 401}}
	line := "- jwt check could not read a paste at 09:12:00 UTC (1 attempt).\n"
	cases := map[string]struct {
		runs []ProbeRun
		want string
	}{
		"only unread": {[]ProbeRun{unread}, "## Evidence\n\n" + line},
		"both":        {[]ProbeRun{read, unread}, "| HTTP 401 | http.status = 401 |\n\n" + line},
	}
	for name, tc := range cases {
		s := Summarize(l)
		s.Probes = tc.runs
		out, _, err := Export(s, FormatMarkdown)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("%s: the evidence reads\n%s\nwant it to hold %q", name, section(string(out), "## Evidence"), tc.want)
		}
	}
}

// section is the part of a Markdown export from heading to the next one.
func section(md, heading string) string {
	_, rest, _ := strings.Cut(md, heading)
	if i := strings.Index(rest, "\n## "); i >= 0 {
		rest = rest[:i]
	}
	return heading + rest
}

// TestBreakAt: a word too long for its room breaks after the last
// separator in the room's second half, else at the room's edge.
func TestBreakAt(t *testing.T) {
	cases := []struct {
		word string
		room int
		want int
	}{
		{"abcde:ghijklmn", 10, 6},    // ':' at the middle, room/2
		{"abcd:fghijklmn", 10, 10},   // ':' just before the middle
		{"abc/efgh=jklmn", 10, 9},    // the last of two
		{"abcdefghi?klmn", 10, 10},   // at the last column in the room
		{"abcdefghij:lmn", 10, 10},   // just past the room
		{":bcdef", 1, 1},             // a room of one column
		{"a:cdef", 2, 2},             // room 2: index 1 is its second half
		{"https://login.x/y", 12, 8}, // after "//", the last separator in columns 6 to 11
	}
	for _, tc := range cases {
		if got := breakAt([]rune(tc.word), tc.room); got != tc.want {
			t.Errorf("breakAt(%q, %d) = %d, want %d", tc.word, tc.room, got, tc.want)
		}
	}
}

// TestASCIILower lowers A to Z only, so offsets in the result are those of
// the text: '@' and '[' (either side of the capitals) and non-ASCII stay.
func TestASCIILower(t *testing.T) {
	if got := asciiLower("@AMZ[ az Ä"); got != "@amz[ az Ä" {
		t.Errorf("asciiLower = %q", got)
	}
}

// TestMaskerIgnoresEmptyAndOutOfRangeSpans: a proposal that covers no
// byte of the text, or lies outside it, masks nothing and counts nothing.
func TestMaskerIgnoresEmptyAndOutOfRangeSpans(t *testing.T) {
	const text = "token=abc"
	for _, sp := range [][2]int{{6, 6}, {9, 9}, {-1, 3}, {6, 10}, {7, 6}} {
		m := newMasker(text)
		m.add(sp[0], sp[1], KindToken, "[redacted]")
		m.commit()
		if got, counts := m.result(); got != text || len(counts) != 0 {
			t.Errorf("span %v: %q, %v; want the text unchanged", sp, got, counts)
		}
	}
}
