// Package session keeps the record of a support call: a journal appended
// and fsynced as each event happens, redacted before anything reaches the
// disk, readable after a crash, resumable, and exportable as the ticket
// attachment a tier-3 engineer reads.
package session

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// The event types the session adds around the walk's own events.
const (
	EventStart  flows.EventType = "session-start"
	EventResume flows.EventType = "resume"
	EventExport flows.EventType = "export"
	EventEnd    flows.EventType = "session-end"
)

// FormatVersion is the journal format this deskside writes, on every
// line as "v". Version 1 (no "v") wrote the engine's event as it was;
// version 2 writes Record, whose fields session alone decides, so a
// change in the engine is not a change in the logs people keep.
// Version 2 adds suggested_choice, suggested_from and pid.
const FormatVersion = 2

// Record is one line of a journal as written and read: a walk event or a
// session event, with a sequence number. Only the fields of its type are
// set. The walk's events are converted at the boundary (recordOf), and a
// version-1 line reads into the same fields.
type Record struct {
	// V is the format version the line was written in; 0 means 1.
	V   int `json:"v,omitempty"`
	Seq int `json:"seq"`
	// TS is when it happened, written in UTC with milliseconds.
	TS   Stamp           `json:"ts"`
	Type flows.EventType `json:"type"`
	Node string          `json:"node,omitempty"`
	// Title is the step's title as shown (step, outcome, resume).
	Title string `json:"title,omitempty"`

	// SuggestedChoice and SuggestedFrom are the choice the facts suggested
	// when a step was shown (0-based; nil when none) and what set those
	// facts, as a sentence.
	SuggestedChoice *int   `json:"suggested_choice,omitempty"`
	SuggestedFrom   string `json:"suggested_from,omitempty"`

	// Label, Next and Suggested describe an answer; Replaces is the
	// earlier answer at the same step that this one amends.
	Label     string `json:"label,omitempty"`
	Next      string `json:"next,omitempty"`
	Suggested bool   `json:"suggested,omitempty"`
	Replaces  string `json:"replaces,omitempty"`
	// Sets are the facts the answer established.
	Sets map[string]any `json:"sets,omitempty"`
	// Done are the steps (from 1) the operator ticked before answering.
	Done []int `json:"done,omitempty"`

	// Probe, Input, Result, DurationMS and Findings describe a check run;
	// Input is what was pasted, redacted.
	Probe      string       `json:"probe,omitempty"`
	Input      string       `json:"input,omitempty"`
	Result     *ProbeResult `json:"result,omitempty"`
	DurationMS int64        `json:"duration_ms,omitempty"`
	Findings   []string     `json:"findings,omitempty"`

	// Text is a note's text.
	Text string `json:"text,omitempty"`

	// From is the step a back event left.
	From string `json:"from,omitempty"`

	// Outcome, Summary and Packet describe the end of the walk; the packet
	// travels with the record so a log reads fully without the tree.
	Outcome flows.Result `json:"outcome,omitempty"`
	Summary string       `json:"summary,omitempty"`
	Packet  []string     `json:"packet,omitempty"`

	// Start describes the session; only on session-start.
	Start *Start `json:"session,omitempty"`

	// PID is the process that started or resumed the session, named when
	// another one finds the log locked.
	PID int `json:"pid,omitempty"`

	// Path and Format describe an export.
	Path   string `json:"path,omitempty"`
	Format string `json:"format,omitempty"`

	// Reason says why a session ended: outcome, quit or input-ended.
	Reason string `json:"reason,omitempty"`

	// Redacted counts what was masked in this line, by kind.
	Redacted map[string]int `json:"redacted,omitempty"`
}

// ProbeResult is a check's result as the journal keeps it: the same four
// fields as probes.Result, declared here so a change to the probes'
// type is not a change to the log format.
type ProbeResult struct {
	Status  probes.Status  `json:"status"`
	Summary string         `json:"summary"`
	Facts   map[string]any `json:"facts,omitempty"`
	Details []string       `json:"details,omitempty"`
}

// probeResult converts a probe's result to the journal's form.
func probeResult(r *probes.Result) *ProbeResult {
	if r == nil {
		return nil
	}
	return &ProbeResult{Status: r.Status, Summary: r.Summary, Facts: r.Facts, Details: slices.Clone(r.Details)}
}

// Probes converts the journal's result back to what the engine applies.
func (r *ProbeResult) Probes() probes.Result {
	return probes.Result{Status: r.Status, Summary: r.Summary, Facts: r.Facts, Details: r.Details}
}

// recordOf converts one of the walk's events to a journal record: the
// one place where the engine's event becomes the log's format.
func recordOf(ev flows.Event) Record {
	return Record{
		TS: Stamp(ev.At), Type: ev.Type, Node: ev.Node, Title: ev.Title,
		SuggestedChoice: ev.SuggestedIndex, SuggestedFrom: ev.SuggestedFrom,
		Label: ev.Label, Next: ev.Next, Suggested: ev.Suggested, Replaces: ev.Replaces, Sets: ev.Sets, Done: slices.Clone(ev.Done),
		Probe: ev.Probe, Input: ev.Input, Result: probeResult(ev.Result), DurationMS: ev.DurationMS, Findings: slices.Clone(ev.Findings),
		Text: ev.Text, From: ev.From,
		Outcome: ev.Outcome, Summary: ev.Summary, Packet: slices.Clone(ev.Packet),
	}
}

// Entry is a session event for AppendEntry: the session's own events
// (start, resume, export, end) carry the fields after Event. It is what
// callers build; Record is what the journal writes.
type Entry struct {
	// TS is when it happened; zero means Event.At.
	TS Stamp
	flows.Event

	// Start describes the session; only on session-start.
	*Start

	// Path and Format describe an export.
	Path   string
	Format string

	// Reason says why a session ended: outcome, quit or input-ended.
	Reason string
}

// record converts an entry to its journal record.
func (e Entry) record() Record {
	r := recordOf(e.Event)
	if !e.TS.Time().IsZero() {
		r.TS = e.TS
	}
	r.Start, r.Path, r.Format, r.Reason = e.Start, e.Path, e.Format, e.Reason
	return r
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

// UnmarshalJSON reads any RFC 3339 time. A plain quoted time, as the
// journal writes it, is parsed directly: stats reads one on every line.
func (s *Stamp) UnmarshalJSON(b []byte) error {
	var t time.Time
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && !bytes.ContainsRune(b[1:len(b)-1], '\\') {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, string(b[1:len(b)-1])); err != nil {
			return fmt.Errorf("session: a time in the log is not RFC 3339: %w", err)
		}
	} else if err := json.Unmarshal(b, &t); err != nil {
		return err
	}
	*s = Stamp(t.UTC())
	return nil
}

// Time returns the stamp as a time.Time.
func (s Stamp) Time() time.Time { return time.Time(s) }
