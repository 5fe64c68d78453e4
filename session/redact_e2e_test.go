package session

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// TestRedactEndToEnd proves the promise for every case of testdata/redact:
// pasted into checks, written as a note, given as the ticket and the
// operator, no secret reaches the journal, the summary written beside it,
// any of the three exports or the replay's frames.
func TestRedactEndToEnd(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	for _, tc := range readRedactCases(t) {
		if len(tc.Secrets) == 0 {
			continue
		}
		t.Run(tc.File+"/"+tc.Name, func(t *testing.T) {
			dir := t.TempDir()
			clock := callClock()
			first, _, _ := strings.Cut(tc.Input, "\n")
			j, err := Create(dir, Start{Version: "test", TreeFile: "flows.yaml", TreeTitle: tree.Title, Ticket: tc.Input, Operator: first, OS: "linux", StartNode: tree.Start}, clock())
			if err != nil {
				t.Fatal(err)
			}
			w, evs := flows.NewWalk(tree, clock)
			must(t, j.Append(evs...))
			for _, a := range []act{
				pasted("clienterror", tc.Input), noted(tc.Input), to("three-q-401"), pasted("httpstatus", tc.Input),
				to("three-q-relogin"), to("claims-check"), pasted("jwt", tc.Input), pasted("aadsts", tc.Input),
				to("claims-not-expiry"), to("cause-ca"), to("escalate-conditional-access"),
			} {
				switch {
				case a.probe != "":
					p, _ := reg.Lookup(a.probe)
					evs = w.ApplyProbe(a.probe, a.input, probeRun(p, a.input), 10*time.Millisecond)
				case a.note != "":
					evs, err = w.Note(a.note)
				default:
					evs, err = w.ChooseNext(a.next, "")
				}
				if err != nil {
					t.Fatalf("%s at %s: %v", a, w.Current().ID, err)
				}
				must(t, j.Append(evs...))
			}
			beside, _, err := j.ExportBeside(clock())
			if err != nil {
				t.Fatal(err)
			}
			must(t, j.Close())
			files := map[string]string{"journal": string(mustRead(t, j.Path())), "summary beside": string(mustRead(t, beside))}
			l, err := ReadFile(j.Path())
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []Format{FormatMarkdown, FormatJSON, FormatText} {
				out, _, err := Export(Summarize(l), f)
				if err != nil {
					t.Fatal(err)
				}
				files["export "+string(f)] = string(out)
			}
			files["replay frames"] = fmt.Sprintf("%+v", Frames(l))
			files["file names"] = strings.Join(listNames(t, dir), "\n")
			for name, content := range files {
				for _, sec := range tc.Secrets {
					if leaked(content, sec) {
						t.Errorf("%s holds the secret %q", name, sec)
					}
				}
			}
		})
	}
}

func listNames(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// leaked reports whether a secret is in an output, however the output
// wrote it: JSON-escaped, Markdown-escaped or cut across lines by the
// text export's wrapping. White space and backslashes are ignored on both
// sides.
func leaked(content, secret string) bool {
	norm := func(s string) string {
		s = strings.ReplaceAll(s, "&lt;", "<")
		return strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\t', '\n', '\r', '\\':
				return -1
			}
			return r
		}, s)
	}
	esc, _ := json.Marshal(secret)
	for _, form := range []string{secret, string(esc[1 : len(esc)-1])} {
		if n := norm(form); len(n) >= 4 && strings.Contains(norm(content), n) {
			return true
		}
	}
	return false
}

// TestLeakedSeesThroughFormatting checks the test's own helper: a secret
// wrapped, escaped or quoted is still found.
func TestLeakedSeesThroughFormatting(t *testing.T) {
	for _, c := range []struct {
		content, secret string
		want            bool
	}{
		{"x correct horse\n    battery y", "correct horse battery", true},
		{`{"v":"a\"b c"}`, `a"b c`, true},
		{`pw: a\*b &lt;c`, "a*b <c", true},
		{"nothing here", "correct horse", false},
	} {
		if got := leaked(c.content, c.secret); got != c.want {
			t.Errorf("leaked(%q, %q) = %v", c.content, c.secret, got)
		}
	}
}
