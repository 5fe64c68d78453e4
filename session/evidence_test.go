package session

import (
	"reflect"
	"testing"
	"time"

	"deskside/probes"
)

func TestEvidence(t *testing.T) {
	at := func(min, sec int) time.Time { return time.Date(2026, 11, 23, 10, min, sec, 0, time.UTC) }
	bad := func(probe string, a time.Time, pasted bool) ProbeRun {
		return ProbeRun{Probe: probe, At: a, Status: probes.StatusError, Summary: "could not read", Pasted: pasted}
	}
	good := ProbeRun{Probe: "jwt", At: at(4, 0), Status: probes.StatusOK, Facts: map[string]any{"jwt.expired": false}, Pasted: true}
	cases := map[string]struct {
		runs     []ProbeRun
		wantRead []string // probe@time of the readings, in order
		want     []string // the unread lines
	}{
		"two failed pastes, then a reading: one line, the reading first": {
			runs:     []ProbeRun{bad("jwt", at(2, 10), true), bad("jwt", at(2, 40), true), good},
			wantRead: []string{"jwt@10:04:00"},
			want:     []string{"jwt check could not read a paste between 10:02:10 and 10:02:40 UTC (2 attempts)"}},
		"one failed paste": {
			runs: []ProbeRun{bad("aadsts", at(1, 5), true)},
			want: []string{"aadsts check could not read a paste at 10:01:05 UTC (1 attempt)"}},
		"a check run on this PC says so": {
			runs: []ProbeRun{bad("dsregcmd", at(3, 0), false), bad("dsregcmd", at(3, 0), false)},
			want: []string{"dsregcmd check could not read this PC's output at 10:03:00 UTC (2 attempts)"}},
		"an error that still read facts is a reading": {
			runs:     []ProbeRun{{Probe: "clock", At: at(5, 0), Status: probes.StatusError, Facts: map[string]any{"clock.skewed": true}}},
			wantRead: []string{"clock@10:05:00"}},
		"each check its own line, in the order they first failed": {
			runs: []ProbeRun{bad("httpstatus", at(1, 0), true), bad("jwt", at(2, 0), true), bad("httpstatus", at(6, 0), true)},
			want: []string{"httpstatus check could not read a paste between 10:01:00 and 10:06:00 UTC (2 attempts)",
				"jwt check could not read a paste at 10:02:00 UTC (1 attempt)"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			read, unread := evidence(tc.runs)
			var gotRead, got []string
			for _, p := range read {
				gotRead = append(gotRead, p.Probe+"@"+clockTime(p.At))
			}
			for _, u := range unread {
				got = append(got, u.Line())
			}
			if !reflect.DeepEqual(gotRead, tc.wantRead) {
				t.Errorf("readings %q, want %q", gotRead, tc.wantRead)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("unread %q, want %q", got, tc.want)
			}
		})
	}
}
