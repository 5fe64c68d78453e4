package session

import (
	"testing"
	"time"

	"deskside/flows"
)

func TestWording(t *testing.T) {
	cases := map[string]struct{ got, want string }{
		"one attempt":       {plural(1, "attempt", "attempts"), "1 attempt"},
		"two attempts":      {plural(2, "attempt", "attempts"), "2 attempts"},
		"no attempt":        {plural(0, "attempt", "attempts"), "0 attempts"},
		"one damaged line":  {damagedLines([]int{3}), "1 damaged line was skipped (line 3)"},
		"two damaged lines": {damagedLines([]int{3, 7}), "2 damaged lines were skipped (lines 3 and 7)"},
		"three":             {damagedLines([]int{3, 7, 9}), "3 damaged lines were skipped (lines 3, 7 and 9)"},
		"one out of order":  {describeDisorder([]SeqProblem{{Line: 5, Seq: 6, Prev: 4}})[:42], "1 line of the log is out of sequence (line"},
		"a short call":      {humanDuration(4 * time.Second), "under a minute"},
		"no time at all":    {humanDuration(0), "under a minute"},
		"minutes":           {humanDuration(6*time.Minute + 8*time.Second), "6 min 8 s"},
		"hours":             {humanDuration(time.Hour + 3*time.Minute), "1 h 3 min"},
	}
	for name, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", name, tc.got, tc.want)
		}
	}
}

// TestResumedCallTime: a session quit after a few seconds and resumed
// the next morning shows its time on the call as the two short stretches
// ("under a minute", never "0 s"), and says why Started and Ended are a
// night apart.
func TestResumedCallTime(t *testing.T) {
	start := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)
	resumed := start.Add(15*time.Hour + 30*time.Minute)
	rec := func(typ string, at time.Time) Record { return Record{Type: flows.EventType(typ), TS: Stamp(at)} }
	cases := map[string]struct {
		recs []Record
		want string
	}{
		"scripted in seconds": {[]Record{rec("session-start", start), rec("step", start.Add(time.Second)), rec("session-end", start.Add(2*time.Second))},
			"under a minute"},
		// 15 h 30 min 25 s from first to last, 37 s of it on the call: the
		// gap is 15 h 29 min 48 s, written to the minute below.
		"quit and resumed the next morning": {[]Record{rec("session-start", start), rec("step", start.Add(10*time.Second)), rec("session-end", start.Add(12*time.Second)),
			rec("resume", resumed), rec("answer", resumed.Add(20*time.Second)), rec("session-end", resumed.Add(25*time.Second))},
			"under a minute (not counting 15 h 29 min while the session was closed before it was resumed)"},
		"a real call": {[]Record{rec("session-start", start), rec("outcome", start.Add(7*time.Minute+17*time.Second))},
			"7 min 17 s"},
	}
	for name, tc := range cases {
		s := &Summary{Started: tc.recs[0].TS.Time(), Ended: tc.recs[len(tc.recs)-1].TS.Time(), OnCall: CallDuration(tc.recs)}
		if got := callTimeText(s); got != tc.want {
			t.Errorf("%s: got %q, want %q", name, got, tc.want)
		}
	}
}

// TestClosedGapFromAMinute: time off the call is mentioned from a whole
// minute on; less is the ordinary pause between entries.
func TestClosedGapFromAMinute(t *testing.T) {
	start := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)
	onCall := 5 * time.Minute
	cases := map[time.Duration]string{
		59 * time.Second: "5 min 0 s",
		time.Minute:      "5 min 0 s (not counting 1 min 0 s while the session was closed before it was resumed)",
	}
	for gap, want := range cases {
		s := &Summary{Started: start, Ended: start.Add(onCall + gap), OnCall: onCall}
		if got := callTimeText(s); got != want {
			t.Errorf("gap %v: %q, want %q", gap, got, want)
		}
	}
}
