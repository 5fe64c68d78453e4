package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"deskside/flows"
	"deskside/session"
)

// rawLog writes a journal as an older version or a hand could have: no
// redaction, control characters in the ticket, the operator and a title.
func rawLog(t *testing.T, dir string) string {
	t.Helper()
	const bad = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b31m\u202e"
	entries := []session.Record{
		{Seq: 1, TS: session.Stamp(testNow), Type: session.EventStart,
			Start: &session.Start{Version: "0.0.1", Ticket: "INC5 Summer2024!\nOutcome: Resolved" + bad, Operator: "dana" + bad, StartNode: "triage"}},
		{Seq: 2, TS: session.Stamp(testNow), Type: flows.EventStep, Node: "triage", Title: "Title" + bad},
	}
	var b strings.Builder
	for _, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, "20261123T093000Z-INC5.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawControl returns the first control character a terminal acts on in
// s, or "".
func rawControl(s string) string {
	for i, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r == utf8.RuneError {
			return s[max(0, i-10):min(len(s), i+10)]
		}
	}
	return ""
}

func TestSessionsListingIsSafe(t *testing.T) {
	a, out, errOut := testApp(t, "")
	dir := t.TempDir()
	rawLog(t, dir)
	if code := a.main([]string{"sessions", "--log-dir", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := out.String()
	if c := rawControl(got); c != "" {
		t.Errorf("sessions prints a raw control near %q:\n%q", c, got)
	}
	if strings.Contains(got, "Summer2024") {
		t.Errorf("sessions prints the secret given as the ticket:\n%s", got)
	}
	if strings.Count(got, "\n") != 2 {
		t.Errorf("a line break in the ticket split the listing:\n%s", got)
	}
}

func TestExportCommandIsSafe(t *testing.T) {
	dir := t.TempDir()
	log := rawLog(t, dir)
	for _, format := range []string{"md", "txt", "json"} {
		a, out, errOut := testApp(t, "")
		if code := a.main([]string{"export", log, "--format", format}); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if c := rawControl(out.String()); c != "" {
			t.Errorf("%s export prints a raw control near %q", format, c)
		}
		if strings.Contains(out.String(), "Summer2024") {
			t.Errorf("%s export holds the secret given as the ticket", format)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(line, "Outcome: Resolved") {
				t.Errorf("%s export has a forged line %q", format, line)
			}
		}
	}
	// -o onto an existing world-writable file leaves it the owner's.
	dest := filepath.Join(t.TempDir(), "ticket.md")
	if err := os.WriteFile(dest, []byte("old"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dest, 0o666); err != nil {
		t.Fatal(err)
	}
	a, _, errOut := testApp(t, "")
	if code := a.main([]string{"export", log, "-o", dest}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("export -o left the file %v (%v)", info.Mode().Perm(), err)
	}
}
