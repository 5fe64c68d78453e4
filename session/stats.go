package session

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

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

// PathStat is a path walked by several sessions, start to outcome.
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

// CollectStats reads every session log in dir, in parallel. Training
// runs are counted apart and left out of the figures.
func CollectStats(dir string) (*Stats, error) {
	files, err := logFiles(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("session: cannot read the log folder: %w", err)
	}
	sums := make([]*Summary, len(files))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if l, err := ReadFile(files[i]); err == nil {
					sums[i] = Summarize(l)
				}
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return statsOf(dir, sums), nil
}

func statsOf(dir string, sums []*Summary) *Stats {
	st := &Stats{Dir: dir}
	type outcomeKey struct{ node, title, result string }
	byResult := map[string][]int{}
	byOutcome := map[outcomeKey][]int{}
	paths := map[string]int{}
	backs := map[string]int{}
	titles := map[string]string{}
	probeRuns := map[string]*ProbeStat{}
	for _, s := range sums {
		switch {
		case s == nil:
			st.Unreadable++
			continue
		case s.Start.Scenario != "":
			st.Training++
			continue
		}
		st.Sessions++
		for _, p := range s.Path {
			titles[p.Node] = p.Title
		}
		for _, n := range s.BackTo {
			backs[n]++
		}
		for _, p := range s.Probes {
			ps := probeRuns[p.Probe]
			if ps == nil {
				ps = &ProbeStat{Probe: p.Probe}
				probeRuns[p.Probe] = ps
			}
			ps.Runs++
			if p.Status == probes.StatusError || p.Status == probes.StatusUnavailable {
				ps.Errors++
			}
		}
		if s.Outcome == nil {
			st.Unfinished++
			continue
		}
		st.Finished++
		secs := int(s.Duration().Seconds())
		r := s.Outcome.Result.String()
		byResult[r] = append(byResult[r], secs)
		k := outcomeKey{s.Outcome.Node, s.Outcome.Title, r}
		byOutcome[k] = append(byOutcome[k], secs)
		ids := make([]string, 0, len(s.Path)+1)
		for _, p := range s.Path {
			ids = append(ids, p.Node)
		}
		ids = append(ids, s.Outcome.Node)
		paths[strings.Join(ids, " ")]++
	}
	for _, r := range []flows.Result{flows.ResultResolved, flows.ResultEscalate, flows.ResultNotThisProblem} {
		if t := byResult[r.String()]; len(t) > 0 {
			st.Results = append(st.Results, ResultStat{Result: r.String(), Count: len(t), MedianSeconds: median(t)})
		}
	}
	for k, t := range byOutcome {
		st.Outcomes = append(st.Outcomes, OutcomeStat{Node: k.node, Title: k.title, Result: k.result, Count: len(t), MedianSeconds: median(t)})
	}
	slices.SortFunc(st.Outcomes, func(a, b OutcomeStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Node, b.Node)
	})
	for p, n := range paths {
		st.Paths = append(st.Paths, PathStat{Path: strings.Fields(p), Count: n})
	}
	slices.SortFunc(st.Paths, func(a, b PathStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(strings.Join(a.Path, " "), strings.Join(b.Path, " "))
	})
	st.Paths = st.Paths[:min(len(st.Paths), TopN)]
	for n, c := range backs {
		st.Backs = append(st.Backs, StepStat{Node: n, Title: titles[n], Count: c})
	}
	slices.SortFunc(st.Backs, func(a, b StepStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Node, b.Node)
	})
	st.Backs = st.Backs[:min(len(st.Backs), TopN)]
	for _, p := range probeRuns {
		p.ErrorRate = float64(p.Errors) / float64(p.Runs)
		st.Probes = append(st.Probes, *p)
	}
	slices.SortFunc(st.Probes, func(a, b ProbeStat) int { return strings.Compare(a.Probe, b.Probe) })
	return st
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Ints(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
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
