package session

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"deskside/flows"
)

// Rebuild replays a journal onto a tree and returns the walk where the
// session stopped, with its path, facts and notes. While replaying, the
// walk's clock reads each record's time; afterwards it reads now (nil:
// time.Now), so what happens after a resume carries the time it happens,
// not the time of the quit. A journal written with another tree file is
// replayed only if every step and answer on it still exists; the warning
// then says so.
func Rebuild(t *flows.Tree, l *Log, now func() time.Time) (w *flows.Walk, warning string, err error) {
	st := l.Start()
	if _, ok := t.Nodes[st.StartNode]; !ok {
		return nil, "", fmt.Errorf("session: this log began at step %q, which %s does not have; resume it with --flows naming the tree file it was recorded with", st.StartNode, t.File)
	}
	if st.TreeSHA256 != t.SHA256 {
		warning = fmt.Sprintf("this session was recorded with another version of the tree (sha256 %s, now %s); every step on its path still exists, so it continues", short(st.TreeSHA256), short(t.SHA256))
	}
	if now == nil {
		now = time.Now
	}
	replaying, at := true, l.Entries[0].TS.Time()
	clock := func() time.Time {
		if replaying {
			return at
		}
		return now()
	}
	w, _ = flows.NewWalkAt(t, st.StartNode, clock)
	defer func() { replaying = false }()
	for _, e := range l.Entries[1:] {
		at = e.TS.Time()
		var err error
		switch e.Type {
		case flows.EventAnswer:
			if e.Node != w.Current().ID {
				err = fmt.Errorf("the log answers step %q while the walk is at %q", e.Node, w.Current().ID)
			} else {
				_, err = w.ChooseNext(e.Next, e.Label)
			}
		case flows.EventBack:
			_, err = w.Back()
		case flows.EventProbe:
			if e.Result != nil {
				w.ApplyProbe(e.Probe, e.Input, e.Result.Probes(), time.Duration(e.DurationMS)*time.Millisecond)
			}
		case flows.EventNote:
			_, err = w.Note(e.Text)
		}
		if err != nil {
			if warning != "" {
				return nil, "", fmt.Errorf("session: this session was recorded with another version of the tree, and its path no longer fits it (line %d: %v); resume it with --flows naming the original tree file", e.Seq, err)
			}
			return nil, "", fmt.Errorf("session: the log does not replay onto its own tree at entry %d: %v", e.Seq, err)
		}
	}
	return w, warning, nil
}

// Listing is one session in `deskside sessions`.
type Listing struct {
	Path     string
	Started  time.Time
	Ticket   string
	Operator string
	LastStep string
	// Outcome is the result, or empty when unfinished.
	Outcome  string
	Scenario string
	Problem  string // why the log could not be read, if it could not
}

// Finished reports whether the session reached an outcome.
func (l Listing) Finished() bool { return l.Outcome != "" }

// List reads the session logs in dir, newest first.
func List(dir string) ([]Listing, error) { return ListRecent(dir, 0) }

// ListRecent reads the n newest session logs in dir (all when n is 0),
// newest first. File names start with the UTC start time, so the newest
// are found without opening the others: the wizard's start screen reads a
// few of them without slowing its first frame.
func ListRecent(dir string, n int) ([]Listing, error) {
	files, err := logFiles(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session: cannot read the log folder: %w", err)
	}
	if n > 0 {
		files = files[max(0, len(files)-n):]
	}
	out := make([]Listing, 0, len(files))
	for _, f := range files {
		l, err := ReadFile(f)
		if err != nil {
			out = append(out, Listing{Path: f, Problem: strings.TrimPrefix(err.Error(), "session: ")})
			continue
		}
		s := Summarize(l)
		li := Listing{Path: f, Started: s.Started, Ticket: s.Start.Ticket, Operator: s.Start.Operator,
			LastStep: s.CurrentTitle, Scenario: s.Start.Scenario}
		if s.Outcome != nil {
			li.Outcome = s.Outcome.Result.String()
		}
		out = append(out, li)
	}
	slices.SortStableFunc(out, func(a, b Listing) int {
		if c := b.Started.Compare(a.Started); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// NewestUnfinished returns the newest session in dir that has no outcome.
func NewestUnfinished(dir string) (string, error) {
	list, err := List(dir)
	if err != nil {
		return "", err
	}
	for _, l := range list {
		if l.Problem == "" && !l.Finished() {
			return l.Path, nil
		}
	}
	return "", fmt.Errorf("session: no unfinished session in %s; name a log to resume", dir)
}

// OutcomeComplete reports whether the log records the end of a walk that
// reached an outcome: an outcome record and a session-end after the last
// step. A process killed between showing the outcome and recording it
// leaves a log whose walk ends at an outcome without them; FinishOutcome
// completes it.
func (l *Log) OutcomeComplete() bool {
	outcome, ended := l.afterLastStep()
	return outcome && ended
}

// afterLastStep says whether an outcome record and a session-end follow
// the log's last step record.
func (l *Log) afterLastStep() (outcome, ended bool) {
	for _, e := range slices.Backward(l.Entries) {
		switch e.Type {
		case flows.EventStep:
			return outcome, ended
		case flows.EventOutcome:
			outcome = true
		case EventEnd:
			ended = true
		}
	}
	return outcome, ended
}

// FinishOutcome completes a session whose walk w (rebuilt from l) reached
// an outcome that l does not fully record: it records the outcome at the
// time its step was shown, writes the Markdown summary beside the log if
// none was written since, and ends the session. j is l reopened. It
// returns the summary's path ("" when one was already written).
func FinishOutcome(j *Journal, l *Log, w *flows.Walk, at time.Time) (string, error) {
	if !w.Ended() {
		return "", fmt.Errorf("session: %s has not reached an outcome; resume it to continue", l.Path)
	}
	outcome, ended := l.afterLastStep()
	exported := false
	stepAt := at
	for _, e := range slices.Backward(l.Entries) {
		if e.Type == flows.EventStep {
			stepAt = e.TS.Time()
			break
		}
		exported = exported || e.Type == EventExport
	}
	if !outcome {
		n := w.Current()
		ev := flows.Event{Type: flows.EventOutcome, At: stepAt, Node: n.ID, Title: n.Title, Outcome: n.Result, Summary: n.Summary, Packet: slices.Clone(n.Packet)}
		if err := j.Append(ev); err != nil {
			return "", err
		}
	}
	path := ""
	if !exported {
		var err error
		if path, _, err = j.ExportBeside(at); err != nil {
			return "", err
		}
	}
	if !ended {
		if err := j.AppendEntry(Entry{TS: Stamp(at), Event: flows.Event{Type: EventEnd}, Reason: "outcome"}); err != nil {
			return path, err
		}
	}
	return path, nil
}

// ReadForResume reads the log that resume names, refusing anything that
// is not a session log before anything is written to it. A ticket summary
// exported beside its log (.md, .txt, .json) is named as such, with the
// log to resume instead.
func ReadForResume(path string) (*Log, error) {
	if ext := filepath.Ext(path); ext != ".jsonl" {
		if log := strings.TrimSuffix(path, ext) + ".jsonl"; regularFile(log) == nil {
			return nil, fmt.Errorf("session: %s is the ticket summary of a session, not its log; resume the log: deskside resume %s", path, log)
		}
	}
	return ReadFile(path)
}
