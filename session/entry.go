// Package session keeps the record of a support call: a journal appended
// and fsynced as each event happens, redacted before anything reaches the
// disk, readable after a crash, resumable, and exportable as the ticket
// attachment a tier-3 engineer reads.
package session

import (
	"encoding/json"
	"time"

	"deskside/flows"
)

// The event types the session adds around the walk's own events.
const (
	EventStart  flows.EventType = "session-start"
	EventResume flows.EventType = "resume"
	EventExport flows.EventType = "export"
	EventEnd    flows.EventType = "session-end"
)

// Entry is one line of a journal: a walk event or a session event, with a
// sequence number.
type Entry struct {
	Seq int `json:"seq"`
	// TS shadows Event.At so that times are written in UTC with
	// milliseconds, whatever clock produced them.
	TS Stamp `json:"ts"`
	flows.Event

	// Start describes the session; only on session-start and resume.
	*Start `json:"session,omitempty"`

	// Path and Format describe an export.
	Path   string `json:"path,omitempty"`
	Format string `json:"format,omitempty"`

	// Reason says why a session ended: outcome, quit or input-ended.
	Reason string `json:"reason,omitempty"`

	// Redacted counts what was masked in this entry, by kind.
	Redacted map[string]int `json:"redacted,omitempty"`
}

// Start is what the first line of a journal records about the session.
type Start struct {
	Version    string `json:"version"`
	TreeFile   string `json:"tree_file"`
	TreeTitle  string `json:"tree_title"`
	TreeSHA256 string `json:"tree_sha256"`
	Ticket     string `json:"ticket,omitempty"`
	Operator   string `json:"operator,omitempty"`
	OS         string `json:"os"`
	// StartNode is where the walk began: the tree's start or a flow's entry.
	StartNode string `json:"start_node"`
	// Flow is the title of the flow the walk began at, if not the start.
	Flow string `json:"flow,omitempty"`
	// Scenario is set for a training run.
	Scenario string `json:"scenario,omitempty"`
}

// Stamp is a time written as RFC 3339 in UTC with milliseconds.
type Stamp time.Time

// StampLayout is how journal times are written.
const StampLayout = "2006-01-02T15:04:05.000Z07:00"

// MarshalJSON writes the time in UTC with milliseconds.
func (s Stamp) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Time(s).UTC().Format(StampLayout))
}

// UnmarshalJSON reads any RFC 3339 time.
func (s *Stamp) UnmarshalJSON(b []byte) error {
	var t time.Time
	if err := json.Unmarshal(b, &t); err != nil {
		return err
	}
	*s = Stamp(t.UTC())
	return nil
}

// Time returns the stamp as a time.Time.
func (s Stamp) Time() time.Time { return time.Time(s) }
