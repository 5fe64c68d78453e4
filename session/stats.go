package session

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// Stats is what a folder of session logs says about a team's calls:
// outcomes, what resolved them and how long calls took, the common paths,
// where operators go back, and how often checks cannot read their input.
type Stats struct {
	Dir        string        `json:"dir"`
	Sessions   int           `json:"sessions"`
	Finished   int           `json:"finished"`
	Unfinished int           `json:"unfinished"`
	Training   int           `json:"training_sessions_skipped"`
	Unreadable int           `json:"unreadable_logs"`
	Results    []ResultStat  `json:"results"`
	Outcomes   []OutcomeStat `json:"outcomes"`
	Paths      []PathStat    `json:"common_paths"`
	Backs      []StepStat    `json:"answers_taken_back"`
	Probes     []ProbeStat   `json:"probes"`
	// Damaged counts the logs read with damaged, cut-off or
	// out-of-sequence lines (counted as far as they could be read);
	// Warnings names the first few of them and what was wrong.
	Damaged  int      `json:"logs_with_problems"`
	Warnings []string `json:"warnings,omitempty"`
}

// ResultStat counts sessions by result, with their median call time.
type ResultStat struct {
	Result        string `json:"result"`
	Count         int    `json:"count"`
	MedianSeconds int    `json:"median_seconds"`
}

// OutcomeStat counts sessions by outcome node: which method or branch
// resolved (or escalated) how many.
type OutcomeStat struct {
	Node          string `json:"node"`
	Title         string `json:"title"`
	Result        string `json:"result"`
	Count         int    `json:"count"`
	MedianSeconds int    `json:"median_seconds"`
}

// PathStat is a path walked by several sessions, to the outcome. Paths
// are counted from the step after triage: a session started at a flow
// and one that reached the same flow through triage walked one path.
type PathStat struct {
	Path  []string `json:"path"`
	Count int      `json:"count"`
}

// StepStat counts how often operators went back to revise a step.
type StepStat struct {
	Node  string `json:"node"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

// ProbeStat counts a probe's runs and those that read nothing (error or
// unavailable).
type ProbeStat struct {
	Probe     string  `json:"probe"`
	Runs      int     `json:"runs"`
	Errors    int     `json:"errors"`
	ErrorRate float64 `json:"error_rate"`
}

// TopN bounds the lists of paths and steps.
const TopN = 10

// maxWarnings bounds the logs Stats names in Warnings.
const maxWarnings = 5

// CollectStats reads every session log in dir and aggregates while it
// reads: one worker a core, each folding the logs it reads into counts
// of its own, merged at the end. Memory grows with the number of distinct
// paths, outcomes and call lengths, not with the number of logs, and the
// folder is listed in batches. Training runs are counted apart and left
// out of the figures.
func CollectStats(dir string) (*Stats, error) {
	d, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return statsOf(dir, newTally()), nil
	}
	if err != nil {
		return nil, fmt.Errorf("session: cannot read the log folder: %w", err)
	}
	defer d.Close()
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan string, 4*workers)
	tallies := make([]*tally, workers)
	var wg sync.WaitGroup
	for i := range tallies {
		t := newTally()
		tallies[i] = t
		wg.Go(func() {
			r := newStatReader()
			for path := range jobs {
				r.add(t, path)
			}
		})
	}
	var listErr error
	for {
		ents, err := d.ReadDir(1024)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".jsonl") && e.Type().IsRegular() {
				jobs <- filepath.Join(dir, e.Name())
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				listErr = fmt.Errorf("session: cannot read the log folder: %w", err)
			}
			break
		}
	}
	close(jobs)
	wg.Wait()
	if listErr != nil {
		return nil, listErr
	}
	all := tallies[0]
	for _, t := range tallies[1:] {
		all.merge(t)
	}
	return statsOf(dir, all), nil
}

// histogram counts call lengths in whole seconds: a median from it is
// exact, and its size is bounded by the distinct lengths, not the calls.
type histogram map[int]int

func (h histogram) count() int {
	n := 0
	for _, c := range h {
		n += c
	}
	return n
}

// median is the middle length (the mean of the two middle ones, rounded
// down, for an even count).
func (h histogram) median() int {
	n := h.count()
	if n == 0 {
		return 0
	}
	keys := make([]int, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// at returns the i-th smallest length, 0-based.
	at := func(i int) int {
		for _, k := range keys {
			if i < h[k] {
				return k
			}
			i -= h[k]
		}
		return keys[len(keys)-1]
	}
	if n%2 == 1 {
		return at(n / 2)
	}
	return (at(n/2-1) + at(n/2)) / 2
}

type outcomeKey struct{ node, title, result string }

// seenTitle is a step's title and when it was seen, so the newest wording
// wins whatever order the logs are read in.
type seenTitle struct {
	text string
	at   time.Time
}

// tally is what CollectStats keeps while reading: counts by key only.
type tally struct {
	sessions, finished, unfinished, training, unreadable, damaged int

	byResult  map[string]histogram
	byOutcome map[outcomeKey]histogram
	paths     map[string]int
	backs     map[string]int
	titles    map[string]seenTitle
	probes    map[string]*ProbeStat
	warnings  []string // "path: problem", sorted, at most maxWarnings
}

func newTally() *tally {
	return &tally{byResult: map[string]histogram{}, byOutcome: map[outcomeKey]histogram{}, paths: map[string]int{},
		backs: map[string]int{}, titles: map[string]seenTitle{}, probes: map[string]*ProbeStat{}}
}

func (t *tally) title(node, text string, at time.Time) {
	if old, ok := t.titles[node]; !ok || at.After(old.at) || (at.Equal(old.at) && text < old.text) {
		t.titles[node] = seenTitle{text, at}
	}
}

func (t *tally) warn(w string) {
	t.warnings = append(t.warnings, w)
	slices.Sort(t.warnings)
	t.warnings = t.warnings[:min(len(t.warnings), maxWarnings)]
}

// call counts n finished calls of secs seconds that ended at outcome k.
func (t *tally) call(k outcomeKey, secs, n int) {
	if t.byResult[k.result] == nil {
		t.byResult[k.result] = histogram{}
	}
	t.byResult[k.result][secs] += n
	if t.byOutcome[k] == nil {
		t.byOutcome[k] = histogram{}
	}
	t.byOutcome[k][secs] += n
}

func (t *tally) probe(name string, runs, errs int) {
	ps := t.probes[name]
	if ps == nil {
		ps = &ProbeStat{Probe: name}
		t.probes[name] = ps
	}
	ps.Runs += runs
	ps.Errors += errs
}

// merge adds o's counts into t.
func (t *tally) merge(o *tally) {
	t.sessions += o.sessions
	t.finished += o.finished
	t.unfinished += o.unfinished
	t.training += o.training
	t.unreadable += o.unreadable
	t.damaged += o.damaged
	for k, h := range o.byOutcome {
		for secs, n := range h {
			t.call(k, secs, n)
		}
	}
	for k, c := range o.paths {
		t.paths[k] += c
	}
	for k, c := range o.backs {
		t.backs[k] += c
	}
	for k, v := range o.titles {
		t.title(k, v.text, v.at)
	}
	for k, p := range o.probes {
		t.probe(k, p.Runs, p.Errors)
	}
	for _, w := range o.warnings {
		t.warn(w)
	}
}

// statLine is the part of a journal line stats reads. Decoding only
// these fields skips the pasted inputs and the checks' facts without
// building them, which is most of a log's bytes.
type statLine struct {
	V       int             `json:"v"`
	Seq     int             `json:"seq"`
	TS      Stamp           `json:"ts"`
	Type    flows.EventType `json:"type"`
	Node    string          `json:"node"`
	Title   string          `json:"title"`
	Probe   string          `json:"probe"`
	Outcome flows.Result    `json:"outcome"`
	Result  *struct {
		Status probes.Status `json:"status"`
	} `json:"result"`
	Start *struct {
		StartNode string `json:"start_node"`
		Flow      string `json:"flow"`
		Scenario  string `json:"scenario"`
	} `json:"session"`
}

// statReader reads logs for stats, keeping its buffers from one log to
// the next.
type statReader struct {
	br   *bufio.Reader
	line []byte

	// One session's state, reset for each log.
	start      statLine
	started    bool
	path       []string
	backs      []string
	runs       map[string][2]int // runs and errors by probe
	titles     map[string]string
	outcome    statLine
	hasOutcome bool
	call       callTime
	seq        seqCheck
	log        Log // collects sequence problems
	newer      bool
}

func newStatReader() *statReader {
	return &statReader{br: bufio.NewReaderSize(nil, 64<<10), runs: map[string][2]int{}, titles: map[string]string{}}
}

// add reads one log and folds it into t. It reads the log as Read does
// (damaged lines skipped, a cut-off last line tolerated, the first line
// a session-start) and sums it up as Summarize does;
// TestStatsAgreeWithSummarize holds them together.
func (r *statReader) add(t *tally, path string) {
	if !r.read(path) {
		t.unreadable++
		return
	}
	st := r.start.Start
	if st.Scenario != "" {
		t.training++
		return
	}
	if p := r.problem(); p != "" {
		t.damaged++
		t.warn(path + ": " + p)
	}
	t.sessions++
	for n, text := range r.titles {
		t.title(n, text, r.start.TS.Time())
	}
	for _, n := range r.backs {
		t.backs[n]++
	}
	for name, c := range r.runs {
		t.probe(name, c[0], c[1])
	}
	if !r.hasOutcome {
		t.unfinished++
		return
	}
	t.finished++
	t.call(outcomeKey{r.outcome.Node, r.outcome.Title, r.outcome.Outcome.String()}, int(r.call.total(time.Time{}).Seconds()), 1)
	t.paths[pathKey(r.path, r.outcome.Node, st.StartNode, st.Flow)]++
}

// pathKey is how a finished session's path is counted: its answered
// steps and its outcome, from the step after triage when the session
// began at the tree's start, so that it counts as one with a session
// started at the flow triage led to.
func pathKey(answered []string, outcome, startNode, flow string) string {
	ids := append(slices.Clip(answered), outcome)
	if flow == "" && len(ids) > 2 && ids[0] == startNode {
		ids = ids[1:]
	}
	return strings.Join(ids, " ")
}

// read reads the log at path into r's session state; false when it is
// not a readable session log.
func (r *statReader) read(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	r.br.Reset(f)
	r.started, r.hasOutcome, r.path, r.backs, r.newer = false, false, r.path[:0], r.backs[:0], false
	clear(r.runs)
	clear(r.titles)
	r.call, r.seq, r.log = callTime{}, seqCheck{}, Log{}
	lineNo := 0
	for {
		line, err := r.readLine()
		if len(line) > 0 {
			lineNo++
			if b := bytes.TrimSpace(line); len(b) > 0 {
				var e statLine
				switch jerr := json.Unmarshal(b, &e); {
				case jerr != nil || e.Type == "":
					if err == nil {
						r.log.Damaged = append(r.log.Damaged, lineNo)
					} else {
						r.log.Torn = true
					}
				case !r.started && (e.Type != EventStart || e.Start == nil):
					return false
				default:
					if !r.started {
						r.start, r.started = e, true
					}
					r.fold(&e, lineNo)
				}
			}
		}
		if err != nil {
			return r.started && errors.Is(err, io.EOF)
		}
	}
}

// problem says in a few words what was wrong with the log just read.
func (r *statReader) problem() string {
	var out []string
	if len(r.log.Damaged) > 0 || r.log.Torn {
		out = append(out, "damaged or cut-off lines")
	}
	for _, p := range r.log.Disorder {
		if p.Seq <= p.Prev || (len(r.log.Damaged) == 0 && !r.log.Torn) {
			out = append(out, "lines out of sequence")
			break
		}
	}
	if r.newer {
		out = append(out, "lines written by a newer deskside")
	}
	return strings.Join(out, ", ")
}

// fold takes one line of a log into the session's state, as Summarize
// does.
func (r *statReader) fold(e *statLine, lineNo int) {
	r.call.add(e.Type, e.TS.Time())
	r.seq.check(&r.log, lineNo, e.Seq)
	r.newer = r.newer || e.V > FormatVersion
	switch e.Type {
	case flows.EventStep:
		r.titles[e.Node] = e.Title
		r.hasOutcome = false
	case flows.EventAnswer:
		r.path = append(r.path, e.Node)
	case flows.EventBack:
		r.backs = append(r.backs, e.Node)
		if len(r.path) > 0 {
			r.path = r.path[:len(r.path)-1]
		}
	case flows.EventProbe:
		c := r.runs[e.Probe]
		c[0]++
		if e.Result != nil && (e.Result.Status == probes.StatusError || e.Result.Status == probes.StatusUnavailable) {
			c[1]++
		}
		r.runs[e.Probe] = c
	case flows.EventOutcome:
		r.outcome, r.hasOutcome = *e, true
	}
}

// readLine reads the next line into a buffer kept between calls; a line
// over MaxLine is cut, so it reads as damaged.
func (r *statReader) readLine() ([]byte, error) {
	r.line = r.line[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(r.line)+len(chunk) <= MaxLine {
			r.line = append(r.line, chunk...)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return r.line, err
		}
	}
}

func statsOf(dir string, t *tally) *Stats {
	st := &Stats{Dir: dir, Sessions: t.sessions, Finished: t.finished, Unfinished: t.unfinished, Training: t.training,
		Unreadable: t.unreadable, Damaged: t.damaged, Warnings: t.warnings}
	for _, r := range []flows.Result{flows.ResultResolved, flows.ResultEscalate, flows.ResultNotThisProblem} {
		if h := t.byResult[r.String()]; h.count() > 0 {
			st.Results = append(st.Results, ResultStat{Result: r.String(), Count: h.count(), MedianSeconds: h.median()})
		}
	}
	for k, h := range t.byOutcome {
		st.Outcomes = append(st.Outcomes, OutcomeStat{Node: k.node, Title: k.title, Result: k.result, Count: h.count(), MedianSeconds: h.median()})
	}
	slices.SortFunc(st.Outcomes, func(a, b OutcomeStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return cmp.Or(strings.Compare(a.Node, b.Node), strings.Compare(a.Title, b.Title), strings.Compare(a.Result, b.Result))
	})
	for p, n := range t.paths {
		st.Paths = append(st.Paths, PathStat{Path: strings.Fields(p), Count: n})
	}
	slices.SortFunc(st.Paths, func(a, b PathStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(strings.Join(a.Path, " "), strings.Join(b.Path, " "))
	})
	st.Paths = st.Paths[:min(len(st.Paths), TopN)]
	for n, c := range t.backs {
		st.Backs = append(st.Backs, StepStat{Node: n, Title: t.titles[n].text, Count: c})
	}
	slices.SortFunc(st.Backs, func(a, b StepStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Node, b.Node)
	})
	st.Backs = st.Backs[:min(len(st.Backs), TopN)]
	for _, p := range t.probes {
		p.ErrorRate = float64(p.Errors) / float64(p.Runs)
		st.Probes = append(st.Probes, *p)
	}
	slices.SortFunc(st.Probes, func(a, b ProbeStat) int { return strings.Compare(a.Probe, b.Probe) })
	return st
}

// Minutes writes seconds as m:ss.
func Minutes(secs int) string { return fmt.Sprintf("%d:%02d", secs/60, secs%60) }

// Markdown renders the statistics as tables for a report.
func (st *Stats) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# deskside sessions in %s\n\n", st.Dir)
	fmt.Fprintf(&b, "%d sessions: %d finished, %d unfinished", st.Sessions, st.Finished, st.Unfinished)
	if st.Training > 0 || st.Unreadable > 0 {
		fmt.Fprintf(&b, " (%d training runs and %d unreadable logs left out)", st.Training, st.Unreadable)
	}
	b.WriteString(".\n\n## Results\n\n| Result | Sessions | Median call |\n|---|---:|---:|\n")
	for _, r := range st.Results {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", r.Result, r.Count, Minutes(r.MedianSeconds))
	}
	b.WriteString("\n## What ended the calls\n\n| Outcome | Result | Sessions | Median call |\n|---|---|---:|---:|\n")
	for _, o := range st.Outcomes {
		fmt.Fprintf(&b, "| %s (`%s`) | %s | %d | %s |\n", mdCell(o.Title), o.Node, o.Result, o.Count, Minutes(o.MedianSeconds))
	}
	b.WriteString("\n## Most common paths\n\n| Sessions | Path |\n|---:|---|\n")
	for _, p := range st.Paths {
		fmt.Fprintf(&b, "| %d | %s |\n", p.Count, strings.Join(p.Path, " › "))
	}
	b.WriteString("\n## Answers most often taken back\n\n| Step | Times |\n|---|---:|\n")
	for _, s := range st.Backs {
		fmt.Fprintf(&b, "| %s (`%s`) | %d |\n", mdCell(s.Title), s.Node, s.Count)
	}
	b.WriteString("\n## Checks\n\n| Probe | Runs | Could not read | Rate |\n|---|---:|---:|---:|\n")
	for _, p := range st.Probes {
		fmt.Fprintf(&b, "| %s | %d | %d | %.0f%% |\n", p.Probe, p.Runs, p.Errors, p.ErrorRate*100)
	}
	return b.String()
}

// CSV renders the statistics as one table: section, key, label, count,
// median seconds, and error rate where they apply.
func (st *Stats) CSV() string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"section", "key", "label", "count", "median_seconds", "error_rate"})
	w.Write([]string{"sessions", "all", "", strconv.Itoa(st.Sessions), "", ""})
	w.Write([]string{"sessions", "finished", "", strconv.Itoa(st.Finished), "", ""})
	w.Write([]string{"sessions", "unfinished", "", strconv.Itoa(st.Unfinished), "", ""})
	for _, r := range st.Results {
		w.Write([]string{"result", r.Result, "", strconv.Itoa(r.Count), strconv.Itoa(r.MedianSeconds), ""})
	}
	for _, o := range st.Outcomes {
		w.Write([]string{"outcome", o.Node, o.Title, strconv.Itoa(o.Count), strconv.Itoa(o.MedianSeconds), ""})
	}
	for _, p := range st.Paths {
		w.Write([]string{"path", strings.Join(p.Path, " "), "", strconv.Itoa(p.Count), "", ""})
	}
	for _, s := range st.Backs {
		w.Write([]string{"taken_back", s.Node, s.Title, strconv.Itoa(s.Count), "", ""})
	}
	for _, p := range st.Probes {
		w.Write([]string{"probe", p.Probe, "", strconv.Itoa(p.Runs), "", strconv.FormatFloat(p.ErrorRate, 'f', 3, 64)})
	}
	w.Flush()
	return buf.String()
}
