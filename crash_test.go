package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/session"
)

// TestMain lets the test binary act as deskside itself, so the crash test
// can kill a real process.
func TestMain(m *testing.M) {
	if os.Getenv("DESKSIDE_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func deskside(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DESKSIDE_RUN_MAIN=1")
	return cmd
}

func answers(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) != 1 {
		return nil
	}
	l, err := session.ReadFile(files[0])
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range l.Entries {
		if e.Type == flows.EventAnswer {
			out = append(out, e.Node+" → "+e.Label)
		}
	}
	return out
}

// TestKillAndResume answers some steps in plain mode, kills the process
// with SIGKILL between answers, resumes and finishes. The journal must
// hold every answer exactly once, in order.
func TestKillAndResume(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	for _, killAfter := range []int{1, 3} {
		t.Run(strings.Repeat("answer,", killAfter), func(t *testing.T) {
			dir := t.TempDir()
			cmd := deskside("run", "--plain", "--log-dir", dir, "--ticket", "CRASH-1")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			cmd.Stdout = &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < killAfter; i++ {
				if _, err := stdin.Write([]byte("1\n")); err != nil {
					t.Fatal(err)
				}
				deadline := time.Now().Add(10 * time.Second)
				for len(answers(t, dir)) < i+1 {
					if time.Now().After(deadline) {
						t.Fatalf("answer %d never reached the journal:\n%s", i+1, out.String())
					}
					time.Sleep(5 * time.Millisecond)
				}
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			rest := strings.Repeat("1\n", 5-killAfter)
			resume := deskside("resume", "--plain", "--log-dir", dir)
			resume.Stdin = strings.NewReader(rest)
			got, err := resume.CombinedOutput()
			if err != nil {
				t.Fatalf("resume: %v\n%s", err, got)
			}
			if !strings.Contains(string(got), "OUTCOME: resolved") {
				t.Errorf("resume did not finish:\n%s", got)
			}
			want := []string{
				`triage → OneDrive pop-up "Something went wrong" / "We couldn't sign you in" (0x8004de40)`,
				"od-connectivity → Yes: office.com works and other apps are signed in; only OneDrive fails",
				"od-cause → The user's password was changed or reset (by the user, the help desk, or a sync from on-premises AD)",
				"od-pw-signout → Signed out of all apps; go on to Method 1",
				"od-method-1 → Fixed; OneDrive signs in and syncs",
			}
			if a := answers(t, dir); strings.Join(a, "\n") != strings.Join(want, "\n") {
				t.Errorf("answers in the journal:\n%s\nwant:\n%s", strings.Join(a, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
