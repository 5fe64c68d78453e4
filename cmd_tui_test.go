package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWizardClaimsNoLogOnlyWhenAsked: a training run keeps no log unless
// --log-dir is given, but the operator never passed --no-log, so the
// screen must not say they did.
func TestWizardClaimsNoLogOnlyWhenAsked(t *testing.T) {
	a := newApp(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	for _, tc := range []struct {
		noLog bool
		want  string
	}{
		{true, "none kept (--no-log)"},
		{false, "none kept (training keeps a log only with --log-dir)"},
	} {
		z := &wizard{a: a, noLog: tc.noLog}
		o := z.options("", "")
		if o.LogLabel != tc.want || o.NoLog != tc.noLog {
			t.Errorf("--no-log %v: label %q, NoLog %v", tc.noLog, o.LogLabel, o.NoLog)
		}
	}
}

// TestReplayOpensTheNewest: replay with no LOG takes the newest session
// of the log folder, as resume does.
func TestReplayOpensTheNewest(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"20261101T090000Z-INC1.jsonl", "20261123T093000Z-INC2.jsonl"} {
		data, err := os.ReadFile("testdata/sessions/resolved.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errOut)
	if code := a.main([]string{"replay", "--plain", "--log-dir", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "Replaying the newest session: "+filepath.Join(dir, "20261123T093000Z-INC2.jsonl")) {
		t.Errorf("stderr: %s", errOut.String())
	}
	if !strings.Contains(out.String(), "Replay of ") {
		t.Errorf("stdout: %s", out.String())
	}
	empty := t.TempDir()
	if code := a.main([]string{"replay", "--plain", "--log-dir", empty}); code != 1 || !strings.Contains(errOut.String(), "here is no session log in "+empty) {
		t.Errorf("empty folder: exit %d, %s", code, errOut.String())
	}
}
