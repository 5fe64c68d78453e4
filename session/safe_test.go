package session

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"deskside/flows"
)

// hostile holds what a server response, a paste or a ticket can carry to
// act on a terminal: OSC 52 (set the clipboard), a screen clear, an OSC 8
// link, a title change, C1 CSI, a bidi override, a bell and DEL.
const hostile = "a\x1b]52;c;ZXZpbA==\x07b \x1b[2J \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b]0;title\x07 \u009b31m \u202eevil\u202c \x7f \x00"

func TestSafe(t *testing.T) {
	cases := []struct{ in, safe, line string }{
		{"plain text\n\tindented", "plain text\n\tindented", `plain text\x0a\x09indented`},
		{"esc \x1b]52;c;x\x07", `esc \x1b]52;c;x\x07`, `esc \x1b]52;c;x\x07`},
		{"csi \u009b2J", `csi \u009b2J`, `csi \u009b2J`},
		{"bidi \u202eabc\u2066x\u2069 \u200f", `bidi \u202eabc\u2066x\u2069 \u200f`, `bidi \u202eabc\u2066x\u2069 \u200f`},
		{"crlf\r\nline\rover", "crlf\nline\\x0dover", `crlf\x0d\x0aline\x0dover`},
		{"del\x7f nul\x00 bad\xff", `del\x7f nul\x00 bad\xff`, `del\x7f nul\x00 bad\xff`},
		{"sep\u2028para\u2029", `sep\u2028para\u2029`, `sep\u2028para\u2029`},
		{"ünïcödé — ok 🙂", "ünïcödé — ok 🙂", "ünïcödé — ok 🙂"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := Safe(c.in); got != c.safe {
			t.Errorf("Safe(%q) = %q, want %q", c.in, got, c.safe)
		}
		if got := SafeLine(c.in); got != c.line {
			t.Errorf("SafeLine(%q) = %q, want %q", c.in, got, c.line)
		}
	}
}

// unsafeAt returns the offset of the first byte a terminal would act on
// (a control other than \n and \t, a C1 or bidirectional control), or -1.
func unsafeAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || unsafeRune(r) || r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// TestExportsAreSafe writes hostile text in every field that can reach an
// export: md and txt show it escaped, JSON escapes it and still decodes to
// the same text, and a line break in the ticket forges no line.
func TestExportsAreSafe(t *testing.T) {
	s := &Summary{
		Start:   Start{Version: "t", Ticket: "INC1\nOutcome: Resolved " + hostile, Operator: "dana\r\n" + hostile, TreeTitle: hostile, OS: "linux"},
		Started: sessionStart, Ended: sessionStart.Add(time.Minute),
		Symptom:      hostile,
		Path:         []PathStep{{Node: "n", Title: hostile, Answer: hostile, At: sessionStart}},
		Probes:       []ProbeRun{{Probe: "httpstatus", At: sessionStart, Summary: hostile, Facts: map[string]any{"http.status": 401, "http.request_id": hostile}}},
		Notes:        []NoteEntry{{At: sessionStart, Title: hostile, Text: "line one\n" + hostile}},
		Findings:     []string{hostile},
		Outcome:      &OutcomeInfo{Result: flows.ResultEscalate, Title: hostile, Summary: hostile, Packet: []string{"HTTP status " + hostile}, At: sessionStart},
		CurrentTitle: hostile,
		Problems:     []string{hostile},
	}
	for _, f := range []Format{FormatMarkdown, FormatText, FormatJSON} {
		out, _, err := Export(s, f)
		if err != nil {
			t.Fatal(err)
		}
		if i := unsafeAt(out); i >= 0 {
			t.Errorf("%s export holds a raw control at %d: %q", f, i, out[max(0, i-20):min(len(out), i+20)])
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, "|# "), "Outcome: Resolved") {
				t.Errorf("%s export has a forged line: %q", f, line)
			}
		}
		if f == FormatJSON {
			var d Document
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatal(err)
			}
			if d.Notes[0].Text != "line one\n"+hostile {
				t.Errorf("JSON changed the note: %q", d.Notes[0].Text)
			}
		} else if !strings.Contains(string(out), `\x1b]52;`) || !strings.Contains(string(out), `\u202e`) {
			t.Errorf("%s export does not show the controls escaped", f)
		}
	}
	out, _, err := Export(s, FormatText)
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(out), "\n"); !strings.Contains(first, `INC1\x0aOutcome`) {
		t.Errorf("the text export's title is %q", first)
	}
}

// TestJournalEscapesControls checks the journal on disk: JSON escapes C0
// controls itself, and the C1 and bidi controls it leaves raw are escaped
// too, so printing the journal runs nothing.
func TestJournalEscapesControls(t *testing.T) {
	j, err := Create(t.TempDir(), Start{Version: "t", Ticket: "INC1"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	must(t, j.Append(flows.Event{Type: flows.EventNote, At: sessionStart, Node: "n", Text: hostile}))
	must(t, j.Close())
	raw := mustRead(t, j.Path())
	if i := unsafeAt(raw); i >= 0 {
		t.Errorf("the journal holds a raw control at %d: %q", i, raw[max(0, i-20):min(len(raw), i+20)])
	}
	l, err := ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Entries[1].Text; got != hostile {
		t.Errorf("the note reads back as %q", got)
	}
}

// TestExportBesideRefusesLinks plants a symbolic link where the summary
// beside the journal goes: the link is replaced, its target untouched,
// and the summary is a new 0600 file.
func TestExportBesideRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	j, err := Create(dir, Start{Version: "t", Ticket: "INC7"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	target := filepath.Join(t.TempDir(), "victim")
	must(t, os.WriteFile(target, []byte("keep me"), 0o644))
	md := strings.TrimSuffix(j.Path(), ".jsonl") + ".md"
	must(t, os.Symlink(target, md))
	path, _, err := j.ExportBeside(sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(mustRead(t, target)); got != "keep me" {
		t.Errorf("the link's target was written: %q", got)
	}
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
		t.Errorf("the summary is %v, want a regular 0600 file", info.Mode())
	}
	// Written again (the wizard exports at each outcome), it replaces
	// itself.
	if _, _, err := j.ExportBeside(sessionStart); err != nil {
		t.Errorf("second export: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".deskside-export-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestWriteExportModes writes an export over a world-writable file, a new
// file and a path in a missing folder.
func TestWriteExportModes(t *testing.T) {
	dir := t.TempDir()
	loose := filepath.Join(dir, "loose.md")
	must(t, os.WriteFile(loose, bytes.Repeat([]byte("old content "), 100), 0o666))
	must(t, os.Chmod(loose, 0o666))
	must(t, WriteExport(loose, []byte("new")))
	if got := string(mustRead(t, loose)); got != "new" {
		t.Errorf("content %q", got)
	}
	if info, _ := os.Stat(loose); info.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0666 file is left %v", info.Mode().Perm())
	}
	tight := filepath.Join(dir, "tight.md")
	must(t, os.WriteFile(tight, nil, 0o400|0o200))
	must(t, WriteExport(tight, []byte("x")))
	if info, _ := os.Stat(tight); info.Mode().Perm() != 0o600 {
		t.Errorf("a 0600 file became %v", info.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh.md")
	must(t, WriteExport(fresh, []byte("x")))
	if info, _ := os.Stat(fresh); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("a new export is %v", info.Mode().Perm())
	}
	if err := WriteExport(filepath.Join(dir, "missing", "x.md"), []byte("x")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
