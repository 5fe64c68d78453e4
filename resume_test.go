package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copyLog copies a kept journal into a fresh folder, keeping only the
// lines keep accepts, as a kill at that moment would leave it.
func copyLog(t *testing.T, src string, keep func(line string) bool) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if line != "" && keep(line) {
			out = append(out, line)
		}
	}
	path := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(path, []byte(strings.Join(out, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestResumeAfterKillAtOutcome resumes a log cut between the outcome
// step and its record: resume completes it instead of refusing.
func TestResumeAfterKillAtOutcome(t *testing.T) {
	path := copyLog(t, "testdata/sessions/resolved.jsonl", func(line string) bool {
		return !strings.Contains(line, `"type":"outcome"`) && !strings.Contains(line, `"type":"session-end"`)
	})
	a, out, errOut := testApp(t, "")
	if code := a.main([]string{"resume", path, "--plain"}); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"had reached its outcome (Fixed by Method 1) but its log stopped before recording it", "Ticket summary (Markdown): " + strings.TrimSuffix(path, ".jsonl") + ".md", "Session log: " + path} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	b, _, errOut := testApp(t, "")
	if code := b.main([]string{"resume", path, "--plain"}); code != 1 || !strings.Contains(errOut.String(), "already reached its outcome") {
		t.Errorf("a second resume: exit %d: %s", code, errOut)
	}
}

// TestResumeRefusesASummary names the log when the ticket summary beside
// it is resumed by mistake, and writes nothing.
func TestResumeRefusesASummary(t *testing.T) {
	path := copyLog(t, "testdata/sessions/resolved.jsonl", func(string) bool { return true })
	md := strings.TrimSuffix(path, ".jsonl") + ".md"
	if err := os.WriteFile(md, []byte("# deskside session INC0012345 — Resolved\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	a, _, errOut := testApp(t, "")
	if code := a.main([]string{"resume", md, "--plain"}); code != 1 || !strings.Contains(errOut.String(), "is the ticket summary of a session, not its log; resume the log: deskside resume "+path) {
		t.Errorf("exit %d: %s", code, errOut)
	}
	after, _ := os.ReadFile(path)
	mdAfter, _ := os.ReadFile(md)
	if !bytes.Equal(before, after) || !bytes.HasPrefix(mdAfter, []byte("# deskside")) || bytes.Contains(mdAfter, []byte(`"type"`)) {
		t.Error("resume wrote to a file it refused")
	}
}

// TestResumedEventsCarryTheirTime resumes an unfinished session an hour
// after its last record: what is recorded afterwards carries the time of
// the resume, not of the quit.
func TestResumedEventsCarryTheirTime(t *testing.T) {
	path := copyLog(t, "testdata/sessions/resolved.jsonl", func(line string) bool {
		for _, n := range []string{`"seq":12,`, `"seq":13,`, `"seq":14,`, `"seq":15,`, `"seq":16,`, `"seq":17,`} {
			if strings.HasPrefix(line, "{"+n) {
				return false
			}
		}
		return true
	})
	a, out, errOut := testApp(t, "n the user called back\nq\n")
	if code := a.main([]string{"resume", path, "--plain"}); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if !strings.Contains(string(data), "the user called back") {
		t.Fatalf("the note was not recorded:\n%s", data)
	}
	for _, line := range lines[11:] {
		if !strings.Contains(line, `"ts":"2026-11-23T12:00:00.000Z"`) {
			t.Errorf("a record after the resume is not dated at the resume: %s", line)
		}
	}
}

// TestStatsWarnsAboutDamagedLogs puts a log with repeated lines in the
// folder: stats counts it and names it on standard error.
func TestStatsWarnsAboutDamagedLogs(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/sessions/resolved.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	repeated := strings.Join(lines[:5], "") + lines[3] + lines[4] + strings.Join(lines[5:], "")
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(repeated), 0o600); err != nil {
		t.Fatal(err)
	}
	a, out, errOut := testApp(t, "")
	if code := a.main([]string{"stats", dir, "--format", "md"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "Warning: 1 log has damaged, cut-off or out-of-sequence lines and is counted"; !strings.Contains(errOut.String(), want) ||
		!strings.Contains(errOut.String(), filepath.Join(dir, "a.jsonl")+": lines out of sequence") {
		t.Errorf("stderr lacks the warning:\n%s", errOut)
	}
	if !strings.Contains(out.String(), "1 sessions: 1 finished") {
		t.Errorf("stdout:\n%s", out)
	}
}

// TestLogNamingADevice replays and resumes a log whose tree file is
// /dev/zero: a clear message at once, not a read that never ends.
func TestLogNamingADevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	path := copyLog(t, "testdata/sessions/resolved.jsonl", func(line string) bool {
		return !strings.Contains(line, `"type":"session-end"`) && !strings.Contains(line, `"type":"outcome"`)
	})
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, bytes.Replace(data, []byte(`"tree_file":"flows.yaml"`), []byte(`"tree_file":"/dev/zero"`), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"replay", path, "--plain"}, 0},
		{[]string{"resume", path, "--plain"}, 1},
	} {
		a, _, errOut := testApp(t, "")
		done := make(chan int, 1)
		go func() { done <- a.main(c.args) }()
		select {
		case code := <-done:
			if code != c.code || !strings.Contains(errOut.String(), "tree file /dev/zero that the log names is a device") {
				t.Errorf("%s: exit %d: %s", c.args[0], code, errOut)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s reads /dev/zero", c.args[0])
		}
	}
}
