package session

import (
	"time"

	"deskside/flows"
)

// Frame is one step of a recorded session as a replay shows it: the step,
// what the operator did there, and when.
type Frame struct {
	Node  string
	Title string
	At    time.Time
	// Offset is the time since the session started.
	Offset time.Duration
	// Answer is what the operator chose here, if anything.
	Answer    string
	AnswerAt  time.Time
	Suggested bool
	Amends    string
	// WentBack is set when the operator left this step by going back.
	WentBack bool
	// Resumed is set when the session was continued at this step.
	Resumed  bool
	Probes   []ProbeRun
	Notes    []NoteEntry
	Findings []string
	Outcome  *OutcomeInfo
}

// Frames turns a journal into the steps a replay walks through, in the
// order they were shown, back-steps included: a coach sees the call as it
// happened, not only its final path.
func Frames(l *Log) []Frame {
	var out []Frame
	start := l.Entries[0].TS.Time()
	resumed := false
	cur := func() *Frame {
		if len(out) == 0 {
			out = append(out, Frame{Node: l.Start().StartNode, Title: l.Start().StartNode, At: start})
		}
		return &out[len(out)-1]
	}
	for _, e := range l.Entries[1:] {
		at := e.TS.Time()
		switch e.Type {
		case flows.EventStep:
			out = append(out, Frame{Node: e.Node, Title: e.Title, At: at, Offset: at.Sub(start), Resumed: resumed})
			resumed = false
		case EventResume:
			resumed = true
		case flows.EventAnswer:
			f := cur()
			f.Answer, f.AnswerAt, f.Suggested, f.Amends = e.Label, at, e.Suggested, e.Replaces
		case flows.EventBack:
			cur().WentBack = true
		case flows.EventProbe:
			run := ProbeRun{Probe: e.Probe, Node: e.Node, At: at, DurationMS: e.DurationMS}
			if e.Result != nil {
				run.Status, run.Summary, run.Facts = e.Result.Status, e.Result.Summary, e.Result.Facts
			}
			f := cur()
			f.Probes = append(f.Probes, run)
			f.Findings = append(f.Findings, e.Findings...)
		case flows.EventNote:
			f := cur()
			f.Notes = append(f.Notes, NoteEntry{At: at, Node: e.Node, Title: f.Title, Text: e.Text})
		case flows.EventOutcome:
			cur().Outcome = &OutcomeInfo{Result: e.Outcome, Node: e.Node, Title: e.Title, Summary: e.Summary, Packet: e.Packet, At: at}
		}
	}
	return out
}
