package probes

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"deskside/probes/probetest"
)

const w32tmStatus = `Leap Indicator: 0(no warning)
Stratum: 4 (secondary reference - syncd by (S)NTP)
Precision: -23 (119.209ns per tick)
Root Delay: 0.0312500s
Root Dispersion: 7.7756021s
ReferenceId: 0x0A000001 (source IP:  10.0.0.1)
Last Successful Sync Time: 11/23/2026 11:49:02 AM
Source: time.windows.com,0x9
Poll Interval: 10 (1024s)

Phase Offset: -412.1234567s
ClockRate: 0.0156250s
State Machine: 2 (Sync)
`

func TestClock(t *testing.T) {
	cases := map[string]probeCase{
		"Date header in sync": {input: "Date: Mon, 23 Nov 2026 11:59:58 GMT", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 2, "clock.skewed": false, "clock.direction": "ahead"}, summary: "within the 5 minutes"},
		"this machine behind": {input: "date: Mon, 23 Nov 2026 12:07:30 GMT\r\ncontent-length: 0", status: StatusFail,
			want: map[string]any{"clock.skew_seconds": -450, "clock.skewed": true, "clock.direction": "behind"}, summary: "7 min behind"},
		"ISO time":        {input: "2026-11-23T11:50:00Z", status: StatusFail, want: map[string]any{"clock.skew_seconds": 600, "clock.skewed": true}},
		"ISO with offset": {input: "2026-11-23T13:00:30+01:00", status: StatusOK, want: map[string]any{"clock.skew_seconds": -30, "clock.direction": "behind"}},
		"AADSTS timestamp": {input: `{"error":"invalid_grant","timestamp":"2026-11-23 12:00:00Z"}`, status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 0, "clock.direction": "in-sync"}},
		"old error timestamp": {input: sample(t, "aadsts/azurecli_issue14244_700082.txt"), status: StatusWarn,
			want: map[string]any{"clock.skewed": true}, summary: "more likely an old timestamp"},
		"w32tm pasted": {input: w32tmStatus, status: StatusFail,
			want: map[string]any{"clock.skew_seconds": -412, "clock.skewed": true, "clock.source": "time.windows.com,0x9"}},
		"w32tm free running": {input: "Source: Free-running System Clock\nPhase Offset: 0.0000000s\n", status: StatusWarn,
			want: map[string]any{"clock.skewed": false}, summary: "syncs from no time server"},
		"no time": {input: "it says the token expired", status: StatusError, summary: "Expected a time to compare with"},
	}
	runCases(t, Clock{}, cases)
}

func TestClockOnWindowsRunsW32tm(t *testing.T) {
	run := probetest.NewRunner(t, probetest.Call{Program: "w32tm", Args: []string{"/query", "/status", "/verbose"}, Stdout: []byte(strings.ReplaceAll(w32tmStatus, "\n", "\r\n"))})
	r := Clock{}.Run(context.Background(), Input{Runner: run, OS: "windows", Now: clock})
	if r.Facts["clock.skew_seconds"] != -412 {
		t.Errorf("facts %v", r.Facts)
	}
}

func TestClockElsewhereAsksForPaste(t *testing.T) {
	r := Clock{}.Run(context.Background(), Input{OS: "darwin", Now: clock})
	if r.Status != StatusUnavailable || !strings.Contains(r.Summary, "paste a current time") {
		t.Errorf("got %s %q", r.Status, r.Summary)
	}
}

func TestClockFromURL(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Date", testNow.Add(-10*time.Minute).Format(http.TimeFormat))
	}))
	defer srv.Close()
	r := Clock{Client: srv.Client()}.Run(context.Background(), Input{URL: srv.URL, Now: clock})
	skew, _ := r.Facts["clock.skew_seconds"].(int)
	if r.Status != StatusFail || skew < 599 || skew > 601 {
		t.Errorf("got %s skew %d: %s", r.Status, skew, r.Summary)
	}
	r = Clock{}.Run(context.Background(), Input{URL: "http://example.invalid", Now: clock})
	if r.Status != StatusError || !strings.Contains(r.Summary, "https://") {
		t.Errorf("plain http accepted: %s", r.Summary)
	}
}
