package session

import (
	"reflect"
	"strings"
	"testing"
)

const (
	readStart = `{"seq":1,"ts":"2026-11-23T09:30:23.000Z","type":"session-start","session":{"version":"0.1.0","start_node":"ask"}}` + "\n"
	readStep2 = `{"seq":2,"ts":"2026-11-23T09:30:46.000Z","type":"step","node":"ask","title":"Ask?"}` + "\n"
)

// noteLine is a note record of exactly size bytes, newline included.
func noteLine(seq, size int) string {
	head := `{"seq":` + string(rune('0'+seq)) + `,"ts":"2026-11-23T09:31:00.000Z","type":"note","node":"ask","text":"`
	tail := "\"}\n"
	return head + strings.Repeat("x", size-len(head)-len(tail)) + tail
}

// TestReadLineLimits: a record of exactly MaxLine bytes is read; one
// that runs on past it is skipped as damaged, and the records after it
// still count.
func TestReadLineLimits(t *testing.T) {
	for name, tc := range map[string]struct {
		size    int
		damaged []int
		notes   int
	}{
		"exactly MaxLine": {MaxLine, nil, 1},
		"50 bytes over":   {MaxLine + 50, []int{3}, 0},
		"4 KiB over":      {MaxLine + 4096, []int{3}, 0},
	} {
		t.Run(name, func(t *testing.T) {
			text := readStart + readStep2 + noteLine(3, tc.size) + `{"seq":4,"ts":"2026-11-23T09:32:00.000Z","type":"back","node":"ask"}` + "\n"
			l, err := Read(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(l.Damaged, tc.damaged) {
				t.Errorf("damaged lines %v, want %v", l.Damaged, tc.damaged)
			}
			notes := 0
			for _, e := range l.Entries {
				if e.Type == "note" {
					notes++
				}
			}
			if notes != tc.notes || l.Entries[len(l.Entries)-1].Seq != 4 || l.Size != int64(len(text)) {
				t.Errorf("%d note(s), last seq %d, size %d; want %d, 4, %d", notes, l.Entries[len(l.Entries)-1].Seq, l.Size, tc.notes, len(text))
			}
		})
	}
}

// TestReadBlankLinesAndDisorder: a blank line (an editor's trailing
// whitespace) is neither a record nor damage; once a line is damaged, a
// jump in the numbers is explained by it and not reported, but a number
// repeated still is.
func TestReadBlankLinesAndDisorder(t *testing.T) {
	text := readStart + "   \n" + readStep2 +
		"{not json}\n" +
		`{"seq":4,"ts":"2026-11-23T09:32:00.000Z","type":"back","node":"ask"}` + "\n" +
		`{"seq":4,"ts":"2026-11-23T09:32:01.000Z","type":"back","node":"ask"}` + "\n"
	l, err := Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l.Damaged, []int{4}) {
		t.Errorf("damaged lines %v, want [4] (the blank line is not damage)", l.Damaged)
	}
	want := []SeqProblem{{Line: 6, Seq: 4, Prev: 4, Repeat: true}}
	if !reflect.DeepEqual(l.Disorder, want) {
		t.Errorf("disorder %+v, want %+v", l.Disorder, want)
	}
}
