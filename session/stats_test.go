package session

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
	for in, want := range map[string]int{"": 0, "5": 5, "3 1 2": 2, "4 1 3 2": 2} {
		var xs []int
		for _, f := range strings.Fields(in) {
			var n int
			fmt.Sscan(f, &n)
			xs = append(xs, n)
		}
		if got := median(xs); got != want {
			t.Errorf("median(%s) = %d, want %d", in, got, want)
		}
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
