package session

import (
	"slices"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// Summary is what a session came to, read from its journal alone: the
// final path (with amended answers marked), the evidence, the notes and
// the outcome. Exports, `sessions` and replays are built from it.
type Summary struct {
	Start   Start
	Started time.Time
	Ended   time.Time // the last entry's time
	// OnCall is the time on the call (CallDuration): quit-to-resume gaps
	// left out.
	OnCall   time.Duration
	Symptom  string
	Path     []PathStep
	Probes   []ProbeRun
	Findings []string
	Notes    []NoteEntry
	Outcome  *OutcomeInfo
	Backs    int
	// BackTo lists the steps the operator went back to, to answer again.
	BackTo []string
	// Current is the step the walk was at when the log ends.
	Current      string
	CurrentTitle string
	EndReason    string
	Exports      []string
	Redactions   map[string]int
	Problems     []string
}

// PathStep is one answered step of the final path.
type PathStep struct {
	Node      string    `json:"node"`
	Title     string    `json:"title"`
	Answer    string    `json:"answer"`
	Next      string    `json:"next"`
	At        time.Time `json:"at"`
	Suggested bool      `json:"suggested"`
	// Amends is the earlier answer at this step that this one replaced.
	Amends string `json:"amends,omitempty"`
	// Sets are the facts the answer established.
	Sets map[string]any `json:"sets,omitempty"`
	// Done are the step's steps (from 1) the operator ticked as done.
	Done []int `json:"done,omitempty"`
}

// ProbeRun is one check run during the session.
type ProbeRun struct {
	Probe      string         `json:"probe"`
	Node       string         `json:"node"`
	At         time.Time      `json:"at"`
	Status     probes.Status  `json:"status"`
	Summary    string         `json:"summary"`
	Facts      map[string]any `json:"facts,omitempty"`
	DurationMS int64          `json:"duration_ms"`
	// Pasted tells a check that read a paste from one that ran on this
	// PC, so an export can say which could not be read.
	Pasted bool `json:"-"`
}

// NoteEntry is one operator note.
type NoteEntry struct {
	At    time.Time `json:"at"`
	Node  string    `json:"node"`
	Title string    `json:"step_title"`
	Text  string    `json:"text"`
}

// OutcomeInfo is how the session ended.
type OutcomeInfo struct {
	Result  flows.Result `json:"result"`
	Node    string       `json:"node"`
	Title   string       `json:"title"`
	Summary string       `json:"summary"`
	Packet  []string     `json:"packet,omitempty"`
	At      time.Time    `json:"at"`
}

// Finished reports whether the session reached an outcome.
func (s *Summary) Finished() bool { return s.Outcome != nil }

// Duration is the time on the call, the same figure everywhere: from the
// start to the last entry, without the gaps while the session was quit.
func (s *Summary) Duration() time.Duration { return s.OnCall }

// Summarize reads what a session came to from its log.
func Summarize(l *Log) *Summary {
	s := &Summary{Start: l.Start(), Started: l.Entries[0].TS.Time(), OnCall: CallDuration(l.Entries), Problems: l.Problems()}
	titles := map[string]string{}
	for _, e := range l.Entries {
		s.Ended = e.TS.Time()
		s.Redactions = addCounts(s.Redactions, e.Redacted)
		switch e.Type {
		case flows.EventStep:
			titles[e.Node] = e.Title
			s.Current, s.CurrentTitle = e.Node, e.Title
			s.Outcome = nil
		case flows.EventAnswer:
			s.Path = append(s.Path, PathStep{Node: e.Node, Title: titles[e.Node], Answer: e.Label, Next: e.Next,
				At: e.TS.Time(), Suggested: e.Suggested, Amends: e.Replaces, Sets: e.Sets, Done: e.Done})
		case flows.EventBack:
			s.Backs++
			s.BackTo = append(s.BackTo, e.Node)
			if len(s.Path) > 0 {
				s.Path = s.Path[:len(s.Path)-1]
			}
		case flows.EventProbe:
			run := ProbeRun{Probe: e.Probe, Node: e.Node, At: e.TS.Time(), DurationMS: e.DurationMS, Pasted: e.Input != ""}
			if e.Result != nil {
				run.Status, run.Summary, run.Facts = e.Result.Status, e.Result.Summary, e.Result.Facts
			}
			s.Probes = append(s.Probes, run)
			for _, f := range e.Findings {
				if !slices.Contains(s.Findings, f) {
					s.Findings = append(s.Findings, f)
				}
			}
		case flows.EventNote:
			s.Notes = append(s.Notes, NoteEntry{At: e.TS.Time(), Node: e.Node, Title: titles[e.Node], Text: e.Text})
		case flows.EventOutcome:
			s.Outcome = &OutcomeInfo{Result: e.Outcome, Node: e.Node, Title: e.Title, Summary: e.Summary, Packet: e.Packet, At: e.TS.Time()}
		case EventExport:
			s.Exports = append(s.Exports, e.Path)
		case EventEnd:
			s.EndReason = e.Reason
		}
	}
	if s.Start.Flow != "" {
		s.Symptom = s.Start.Flow
	} else if len(s.Path) > 0 && s.Path[0].Node == s.Start.StartNode {
		s.Symptom = s.Path[0].Answer
	}
	return s
}
