package session

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// writeJournals writes n sessions of the default tree's scenarios into
// dir, quickly (in memory, then one write each): every seventh goes back
// once, every eleventh stops before its outcome. It adds one training run
// and one unreadable file.
func writeJournals(t testing.TB, dir string, n int) (backs int) {
	t.Helper()
	tree := defaultTree(t)
	reg := probes.Builtin()
	for i := 0; i < n; i++ {
		sc := tree.Scenarios[i%len(tree.Scenarios)]
		start := sessionStart.Add(time.Duration(i) * time.Hour)
		k := 0
		clock := func() time.Time { k++; return start.Add(time.Duration(k*17+i%5*30) * time.Second) }
		st := Start{Version: "test", TreeFile: "flows.yaml", TreeSHA256: tree.SHA256, OS: "windows", StartNode: tree.Start, Ticket: fmt.Sprintf("INC%05d", i)}
		j := NewMemoryJournal(st, start)
		w, evs := flows.NewWalk(tree, clock)
		j.Append(evs...)
		stop := len(sc.Expect) - 1
		if i%11 == 10 {
			stop = len(sc.Expect) / 2
		}
		for s := 0; s < stop; s++ {
			n := w.Current()
			if n.Probe != nil {
				if text, ok := sc.Probes[n.Probe.Name]; ok {
					p, _ := reg.Lookup(n.Probe.Name)
					j.Append(w.ApplyProbe(p.Name(), text, p.Run(t.Context(), probes.Input{Text: text, OS: "linux"}), 0)...)
				}
			}
			evs, err := w.ChooseNext(sc.Expect[s+1], "")
			if err != nil {
				t.Fatal(err)
			}
			j.Append(evs...)
			if i%7 == 0 && s == 1 {
				backs++
				evs, _ = w.Back()
				j.Append(evs...)
				evs, _ = w.ChooseNext(sc.Expect[s+1], "")
				j.Append(evs...)
			}
		}
		name := filepath.Join(dir, FileName(start, st.Ticket))
		if err := os.WriteFile(name, j.mem.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tr := NewMemoryJournal(Start{Version: "test", StartNode: "triage", Scenario: "password-reset"}, sessionStart)
	os.WriteFile(filepath.Join(dir, "training.jsonl"), tr.mem.Bytes(), 0o600)
	os.WriteFile(filepath.Join(dir, "broken.jsonl"), []byte("not a journal\n"), 0o600)
	return backs
}

func TestStats(t *testing.T) {
	dir := t.TempDir()
	wantBacks := writeJournals(t, dir, 72)
	st, err := CollectStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	// 72 sessions; i%11==10 stops early: i = 10, 21, 32, 43, 54, 65.
	if st.Sessions != 72 || st.Unfinished != 6 || st.Finished != 66 || st.Training != 1 || st.Unreadable != 1 {
		t.Errorf("counts: %+v", st)
	}
	total := 0
	for _, r := range st.Results {
		total += r.Count
		if r.MedianSeconds <= 0 {
			t.Errorf("result %s has no call time", r.Result)
		}
	}
	if total != st.Finished {
		t.Errorf("results add up to %d, want %d", total, st.Finished)
	}
	if len(st.Outcomes) == 0 || st.Outcomes[0].Count < st.Outcomes[len(st.Outcomes)-1].Count {
		t.Errorf("outcomes not sorted by count: %+v", st.Outcomes)
	}
	backs := 0
	for _, b := range st.Backs {
		backs += b.Count
	}
	if backs != wantBacks || backs == 0 {
		t.Errorf("%d back-steps counted, the logs hold %d", backs, wantBacks)
	}
	if len(st.Paths) != TopN || st.Paths[0].Count < 2 {
		t.Errorf("paths: %+v", st.Paths)
	}
	for _, p := range st.Probes {
		if p.Runs == 0 || p.ErrorRate != float64(p.Errors)/float64(p.Runs) {
			t.Errorf("probe %+v", p)
		}
	}
	md := st.Markdown()
	for _, want := range []string{"72 sessions: 66 finished, 6 unfinished (1 training runs and 1 unreadable logs left out).", "## Most common paths", "| resolved |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	csv := st.CSV()
	if !strings.HasPrefix(csv, "section,key,label,count,median_seconds,error_rate\nsessions,all,,72,,\n") {
		t.Errorf("csv starts %q", csv[:80])
	}
	if _, err := json.Marshal(st); err != nil {
		t.Error(err)
	}
}

func TestMedian(t *testing.T) {
	for in, want := range map[string]int{"": 0, "5": 5, "3 1 2": 2, "4 1 3 2": 2, "7 7 7 1": 7, "1 1 9 9": 5, "2 2 3": 2} {
		h := histogram{}
		for _, f := range strings.Fields(in) {
			var n int
			fmt.Sscan(f, &n)
			h[n]++
		}
		if got := h.median(); got != want {
			t.Errorf("median(%s) = %d, want %d", in, got, want)
		}
	}
}

// referenceStats computes the figures the way stats did before it
// streamed: every log read whole and summarized. The streaming reader
// must agree with it.
func referenceStats(t *testing.T, dir string) *Stats {
	t.Helper()
	files, err := logFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := &Stats{Dir: dir}
	tl := newTally()
	for _, f := range files {
		l, err := ReadFile(f)
		if err != nil {
			tl.unreadable++
			continue
		}
		s := Summarize(l)
		if s.Start.Scenario != "" {
			tl.training++
			continue
		}
		tl.sessions++
		if len(s.Problems) > 0 {
			tl.damaged++
		}
		for _, p := range s.Path {
			tl.title(p.Node, p.Title, s.Started)
		}
		for _, n := range s.BackTo {
			tl.backs[n]++
		}
		for _, p := range s.Probes {
			e := 0
			if p.Status == probes.StatusError || p.Status == probes.StatusUnavailable {
				e = 1
			}
			tl.probe(p.Probe, 1, e)
		}
		if s.Outcome == nil {
			tl.unfinished++
			continue
		}
		tl.finished++
		r := s.Outcome.Result.String()
		tl.call(outcomeKey{s.Outcome.Node, s.Outcome.Title, r}, int(s.Duration().Seconds()), 1)
		var ids []string
		for _, p := range s.Path {
			ids = append(ids, p.Node)
		}
		tl.paths[pathKey(ids, s.Outcome.Node, s.Start.StartNode, s.Start.Flow)]++
	}
	st = statsOf(dir, tl)
	st.Warnings = nil
	return st
}

// TestStatsAgreeWithSummarize reads a folder of varied logs (backs,
// unfinished, training, unreadable, damaged, resumed, version 1 and 2)
// with the streaming reader and with Read and Summarize: the figures
// must be the same.
func TestStatsAgreeWithSummarize(t *testing.T) {
	dir := t.TempDir()
	writeJournals(t, dir, 40)
	for _, name := range []string{"resolved", "escalated", "back-steps-and-notes"} {
		data := mustRead(t, filepath.Join("..", "testdata", "sessions", name+".jsonl"))
		must(t, os.WriteFile(filepath.Join(dir, "v1-"+name+".jsonl"), data, 0o600))
		lines := strings.SplitAfter(string(data), "\n")
		// Damaged in the middle, cut off at the end, lines repeated.
		must(t, os.WriteFile(filepath.Join(dir, "damaged-"+name+".jsonl"), []byte(strings.Join(lines[:3], "")+"{oops\n"+strings.Join(lines[3:], "")), 0o600))
		must(t, os.WriteFile(filepath.Join(dir, "torn-"+name+".jsonl"), []byte(strings.Join(lines[:6], "")+lines[6][:10]), 0o600))
		must(t, os.WriteFile(filepath.Join(dir, "repeated-"+name+".jsonl"), []byte(strings.Join(lines[:5], "")+lines[3]+lines[4]+strings.Join(lines[5:], "")), 0o600))
	}
	path, _ := quitAndResume(t)
	must(t, os.WriteFile(filepath.Join(dir, "resumed.jsonl"), mustRead(t, path), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "empty.jsonl"), nil, 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "notes.jsonl"), []byte(`{"seq":1,"ts":"2026-11-23T09:30:00Z","type":"note","text":"x"}`+"\n"), 0o600))

	got, err := CollectStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Damaged != 9 || len(got.Warnings) != maxWarnings || !strings.Contains(strings.Join(got.Warnings, "\n"), "damaged-back-steps-and-notes.jsonl: damaged or cut-off lines") {
		t.Errorf("damaged %d, warnings %q", got.Damaged, got.Warnings)
	}
	got.Warnings = nil
	want := referenceStats(t, dir)
	if !reflect.DeepEqual(got, want) {
		a, _ := json.MarshalIndent(got, "", " ")
		b, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("streaming stats differ from the summaries:\n%s\nwant:\n%s", a, b)
	}
	if want.Unreadable != 3 || want.Training != 1 {
		t.Errorf("unreadable %d, training %d", want.Unreadable, want.Training)
	}
}

// TestStatsCountsAPathOnce walks the same flow twice, once from triage
// and once started at the flow: one path, counted twice.
func TestStatsCountsAPathOnce(t *testing.T) {
	tree := defaultTree(t)
	dir := t.TempDir()
	flow := tree.Flows[0]
	for i, start := range []string{tree.Start, flow.Start} {
		at := sessionStart.Add(time.Duration(i) * time.Hour)
		st := Start{Version: "test", StartNode: start}
		if start != tree.Start {
			st.Flow = flow.Title
		}
		j, err := Create(dir, st, at)
		if err != nil {
			t.Fatal(err)
		}
		w, evs := flows.NewWalkAt(tree, start, func() time.Time { return at })
		must(t, j.Append(evs...))
		if start == tree.Start {
			evs, err := w.ChooseNext(flow.Start, "")
			if err != nil {
				t.Fatalf("triage does not lead to %s: %v", flow.Start, err)
			}
			must(t, j.Append(evs...))
		}
		for !w.Ended() {
			evs, err := w.Choose(len(w.Current().Choices) - 1)
			if err != nil {
				t.Fatal(err)
			}
			must(t, j.Append(evs...))
		}
		must(t, j.Close())
	}
	st, err := CollectStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Paths) != 1 || st.Paths[0].Count != 2 || st.Paths[0].Path[0] != flow.Start {
		t.Errorf("paths %+v, want one from %s, counted twice", st.Paths, flow.Start)
	}
}

// BenchmarkStats1000 reads a week's worth of logs: 1,000 sessions.
func BenchmarkStats1000(b *testing.B) {
	dir := b.TempDir()
	writeJournals(b, dir, 1000)
	for b.Loop() {
		if _, err := CollectStats(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// writeMonth fills dir with n session logs, a 200-seat help desk's month
// at n = 60,000: distinct sessions of every scenario (backs, unfinished
// ones, checks), copied under new names, so that making them takes
// seconds.
func writeMonth(b *testing.B, dir string, n int) {
	b.Helper()
	stage := b.TempDir()
	writeJournals(b, stage, 600)
	files, err := logFiles(stage)
	if err != nil {
		b.Fatal(err)
	}
	logs := make([][]byte, len(files))
	for i, f := range files {
		logs[i] = mustRead(b, f)
	}
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("%s-%06d.jsonl", sessionStart.Add(time.Duration(i)*time.Minute).Format("20060102T150405Z"), i))
		if err := os.WriteFile(name, logs[i%len(logs)], 0o600); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStats60k reads a month of logs: 60,000 sessions. Measure the
// peak memory of one run with
// go test -c -o /tmp/session.test ./session && /usr/bin/time -v /tmp/session.test -test.run '^$' -test.bench Stats60k -test.benchtime 1x
func BenchmarkStats60k(b *testing.B) {
	dir := b.TempDir()
	writeMonth(b, dir, 60_000)
	runtime.GC()
	// The design bounds stats' memory, not its allocations: the heap in
	// use is sampled while it reads and its peak reported.
	stop, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var max uint64
		var ms runtime.MemStats
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				peak <- max
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				max = maxOf(max, ms.HeapInuse)
			}
		}
	}()
	for b.Loop() {
		st, err := CollectStats(dir)
		if err != nil {
			b.Fatal(err)
		}
		if st.Sessions+st.Training+st.Unreadable != 60_000 {
			b.Fatalf("%d sessions read", st.Sessions+st.Training+st.Unreadable)
		}
	}
	close(stop)
	b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
}

func maxOf(a, b uint64) uint64 {
	if b > a {
		return b
	}
	return a
}
