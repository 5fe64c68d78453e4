package session

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"deskside/flows"
)

// TestLockRefusesSecondWriter opens one log three ways at once: the live
// session, then a resume while it runs (refused, naming its process),
// then a resume after it closed (allowed), while which a third is
// refused again. Two writers would repeat sequence numbers.
func TestLockRefusesSecondWriter(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		t.Skip("no file lock on this system")
	}
	dir := t.TempDir()
	j, err := Create(dir, Start{Version: "test", StartNode: "triage"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Reopen(l)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("deskside process %d", os.Getpid())) {
		t.Fatalf("resume of a live session: %v", err)
	}
	must(t, j.Close())

	l, err = ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	r1, err := Reopen(l)
	if err != nil {
		t.Fatalf("resume after the session closed: %v", err)
	}
	must(t, r1.AppendEntry(Entry{TS: Stamp(sessionStart), Event: flows.Event{Type: EventResume, Node: "triage"}}))
	if _, err := Reopen(l); !errors.Is(err, ErrLocked) {
		t.Errorf("a second resume: %v", err)
	}
	must(t, r1.Close())
	must(t, r1.Close()) // closing twice is harmless

	// A log read before another deskside appended to it is stale.
	if _, err := Reopen(l); err == nil || !strings.Contains(err.Error(), "changed after it was read") {
		t.Errorf("stale log: %v", err)
	}
	l, _ = ReadFile(j.Path())
	if len(l.Disorder) != 0 || l.Entries[1].PID != os.Getpid() {
		t.Errorf("after one resume: disorder %v, pid %d", l.Disorder, l.Entries[1].PID)
	}
}

// TestLockRace resumes one log from several goroutines at once: exactly
// one wins. Run with -race.
func TestLockRace(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		t.Skip("no file lock on this system")
	}
	j, err := Create(t.TempDir(), Start{Version: "test", StartNode: "triage"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	must(t, j.Close())
	l, err := ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	got := make(chan *Journal, n)
	errs := make(chan error, n)
	for range n {
		go func() {
			r, err := Reopen(l)
			if err != nil {
				errs <- err
				return
			}
			got <- r
		}()
	}
	var winners []*Journal
	for range n {
		select {
		case r := <-got:
			winners = append(winners, r)
		case err := <-errs:
			if !errors.Is(err, ErrLocked) {
				t.Errorf("a loser failed with %v", err)
			}
		}
	}
	if len(winners) != 1 {
		t.Errorf("%d resumes won the lock", len(winners))
	}
	for _, r := range winners {
		must(t, r.Close())
	}
}

// TestDiskFullIsNotSuccess fills the disk after the first event: the
// journal counts what it holds, refuses to write the summary (an outcome
// must not look complete), and Close says what was lost and what to do.
func TestDiskFullIsNotSuccess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.jsonl")
	ff := &failingFile{}
	j := NewJournal(ff, path, 0)
	must(t, j.AppendEntry(Entry{TS: Stamp(sessionStart), Event: flows.Event{Type: EventStart}, Start: &Start{StartNode: "triage"}}))
	ff.full = true
	err := j.Append(
		flows.Event{Type: flows.EventAnswer, At: sessionStart, Node: "od-method-1", Label: "Fixed; OneDrive signs in and syncs", Next: "resolved-method-1"},
		flows.Event{Type: flows.EventOutcome, At: sessionStart, Node: "resolved-method-1", Outcome: flows.ResultResolved},
	)
	if !errors.Is(err, ErrPending) || j.Unsaved() != 2 {
		t.Fatalf("append: %v, unsaved %d", err, j.Unsaved())
	}
	if _, _, err := j.ExportBeside(sessionStart); !errors.Is(err, ErrPending) {
		t.Errorf("the summary was written while events are unsaved: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "s.md")); err == nil {
		t.Error("a summary file exists for an unsaved outcome")
	}
	err = j.Close()
	for _, want := range []string{"2 events could not be written to " + path, "the answer “Fixed; OneDrive signs in and syncs” at step od-method-1",
		"the outcome resolved (resolved-method-1)", "no space left on device", "Free space on the disk, then resume the session"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("close error lacks %q: %v", want, err)
		}
	}
	if !errors.Is(err, ErrUnsaved) {
		t.Errorf("close error does not wrap ErrUnsaved: %v", err)
	}
}

// cutLog records the resolved golden session and cuts its log after the
// given record type's last line, as a kill at that moment would.
func cutLog(t *testing.T, dir string, keep func(Record) bool) *Log {
	t.Helper()
	gs := goldenSessions["resolved"]
	path := record(t, dir, gs.ticket, gs.operator, gs.acts)
	data := mustRead(t, path)
	var out []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		l, err := Read(bytes.NewReader(append([]byte(`{"seq":0,"ts":"2026-11-23T09:30:00Z","type":"session-start","session":{}}`+"\n"), line...)))
		if err == nil && len(l.Entries) == 2 && !keep(l.Entries[1]) {
			continue
		}
		out = append(out, line...)
	}
	must(t, os.WriteFile(path, out, 0o600))
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestResumeCompletesAKilledOutcome kills a session between showing its
// outcome and recording it: resume records the outcome, writes the
// summary and ends the session instead of refusing.
func TestResumeCompletesAKilledOutcome(t *testing.T) {
	tree := defaultTree(t)
	for name, keep := range map[string]func(Record) bool{
		"killed before the outcome record": func(r Record) bool { return r.Type != flows.EventOutcome && r.Type != EventEnd },
		"killed before the summary":        func(r Record) bool { return r.Type != EventEnd && r.Type != EventExport },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			l := cutLog(t, dir, keep)
			w, _, err := Rebuild(tree, l, fixedNow())
			if err != nil {
				t.Fatal(err)
			}
			if !w.Ended() || l.OutcomeComplete() {
				t.Fatalf("ended %v, complete %v", w.Ended(), l.OutcomeComplete())
			}
			j, err := Reopen(l)
			if err != nil {
				t.Fatal(err)
			}
			md, err := FinishOutcome(j, l, w, sessionStart.Add(time.Hour))
			must(t, err)
			must(t, j.Close())
			if md == "" {
				t.Fatal("no summary written")
			}
			if b := mustRead(t, md); !bytes.Contains(b, []byte("Resolved")) {
				t.Errorf("summary:\n%s", b)
			}
			l, err = ReadFile(l.Path)
			if err != nil {
				t.Fatal(err)
			}
			s := Summarize(l)
			if !l.OutcomeComplete() || s.Outcome == nil || s.Outcome.Node != "resolved-method-1" || s.EndReason != "outcome" || len(l.Problems()) != 0 {
				t.Errorf("complete %v, outcome %+v, end %q, problems %q", l.OutcomeComplete(), s.Outcome, s.EndReason, l.Problems())
			}
			// The outcome is dated when it was shown, not when resume ran.
			if !s.Outcome.At.Equal(s.Path[len(s.Path)-1].At.Add(23 * time.Second)) {
				t.Errorf("outcome at %v", s.Outcome.At)
			}
		})
	}
}

// TestReadForResume refuses what is not a session log before anything
// is written to it: a summary exported beside its log, an unrelated
// file, a FIFO.
func TestReadForResume(t *testing.T) {
	dir := t.TempDir()
	gs := goldenSessions["resolved"]
	path := record(t, dir, gs.ticket, gs.operator, gs.acts)
	md := strings.TrimSuffix(path, ".jsonl") + ".md"
	must(t, os.WriteFile(md, []byte("# deskside session\n"), 0o600))
	other := filepath.Join(dir, "notes.md")
	must(t, os.WriteFile(other, []byte("{\"type\":\"note\"}\n"), 0o600))
	for file, want := range map[string]string{
		md:    "is the ticket summary of a session, not its log; resume the log: deskside resume " + path,
		other: "does not begin with session-start",
		dir:   "is a folder, not a session log",
	} {
		before, _ := os.ReadFile(file)
		_, err := ReadForResume(file)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", file, err, want)
		}
		if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", file)
		}
	}
	if l, err := ReadForResume(path); err != nil || len(l.Entries) == 0 {
		t.Errorf("the log itself: %v", err)
	}
}

// mkfifo makes a named pipe, or skips where there is none.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs on Windows")
	}
	if err := mkfifoAt(path); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
}

// TestNonRegularFiles puts a FIFO and a folder named like logs in the
// log folder, and names a FIFO, a device and an oversized file as a
// log's tree: nothing hangs or grows, each gets a clear error or is
// skipped.
func TestNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	gs := goldenSessions["resolved"]
	record(t, dir, "A", "", gs.acts[:3])
	fifo := filepath.Join(dir, "20261123T100000Z-fifo.jsonl")
	mkfifo(t, fifo)
	must(t, os.Mkdir(filepath.Join(dir, "20261123T110000Z-dir.jsonl"), 0o700))

	done := make(chan struct{})
	go func() {
		defer close(done)
		list, err := List(dir)
		if err != nil || len(list) != 1 {
			t.Errorf("list: %v, %d sessions", err, len(list))
		}
		if _, err := NewestUnfinished(dir); err != nil {
			t.Errorf("newest unfinished: %v", err)
		}
		st, err := CollectStats(dir)
		if err != nil || st.Sessions != 1 || st.Unreadable != 0 {
			t.Errorf("stats: %v %+v", err, st)
		}
		if _, err := ReadFile(fifo); err == nil || !strings.Contains(err.Error(), "is a FIFO (named pipe), not a session log") {
			t.Errorf("reading a FIFO: %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a folder with a FIFO in it hangs")
	}

	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	must(t, err)
	must(t, f.Truncate(MaxTreeFile+1))
	f.Close()
	small := filepath.Join(dir, "small.yaml")
	must(t, os.WriteFile(small, []byte("title: x\n"), 0o600))
	cases := map[string]string{
		fifo:                               "is a FIFO (named pipe); give the tree file with --flows",
		big:                                "is 8 MB, over the 8 MB a tree file may be",
		dir:                                "is a folder",
		filepath.Join(dir, "missing.yaml"): "",
		small:                              "",
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases["/dev/zero"] = "is a device"
	}
	for path, want := range cases {
		got, err := RecordedTree(path)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", path, err)
		case want == "" && path == small && got != small:
			t.Errorf("%s: load %q", path, got)
		case want == "" && path != small && got != "":
			t.Errorf("missing tree: load %q", got)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
}

// TestSequenceProblems duplicates and reorders journal lines: the reader
// says so, in a sentence export and replay print.
func TestSequenceProblems(t *testing.T) {
	gs := goldenSessions["resolved"]
	data := mustRead(t, record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts))
	lines := bytes.SplitAfter(data, []byte("\n"))
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	cases := map[string]struct {
		in   []byte
		want string
	}{
		"duplicated": {join(join(lines[:6]...), lines[4], lines[5], join(lines[6:]...)), "2 lines of the log are out of sequence (line 7 repeats number 5, line 8 repeats number 6)"},
		"reordered":  {join(join(lines[:4]...), lines[5], lines[4], join(lines[6:]...)), "line 5 jumps from number 4 to 6, line 6 (number 5) comes after number 6"},
		"lost":       {join(join(lines[:4]...), join(lines[5:]...)), "line 5 jumps from number 4 to 6"},
	}
	for name, c := range cases {
		l, err := Read(bytes.NewReader(c.in))
		if err != nil {
			t.Fatal(err)
		}
		if p := strings.Join(l.Problems(), "\n"); !strings.Contains(p, c.want) {
			t.Errorf("%s: problems %q, want %q", name, p, c.want)
		}
		if s := Summarize(l); !strings.Contains(strings.Join(s.Problems, "\n"), "out of sequence") {
			t.Errorf("%s: the summary does not pass the warning on", name)
		}
	}
	l, _ := Read(bytes.NewReader(data))
	if len(l.Problems()) != 0 {
		t.Errorf("a sound log: %q", l.Problems())
	}
}

// TestFolderWarning warns about a log folder other users can open, when
// a session is created or resumed in it.
func TestFolderWarning(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows folders have no permission bits")
	}
	dir := t.TempDir()
	must(t, os.Chmod(dir, 0o755))
	j, err := Create(dir, Start{StartNode: "triage"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if w := strings.Join(j.Warnings(), "\n"); !strings.Contains(w, "(mode 0755)") || !strings.Contains(w, "chmod 700 "+dir) {
		t.Errorf("warnings %q", w)
	}
	must(t, os.Chmod(dir, 0o700))
	j2, err := Create(dir, Start{StartNode: "triage"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if w := j2.Warnings(); len(w) != 0 {
		t.Errorf("a private folder: %q", w)
	}
}

// TestHundredthSessionInOneSecond starts 100 sessions with one ticket in
// one second: the 100th is told why it cannot have a log.
func TestHundredthSessionInOneSecond(t *testing.T) {
	dir := t.TempDir()
	for i := range 99 {
		j, err := Create(dir, Start{Ticket: "INC1"}, sessionStart)
		if err != nil {
			t.Fatalf("session %d: %v", i+1, err)
		}
		must(t, j.Close())
	}
	_, err := Create(dir, Start{Ticket: "INC1"}, sessionStart)
	if err == nil || !strings.Contains(err.Error(), "99 sessions with this ticket were already started in "+dir+" within this second") ||
		!strings.Contains(err.Error(), "wait a second and start again") || !errors.Is(err, os.ErrExist) {
		t.Errorf("100th session: %v", err)
	}
}

// TestExportBesideReplacesALink puts a symbolic link where the summary
// goes: the summary replaces the link and the link's target is untouched.
func TestExportBesideReplacesALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	j, err := Create(dir, Start{StartNode: "triage"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	victim := filepath.Join(t.TempDir(), "victim")
	must(t, os.WriteFile(victim, []byte("keep me"), 0o644))
	md := strings.TrimSuffix(j.Path(), ".jsonl") + ".md"
	must(t, os.Symlink(victim, md))
	got, _, err := j.ExportBeside(sessionStart)
	if err != nil || got != md {
		t.Fatalf("%q %v", got, err)
	}
	if b := mustRead(t, victim); string(b) != "keep me" {
		t.Errorf("the link's target was overwritten: %q", b)
	}
	fi, err := os.Lstat(md)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
		t.Errorf("summary: %v %v", fi.Mode(), err)
	}
}

// TestLostList checks the list of unsaved events an operator reads: each
// kind once with its count, in order, and at most a few of them.
func TestLostList(t *testing.T) {
	cases := map[string]struct {
		what []string
		max  int
		want string
	}{
		"one":               {[]string{"a note at step x"}, 6, "a note at step x"},
		"repeats counted":   {[]string{"a note at step x", "a note at step x", "the outcome y"}, 6, "a note at step x (2 times); the outcome y"},
		"order kept":        {[]string{"b", "a", "b"}, 6, "b (2 times); a"},
		"the rest counted":  {[]string{"a", "b", "c", "c", "d"}, 2, "a; b; 3 more events"},
		"one more":          {[]string{"a", "b", "c"}, 2, "a; b; 1 more event"},
		"127 notes, in one": {append(slices.Repeat([]string{"a note at step q"}, 127), "the end of the session (quit)"), 6, "a note at step q (127 times); the end of the session (quit)"},
	}
	for name, tc := range cases {
		if got := lostList(tc.what, tc.max); got != tc.want {
			t.Errorf("%s: got %q, want %q", name, got, tc.want)
		}
	}
}
