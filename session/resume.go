package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"deskside/flows"
)

// Rebuild replays a journal onto a tree and returns the walk where the
// session stopped, with its path, facts and notes. A journal written with
// another tree file is replayed only if every step and answer on it still
// exists; the warning then says so.
func Rebuild(t *flows.Tree, l *Log) (w *flows.Walk, warning string, err error) {
	st := l.Start()
	if _, ok := t.Nodes[st.StartNode]; !ok {
		return nil, "", fmt.Errorf("session: this log began at step %q, which %s does not have; resume it with --flows naming the tree file it was recorded with", st.StartNode, t.File)
	}
	if st.TreeSHA256 != t.SHA256 {
		warning = fmt.Sprintf("this session was recorded with another version of the tree (sha256 %s, now %s); every step on its path still exists, so it continues", short(st.TreeSHA256), short(t.SHA256))
	}
	var now time.Time
	clock := func() time.Time { return now }
	now = l.Entries[0].TS.Time()
	w, _ = flows.NewWalkAt(t, st.StartNode, clock)
	for _, e := range l.Entries[1:] {
		now = e.TS.Time()
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
				w.ApplyProbe(e.Probe, "", e.Result.Probes(), time.Duration(e.DurationMS)*time.Millisecond)
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
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if n > 0 && len(files) > n {
		slices.Sort(files)
		files = files[len(files)-n:]
	}
	if _, err := os.Stat(dir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("session: cannot read the log folder: %w", err)
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
