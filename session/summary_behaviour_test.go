package session

import (
	"testing"
	"time"

	"deskside/flows"
)

// TestSummarySymptom: the symptom an export and the sessions listing show
// is the flow the walk began at when it began at one, else the answer
// given at the first step when that step is where the walk began, and
// nothing otherwise (no answer yet, or a log whose path starts elsewhere).
func TestSummarySymptom(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	answer := func(node, label string) flows.Event {
		return flows.Event{Type: flows.EventAnswer, At: at.Add(time.Minute), Node: node, Label: label, Next: "next"}
	}
	for name, c := range map[string]struct {
		flow string
		evs  []flows.Event
		want string
	}{
		"flow given":                  {"Teams says the token expired", []flows.Event{answer("triage", "OneDrive 0x8004de40")}, "Teams says the token expired"},
		"first answer at the start":   {"", []flows.Event{answer("triage", "OneDrive 0x8004de40"), answer("next", "Yes")}, "OneDrive 0x8004de40"},
		"first answer somewhere else": {"", []flows.Event{answer("next", "Yes")}, ""},
		"no answer yet":               {"", nil, ""},
	} {
		t.Run(name, func(t *testing.T) {
			j := NewMemoryJournal(Start{StartNode: "triage", Flow: c.flow}, at)
			if len(c.evs) > 0 {
				must(t, j.Append(c.evs...))
			}
			s, err := j.Summary()
			if err != nil {
				t.Fatal(err)
			}
			if s.Symptom != c.want {
				t.Errorf("Symptom %q, want %q", s.Symptom, c.want)
			}
		})
	}
}
