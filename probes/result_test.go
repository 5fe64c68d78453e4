package probes

import (
	"reflect"
	"testing"
)

func TestBuilder(t *testing.T) {
	cases := map[string]struct {
		build   func(b *builder)
		status  Status
		summary string
		details []string
	}{
		"nothing found is ok": {build: func(*builder) {}, status: StatusOK, summary: "Head."},
		"a warning leads the summary": {build: func(b *builder) {
			b.detail("line")
			b.problem(StatusWarn, "first")
		}, status: StatusWarn, summary: "Head; first.", details: []string{"line", "problem: first"}},
		"the worst problem decides, the first leads": {build: func(b *builder) {
			b.problem(StatusWarn, "minor")
			b.problem(StatusFail, "major")
			b.problem(StatusWarn, "another")
		}, status: StatusFail, summary: "Head; minor.", details: []string{"problem: minor", "problem: major", "problem: another"}},
		"raise never lowers": {build: func(b *builder) {
			b.raise(StatusFail)
			b.raise(StatusWarn)
		}, status: StatusFail, summary: "Head."},
		"raise ignores unavailable and error": {build: func(b *builder) {
			b.raise(StatusError)
			b.raise(StatusUnavailable)
		}, status: StatusOK, summary: "Head."},
		"notes come after problems": {build: func(b *builder) {
			b.note("n")
			b.problem(StatusWarn, "p")
		}, status: StatusWarn, summary: "Head; p.", details: []string{"problem: p", "note: n"}},
		"more problems counted when asked": {build: func(b *builder) {
			b.countMore = true
			b.problem(StatusWarn, "a")
			b.problem(StatusWarn, "b")
			b.problem(StatusWarn, "c")
		}, status: StatusWarn, summary: "Head; a (+2 more)."},
		"one problem is not counted": {build: func(b *builder) {
			b.countMore = true
			b.problem(StatusWarn, "a")
		}, status: StatusWarn, summary: "Head; a."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			b := newBuilder("problem")
			tc.build(b)
			r := b.result("Head")
			if r.Status != tc.status || r.Summary != tc.summary {
				t.Errorf("got %s %q, want %s %q", r.Status, r.Summary, tc.status, tc.summary)
			}
			if tc.details != nil && !reflect.DeepEqual(r.Details, tc.details) {
				t.Errorf("details %q, want %q", r.Details, tc.details)
			}
		})
	}
}

func TestBuilderFacts(t *testing.T) {
	b := newBuilder("problem")
	if got := b.setString("a", ""); got != "" || b.has("a") {
		t.Errorf("an empty string was recorded: %q %v", got, b.facts)
	}
	if got := b.setString("a", "x"); got != "x" || b.str("a") != "x" {
		t.Errorf("setString returned %q, fact %q", got, b.str("a"))
	}
	b.set("n", 3)
	if b.str("n") != "" || !b.has("n") {
		t.Errorf("str of an int fact = %q", b.str("n"))
	}
}

func TestResultText(t *testing.T) {
	cases := map[string]struct {
		r    Result
		want string
	}{
		"summary only": {Result{Status: StatusOK, Summary: "Fine."}, "[✓] ok: Fine.\n"},
		"facts sorted, then details": {Result{Status: StatusWarn, Summary: "HTTP 429.",
			Facts:   map[string]any{"http.status": 429, "b.flag": true, "a.list": []string{"x", "y"}, "c.none": []string{}},
			Details: []string{"Retry-After 10 s"}},
			"[!] warning: HTTP 429.\n  a.list = x, y\n  b.flag = yes\n  c.none = (none)\n  http.status = 429\n  Retry-After 10 s\n"},
		"a line break inside a field stays on its line": {Result{Status: StatusError, Summary: "Expected\na token.",
			Details: []string{"message first\r\nsecond"}}, "[?] could not read: Expected a token.\n  message first second\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := tc.r.Text(); got != tc.want {
				t.Errorf("Text() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
