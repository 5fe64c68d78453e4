package session

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskside/flows"
)

// quitAndResume writes a session that is quit after six minutes and
// resumed two hours later for three and a half more; it returns its log.
func quitAndResume(t *testing.T) (path string, resumedAt time.Time) {
	t.Helper()
	at := func(hms string) time.Time {
		d, err := time.ParseDuration(hms)
		if err != nil {
			t.Fatal(err)
		}
		return sessionStart.Add(d)
	}
	lines := []string{
		`{"seq":1,"ts":"2026-11-23T09:30:00Z","type":"session-start","session":{"start_node":"triage"}}`,
		`{"seq":2,"ts":"2026-11-23T09:30:30Z","type":"step","node":"triage","title":"T"}`,
		`{"seq":3,"ts":"2026-11-23T09:35:00Z","type":"answer","node":"triage","label":"A","next":"od-cause"}`,
		`{"seq":4,"ts":"2026-11-23T09:36:00Z","type":"session-end","reason":"quit"}`,
	}
	path = filepath.Join(t.TempDir(), "s.jsonl")
	must(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	j, err := Reopen(l)
	if err != nil {
		t.Fatal(err)
	}
	resumedAt = at("2h")
	must(t, j.AppendEntry(Entry{TS: Stamp(resumedAt), Event: flows.Event{Type: EventResume, Node: "od-cause"}}))
	if got := j.CallDuration(at("2h1m")); got != 7*time.Minute {
		t.Errorf("live call time a minute after the resume: %v, want 7m (6 before the quit)", got)
	}
	must(t, j.Append(flows.Event{Type: flows.EventOutcome, At: at("2h3m"), Node: "o", Outcome: flows.ResultResolved}))
	must(t, j.AppendEntry(Entry{TS: Stamp(at("2h3m30s")), Event: flows.Event{Type: EventEnd}, Reason: "outcome"}))
	must(t, j.Close())
	return path, resumedAt
}

// TestCallDuration leaves the time while a session was quit out of the
// call time, the same in the summary, the JSON export and stats.
func TestCallDuration(t *testing.T) {
	path, _ := quitAndResume(t)
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const want = 9*time.Minute + 30*time.Second
	if got := CallDuration(l.Entries); got != want {
		t.Errorf("CallDuration %v, want %v", got, want)
	}
	s := Summarize(l)
	if s.Duration() != want {
		t.Errorf("summary %v, want %v", s.Duration(), want)
	}
	out, _, err := Export(s, FormatJSON)
	if err != nil || !bytes.Contains(out, []byte(`"duration_seconds": 570`)) {
		t.Errorf("export: %v\n%s", err, out)
	}
	st, err := CollectStats(filepath.Dir(path))
	if err != nil || len(st.Results) != 1 || st.Results[0].MedianSeconds != 570 {
		t.Errorf("stats: %v %+v", err, st.Results)
	}
}

func TestCallDurationCases(t *testing.T) {
	rec := func(typ flows.EventType, min int) Record {
		return Record{Type: typ, TS: Stamp(sessionStart.Add(time.Duration(min) * time.Minute))}
	}
	cases := map[string]struct {
		recs []Record
		want time.Duration
	}{
		"empty":                     {nil, 0},
		"start only":                {[]Record{rec(EventStart, 0)}, 0},
		"one stretch":               {[]Record{rec(EventStart, 0), rec(flows.EventStep, 2), rec(EventEnd, 5)}, 5 * time.Minute},
		"killed, then resumed":      {[]Record{rec(EventStart, 0), rec(flows.EventStep, 4), rec(EventResume, 60), rec(flows.EventStep, 61)}, 5 * time.Minute},
		"two resumes":               {[]Record{rec(EventStart, 0), rec(EventEnd, 1), rec(EventResume, 10), rec(EventEnd, 12), rec(EventResume, 30), rec(EventEnd, 33)}, 6 * time.Minute},
		"clock set back at resume":  {[]Record{rec(EventStart, 10), rec(EventEnd, 12), rec(EventResume, 0), rec(EventEnd, 1)}, 3 * time.Minute},
		"a record earlier than one": {[]Record{rec(EventStart, 0), rec(flows.EventStep, 5), rec(flows.EventOutcome, 4)}, 5 * time.Minute},
	}
	for name, c := range cases {
		if got := CallDuration(c.recs); got != c.want {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

// TestRebuildClock checks that a rebuilt walk dates what happens after
// the resume with the clock it is given, not with the last record's time.
func TestRebuildClock(t *testing.T) {
	gs := goldenSessions["resolved"]
	l, err := ReadFile(record(t, t.TempDir(), "", "", gs.acts[:3]))
	if err != nil {
		t.Fatal(err)
	}
	later := sessionStart.Add(5 * time.Hour)
	w, _, err := Rebuild(defaultTree(t), l, func() time.Time { return later })
	if err != nil {
		t.Fatal(err)
	}
	evs, err := w.Note("after the resume")
	if err != nil || !evs[0].At.Equal(later) {
		t.Errorf("note at %v, %v; want %v", evs[0].At, err, later)
	}
	if p := w.Path(); len(p) == 0 || !p[0].At.Before(later) {
		t.Errorf("replayed answers keep their recorded times: %+v", p)
	}
}
