package probes

import (
	"reflect"
	"strings"
	"testing"
)

// TestStatusFieldsFindsEveryFieldOfALongLog: a log of retries names more
// status fields than the random texts of TestStatusFieldsMatchTheRegexp;
// each is found, up to the limit, as the pattern finds them.
func TestStatusFieldsFindsEveryFieldOfALongLog(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 15; i++ {
		b.WriteString("retry: http status 503, status code 429\n")
	}
	text := b.String()
	for _, limit := range []int{1, 20, 100} {
		got, want := statusFields(text, limit), reStatusWord().FindAllStringSubmatchIndex(text, limit)
		if len(want) != min(limit, 30) || !reflect.DeepEqual(got, want) {
			t.Errorf("limit %d: got %d fields %v, want %d %v", limit, len(got), got, len(want), want)
		}
	}
}

// TestStatusFieldsReadsEachFieldWhole: a number read near the end of the
// text around an earlier "status" may be cut there ("401" of "4012"); the
// field is read around its own word, where it is whole, and "4012" is no
// status.
func TestStatusFieldsReadsEachFieldWhole(t *testing.T) {
	// "status" at byte 100; its text runs to byte 260, where "401" of
	// "4012" ends.
	text := strings.Repeat("-", 100) + "status report:" + strings.Repeat(" ", 135) + "status: 4012 bytes"
	if i := strings.Index(text, "4012"); i+3 != 100+statusWordSpan {
		t.Fatalf("the number ends at %d, not where the first word's text ends", i+3)
	}
	if got := statusFields(text, 5); len(got) != 0 {
		t.Errorf("got %v, want no status field", got)
	}
	if want := reStatusWord().FindAllStringSubmatchIndex(text, 5); len(want) != 0 {
		t.Errorf("the pattern finds %v", want)
	}
}
