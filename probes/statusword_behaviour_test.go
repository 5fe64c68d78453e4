package probes

import (
	"context"
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

// TestStatusFieldsReadsEachFieldWhole: "4012" after a status word is no
// status, however far the word before it is: a reading that stopped some
// bytes after an earlier word would have cut it to "401".
func TestStatusFieldsReadsEachFieldWhole(t *testing.T) {
	text := strings.Repeat("-", 100) + "status report:" + strings.Repeat(" ", 135) + "status: 4012 bytes"
	if got := statusFields(text, 5); len(got) != 0 {
		t.Errorf("got %v, want no status field", got)
	}
	if want := reStatusWord().FindAllStringSubmatchIndex(text, 5); len(want) != 0 {
		t.Errorf("the pattern finds %v", want)
	}
}

// TestStatusFieldsAfterManyMentions: a log that names "status" many times
// before its status field (a retry loop printing "status unknown") still
// gives the field. Before, only the first 10 × limit + 10 mentions were
// candidates, and with the limit of 1 the response reader uses, a field
// after 25 mentions was missed.
func TestStatusFieldsAfterManyMentions(t *testing.T) {
	text := strings.Repeat("status unknown, retrying\n", 25) + "status: 401 unauthorized\n"
	for _, limit := range []int{1, 3} {
		got, want := statusFields(text, limit), reStatusWord().FindAllStringSubmatchIndex(text, limit)
		if len(want) != 1 || !reflect.DeepEqual(got, want) {
			t.Errorf("limit %d: got %v, the pattern finds %v", limit, got, want)
		}
	}
	r := (HTTPStatus{}).Run(context.Background(), Input{Text: text})
	if r.Facts["http.status"] != 401 {
		t.Errorf("the check reads status %v from the log, want 401: %s", r.Facts["http.status"], r.Summary)
	}
}

// TestStatusFieldsShapesTheRegexpAllows: each wording, with its word
// boundary, and a status any distance after its word (the pattern allows
// any whitespace between), found exactly where the pattern finds it.
func TestStatusFieldsShapesTheRegexpAllows(t *testing.T) {
	for _, text := range []string{
		"response status code does not indicate success: 429 (too many requests)",
		"http status 503; http error 500; statuscode=401",
		"xstatus 401 but status 402",
		"the http status 404 and the http error 500",
		"status:" + strings.Repeat(" \n", 300) + "401",
		"status status status: 401",
		"http status code: 401", // "http status" then " code"? the pattern's first wording reads it
		"status code:\"403\"",
	} {
		got, want := statusFields(text, 5), reStatusWord().FindAllStringSubmatchIndex(text, 5)
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%.40q: got %v, the pattern finds %v", text, got, want)
		}
	}
}

// TestLongWordingIsInThePattern: the status-field search tries .NET's
// long wording by its text; the pattern must hold the same text.
func TestLongWordingIsInThePattern(t *testing.T) {
	if !strings.Contains(statusFieldPattern, "|"+longWording+")") {
		t.Errorf("the pattern %s lacks the wording %q", statusFieldPattern, longWording)
	}
}

// TestStatusFieldsAtTheReadingsEdges: where the quick reading stops and
// the whole text must decide. Each case is checked against the pattern.
func TestStatusFieldsAtTheReadingsEdges(t *testing.T) {
	pad := func(n int) string { return strings.Repeat(" ", n) }
	for name, c := range map[string]struct {
		text   string
		fields int
	}{
		// "401" ends where the first reading stops, but "4012" is no status.
		"number cut by the reading": {"status:" + pad(fieldWindow-7-3) + "4012 bytes", 0},
		// the status starts two bytes before the first reading stops.
		"status across the reading's end": {"status:" + pad(fieldWindow-7-2) + "401 unauthorized", 1},
		"a tab before the status":         {"status:\t401", 1},
		"two digits at the very end":      {"status: 40", 0},
		"three digits at the very end":    {"status: 401", 1},
	} {
		got, want := statusFields(c.text, 5), reStatusWord().FindAllStringSubmatchIndex(c.text, 5)
		if len(want) != c.fields || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, the pattern finds %v (want %d fields)", name, got, want, c.fields)
		}
	}
}

// TestIsWordByte: the bytes \b counts as word bytes, at both ends of each
// range, and those just outside.
func TestIsWordByte(t *testing.T) {
	for _, c := range []byte("_09azAZ") {
		if !isWordByte(c) {
			t.Errorf("%q is a word byte", c)
		}
	}
	for _, c := range []byte("/:`{@[ -") {
		if isWordByte(c) {
			t.Errorf("%q is not a word byte", c)
		}
	}
}
