package probes

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestClockSummaries pins whole summaries: whose clock, how far, against
// what, and what to do, at the limits the check draws (5 minutes of skew,
// a day for a timestamp, a billion seconds of phase offset).
func TestClockSummaries(t *testing.T) {
	cases := []struct {
		name, input string
		status      Status
		skew        int
		summary     string
	}{
		{"in sync", "2026-11-23T12:00:00Z", StatusOK, 0,
			"This machine's clock matches the time 2026-11-23 12:00:00 UTC."},
		{"exactly 5 minutes is tolerated", "2026-11-23T11:55:00Z", StatusOK, 300,
			"This machine's clock is 5 min ahead of the time 2026-11-23 11:55:00 UTC: within the 5 minutes tokens tolerate."},
		{"a second more is not", "2026-11-23T11:54:59Z", StatusFail, 301,
			"This machine's clock is 5 min ahead of the time 2026-11-23 11:54:59 UTC: more than the 5 minutes tokens tolerate. Sync it with NTP (w32tm /resync on Windows)."},
		{"a timestamp exactly a day old is still compared", "2026-11-22T12:00:00Z", StatusFail, 86400,
			"This machine's clock is 24 h ahead of the time 2026-11-22 12:00:00 UTC: more than the 5 minutes tokens tolerate. Sync it with NTP (w32tm /resync on Windows)."},
		{"a time exactly a day ahead is still compared", "2026-11-24T12:00:00Z", StatusFail, -86400,
			"This machine's clock is 24 h behind the time 2026-11-24 12:00:00 UTC: more than the 5 minutes tokens tolerate. Sync it with NTP (w32tm /resync on Windows)."},
		{"a timestamp older than a day is a warning", "2026-11-22T11:59:59Z", StatusWarn, 86401,
			"This machine's clock is 24 h ahead of the time 2026-11-22 11:59:59 UTC: more than the 5 minutes tokens tolerate. Sync it with NTP (w32tm /resync on Windows); a difference of more than a day is more likely an old timestamp than a wrong clock: compare with a time read just now."},
		{"the error's own timestamp", `{"error":"invalid_grant","timestamp":"2026-11-23 11:59:00Z"}`, StatusOK, 60,
			"This machine's clock is 1 min ahead of the error's timestamp 2026-11-23 11:59:00 UTC: within the 5 minutes tokens tolerate."},
		{"the user's PC 5 minutes behind", "Phase Offset: -300.0000000s", StatusOK, -300,
			"The user's PC is 5 min behind Windows Time phase offset: within the 5 minutes tokens tolerate."},
		{"the user's PC more than 5 minutes ahead", "Phase Offset: 301.0000000s", StatusFail, 301,
			"The user's PC is 5 min ahead of Windows Time phase offset: more than the 5 minutes tokens tolerate. On the user's PC, sync the clock (Settings > Time & language > Date & time > Sync now, or w32tm /resync as administrator)."},
		{"the largest phase offset read", "Phase Offset: 1000000000.0000000s", StatusFail, 1000000000, "The user's PC is 11574 days ahead"},
		{"the largest phase offset read, behind", "Phase Offset: -1000000000.0000000s", StatusFail, -1000000000, "The user's PC is 11574 days behind"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Clock{}.Run(context.Background(), Input{Text: tc.input, Now: clock, OS: "linux"})
			if r.Status != tc.status || r.Facts["clock.skew_seconds"] != tc.skew {
				t.Errorf("status %s, skew %v; want %s, %d", r.Status, r.Facts["clock.skew_seconds"], tc.status, tc.skew)
			}
			if !strings.HasPrefix(r.Summary, tc.summary) {
				t.Errorf("summary\n%q\nwant it to start\n%q", r.Summary, tc.summary)
			}
		})
	}
	for _, off := range []string{"1000000001", "-1000000001"} {
		r := Clock{}.Run(context.Background(), Input{Text: "Phase Offset: " + off + ".0000000s", Now: clock, OS: "linux"})
		if r.Status != StatusError {
			t.Errorf("a phase offset of %s s read as %s: %s", off, r.Status, r.Summary)
		}
	}
}

// TestClockFromURLHalfTheRoundTrip: a server stamps its Date header about
// half-way through the round trip, so half of it is added to the header.
func TestClockFromURLHalfTheRoundTrip(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Date", testNow.Add(-10*time.Minute).Format(http.TimeFormat))
		time.Sleep(time.Second)
	}))
	defer srv.Close()
	r := Clock{Client: srv.Client()}.Run(context.Background(), Input{URL: srv.URL, Now: clock})
	m := regexp.MustCompile(`round trip (\d+) ms`).FindStringSubmatch(strings.Join(r.Details, "\n"))
	if m == nil {
		t.Fatalf("no round trip in the details %q", r.Details)
	}
	rtt, _ := strconv.Atoi(m[1])
	want := (10*time.Minute - time.Duration(rtt)*time.Millisecond/2).Seconds()
	skew, _ := r.Facts["clock.skew_seconds"].(int)
	if d := float64(skew) - want; d < -0.51 || d > 0.51 {
		t.Errorf("skew %d s after a round trip of %d ms, want %.1f s: %s", skew, rtt, want, r.Summary)
	}
}

// TestClockFromUnreachableURL: with no client given, a server that cannot
// be reached is said so, with what to do instead.
func TestClockFromUnreachableURL(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	r := Clock{}.Run(context.Background(), Input{URL: url, Now: clock})
	if r.Status != StatusError || !strings.HasPrefix(r.Summary, "Could not reach "+url+" for its time: ") || !strings.HasSuffix(r.Summary, "Paste a current time instead.") {
		t.Errorf("got %s %q", r.Status, r.Summary)
	}
}
