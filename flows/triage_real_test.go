package flows_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deskside/flows"
	"deskside/probes"
)

// realSymptom reads the symptom a file of testdata/probes/real shows
// from its name, which says what the paste holds (written when the paste
// was read by a person): an AADSTS code (five digits or more) means a
// token request failed, which the refresh guide reads; an HTTP status
// alone means a call failed, which the three-question test reads.
var realSymptom = regexp.MustCompile(`_(\d{5,7}|401|403|429|5\d\d)_`)

// realTriageExceptions are the real pastes whose symptom their name does
// not give, with the reason.
var realTriageExceptions = map[string]struct{ next, why string }{
	"azurepowershell_issue20413_400_msal_debug_retry_failed.txt": {"", "a 400 with no AADSTS code or OAuth error: no symptom is certain, so nothing is suggested"},
}

// TestTriageSuggestsRealPastes pastes every real sample of
// testdata/probes/real at the triage step, as the wizard does, and checks
// the suggestion is its symptom's answer and names its source.
func TestTriageSuggestsRealPastes(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	files, err := filepath.Glob("../testdata/probes/real/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if filepath.Ext(f) == ".source" {
			continue
		}
		n++
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			want := ""
			if m := realSymptom.FindStringSubmatch(name); m != nil {
				want = "three-q-401"
				if len(m[1]) >= 5 {
					want = "ig-read-code"
				}
			}
			ex, listed := realTriageExceptions[name]
			if listed {
				want = ex.next
			}
			if want == "" && !listed {
				t.Fatalf("%s names no AADSTS code or HTTP status: list it in realTriageExceptions with the reason", name)
			}
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := probes.ReadPaste(context.Background(), mustProbe(t, reg, "clienterror"), reg.All(), probes.Input{Text: string(text), OS: "linux"})
			w, _ := flows.NewWalk(tree, clock())
			for _, rd := range got.Readings() {
				w.ApplyProbe(rd.Probe, string(text), rd.Result, 0)
			}
			sug := w.Suggestion()
			next := ""
			if sug.Index >= 0 {
				next = w.Current().Choices[sug.Index].Next
			}
			if next != want {
				t.Errorf("triage suggests %q, want %q (facts %v)", next, want, keyFacts(w.Facts()))
			}
			if sug.Index >= 0 && len(sug.From) == 0 {
				t.Error("the suggestion names no source")
			}
			if sug.Index < 0 {
				return
			}
			// The next step opens with its ★, from the same paste.
			if _, err := w.Choose(sug.Index); err != nil {
				t.Fatal(err)
			}
			if s := w.Suggestion(); s.Index < 0 || len(s.From) == 0 {
				t.Errorf("%s opens with no suggestion from the paste (facts %v)", w.Current().ID, keyFacts(w.Facts()))
			}
		})
	}
	if n < 30 {
		t.Errorf("only %d real pastes in testdata/probes/real", n)
	}
}

func mustProbe(t *testing.T, reg *probes.Registry, name string) probes.Probe {
	t.Helper()
	p, ok := reg.Lookup(name)
	if !ok || !strings.EqualFold(p.Name(), name) {
		t.Fatalf("no %s check", name)
	}
	return p
}

// TestCloudOnlyRejoinIsSuggested checks that a dsregcmd paste showing a
// PC outside any AD domain suggests, after /leave, the answer that a
// cloud-only PC stays unjoined until Method 2's Connect, and that a
// hybrid PC's paste suggests nothing there.
func TestCloudOnlyRejoinIsSuggested(t *testing.T) {
	tree := defaultTree(t)
	for name, tc := range map[string]struct {
		domainJoined bool
		want         string
	}{
		"cloud-only": {false, "Stays unjoined: expected on a cloud-only PC; Method 2's Connect joins it"},
		"hybrid":     {true, ""},
	} {
		w, _ := flows.NewWalkAt(tree, "od-reimage-rejoin", clock())
		w.ApplyProbe("dsregcmd", "", probes.Result{Status: probes.StatusOK, Facts: map[string]any{"device.domain_joined": tc.domainJoined}}, 0)
		got := ""
		if s := w.Suggestion(); s.Index >= 0 {
			got = w.Current().Choices[s.Index].Label
		}
		if got != tc.want {
			t.Errorf("%s: suggested %q, want %q", name, got, tc.want)
		}
	}
}
