package tui

import (
	"context"
	"deskside/flows"
	"deskside/probes"
	"deskside/session"
	"fmt"
	tea "github.com/charmbracelet/bubbletea"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// TestHelpLineKeepsMainKeys checks the step's help line at every width
// the wizard draws in: the answer digits, paste, back, more keys and quit
// stay; minor keys leave first, with an ellipsis that says so.
func TestHelpLineKeepsMainKeys(t *testing.T) {
	cases := map[string]struct {
		node    string
		width   int
		paste   string // what the p key is called on this step
		dropped bool
	}{
		"triage at 120":        {node: "triage", width: 120, paste: "p check"},
		"triage at 60":         {node: "triage", width: 60, paste: "p check", dropped: true},
		"triage at 50":         {node: "triage", width: 50, paste: "p check", dropped: true},
		"check step at 120":    {node: "od-method-1", width: 120, paste: "p check"},
		"check step at 60":     {node: "od-method-1", width: 60, paste: "p check", dropped: true},
		"twelve answers at 60": {node: "ig-read-code", width: 60, paste: "p", dropped: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m, _ := at(t, tc.node, tc.width, 20)
			lines := strings.Split(ansi.Strip(m.View()), "\n")
			help := lines[len(lines)-1]
			if w := lipgloss.Width(help); w > tc.width {
				t.Errorf("help line is %d columns, more than %d: %q", w, tc.width, help)
			}
			for _, want := range []string{" answer", tc.paste, "b back", "? more", "q quit"} {
				if !strings.Contains(help, want) {
					t.Errorf("help line lost %q: %q", want, help)
				}
			}
			if got := strings.Contains(help, "…"); got != tc.dropped {
				t.Errorf("ellipsis shown %v, want %v: %q", got, tc.dropped, help)
			}
			if !tc.dropped && !strings.Contains(help, "w why") {
				t.Errorf("a wide line left out a key: %q", help)
			}
		})
	}
}

// TestWhyOpensInSight presses w on a long step at 60×20, where the why
// panel goes below the step's text: the view scrolls to it.
func TestWhyOpensInSight(t *testing.T) {
	m, _ := at(t, "od-connectivity", 60, 20)
	if strings.Contains(m.View(), "Why this step") {
		t.Fatal("the why panel is in sight before w")
	}
	m = press(t, m, runes("w"))
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Why this step") {
		t.Errorf("w left the why panel out of sight:\n%s", v)
	}
	if !strings.Contains(v, "Answers") {
		t.Errorf("the answers left the screen:\n%s", v)
	}
	m = press(t, m, runes("w"))
	if strings.Contains(m.View(), "Why this step") {
		t.Error("a second w did not close the panel")
	}
}

// TestOutcomeHeadingsWrap renders an escalation at 60 columns: the
// packet's heading and the outcome's title wrap whole instead of being
// cut.
func TestOutcomeHeadingsWrap(t *testing.T) {
	m, _ := at(t, "escalate-network", 60, 20)
	r := root(m)
	if r.screen != screenOutcome {
		t.Fatalf("screen %s", r.screen)
	}
	text := ansi.Strip(r.outcome.render(60))
	for i, l := range strings.Split(text, "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("line %d is %d columns: %q", i+1, w, l)
		}
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Escalation packet ([x] collected by deskside, [ ] still to collect)",
		"Escalate to the network team",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q is cut:\n%s", want, text)
		}
	}
}

// TestStepRuns splits an action's steps where who does them changes,
// keeping their order and numbers.
func TestStepRuns(t *testing.T) {
	u := func(s string) flows.Instruction { return flows.Instruction{Who: flows.ActorUser, Text: s} }
	op := func(s string) flows.Instruction { return flows.Instruction{Who: flows.ActorOperator, Text: s} }
	ad := func(s string) flows.Instruction { return flows.Instruction{Who: flows.ActorAdmin, Text: s} }
	cases := map[string]struct {
		steps []flows.Instruction
		want  string // heading(first index: texts) per run
	}{
		"none":       {nil, ""},
		"all user":   {[]flows.Instruction{u("a"), u("b")}, "Read to the user:(0:a,b)"},
		"mixed":      {[]flows.Instruction{u("a"), u("b"), op("c"), ad("d")}, "Read to the user:(0:a,b) You do:(2:c) Ask an admin to:(3:d)"},
		"admin back": {[]flows.Instruction{ad("a"), u("b"), ad("c")}, "Ask an admin to:(0:a) Read to the user:(1:b) Ask an admin to:(2:c)"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, r := range stepRuns(tc.steps) {
				var texts []string
				for _, s := range r.steps {
					texts = append(texts, s.Text)
				}
				got = append(got, fmt.Sprintf("%s(%d:%s)", whoHeading(r.who), r.first, strings.Join(texts, ",")))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

// TestStepScreenSaysWhoDoesEachStep opens a step whose list mixes an
// admin's work with the user's: each run is under its own heading and no
// admin step sits under "Read to the user:".
func TestStepScreenSaysWhoDoesEachStep(t *testing.T) {
	tree := defaultTree(t)
	n := tree.Nodes["drift-dev-prod"]
	if n == nil || len(n.Steps) < 2 {
		t.Fatal("drift-dev-prod has no steps")
	}
	m, _ := at(t, "drift-dev-prod", 120, 40)
	r := root(m)
	text := ansi.Strip(r.step.middle(r.walk, 120))
	heading, seen := "", 0
	for _, l := range strings.Split(text, "\n") {
		switch l = strings.TrimSpace(l); l {
		case "Read to the user:", "You do:", "Ask an admin to:":
			heading = l
			continue
		}
		for i, st := range n.Steps {
			if !strings.HasPrefix(l, fmt.Sprintf("[ ] %d. ", i+1)) {
				continue
			}
			seen++
			if want := whoHeading(st.Who); heading != want {
				t.Errorf("step %d (%s) is under %q, want %q", i+1, st.Who, heading, want)
			}
		}
	}
	if seen != len(n.Steps) {
		t.Errorf("%d of %d steps shown:\n%s", seen, len(n.Steps), text)
	}
	if strings.Contains(text, "Admin: ") {
		t.Errorf("a step still carries its actor as a prefix:\n%s", text)
	}
}

// TestCheckPanelLeavesTheStepInSight reads a token with many facts at
// triage: the panel is cut (and says so) so that the step's title, text
// and answers stay in sight; f shows it whole and cuts it again.
func TestCheckPanelLeavesTheStepInSight(t *testing.T) {
	token, err := os.ReadFile("../testdata/probes/jwt/msdocs_access_token_v1.jwt")
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m, _ := at(t, "triage", size[0], size[1])
			m = press(t, m, runes("p"), paste(string(token)), ctrlS)
			v := ansi.Strip(m.View())
			if !strings.Contains(v, "Read as: jwt") {
				t.Fatalf("the token was not read:\n%s", v)
			}
			r := root(m)
			if mid := ansi.Strip(r.step.middle(r.walk, size[0])); !strings.Contains(mid, "lines more: f shows the whole result") {
				t.Errorf("a long result is not cut, or the cut has no sign:\n%s", mid)
			}
			// At 60×20 the conclusion alone fills the text area: the
			// rest is a scroll away, and the view says so.
			want := []string{"Answers", "› 1 OneDrive pop-up", "more below (pgdn)"}
			if size[1] >= 40 {
				want = []string{"Answers", "› 1 OneDrive pop-up", "What is the user seeing?", "Ask the user to read the message", "lines more: f shows the whole result"}
			}
			for _, w := range want {
				if !strings.Contains(v, w) {
					t.Errorf("%q is out of sight:\n%s", w, v)
				}
			}
			m = press(t, m, runes("f"))
			whole := ansi.Strip(root(m).step.vp.View())
			if strings.Contains(whole, "f shows the whole result") || !strings.Contains(whole, "f shortens") {
				t.Errorf("f did not show the whole result:\n%s", whole)
			}
			m = press(t, m, runes("f"))
			r = root(m)
			if mid := r.step.middle(r.walk, size[0]); !strings.Contains(mid, "f shows the whole result") {
				t.Errorf("a second f did not cut the result again:\n%s", mid)
			}
		})
	}
}

// TestExportSaysWhatWasMasked reaches an outcome with and without a
// pasted token: the status after the summary is written counts the
// values masked in the log and the export, or says nothing needed it.
func TestExportSaysWhatWasMasked(t *testing.T) {
	token, err := os.ReadFile("../testdata/probes/jwt/msdocs_access_token_v1.jwt")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		keys []tea.KeyMsg
		none bool
	}{
		"a pasted token": {keys: []tea.KeyMsg{runes("p"), paste(string(token)), ctrlS, runes("7")}},
		"no paste":       {keys: []tea.KeyMsg{runes("7")}, none: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m, opened := onDisk(t, 120, 40)
			m = press(t, m, runes("INC1"), enter)
			m = press(t, m, tc.keys...)
			r := root(m)
			if r.screen != screenOutcome || len(*opened) != 1 {
				t.Fatalf("screen %s, %d journals", r.screen, len(*opened))
			}
			sum, err := (*opened)[0].Summary()
			if err != nil {
				t.Fatal(err)
			}
			_, exported, err := session.Export(sum, session.FormatMarkdown)
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, c := range []map[string]int{sum.Redactions, exported} {
				for _, v := range c {
					total += v
				}
			}
			want := "; " + plural(total, "value", "values") + " masked."
			if tc.none {
				want = "; nothing needed masking."
			}
			if tc.none != (total == 0) {
				t.Fatalf("%d values masked; the case expects none: %v", total, tc.none)
			}
			if !strings.HasPrefix(r.status, "Summary written to ") || !strings.HasSuffix(r.status, want) {
				t.Errorf("status %q, want it to end %q", r.status, want)
			}
		})
	}
}

// TestOutcomePacketIsTheExports walks every scenario of the default tree
// to the step before its outcome, with its canned checks and a pasted
// AADSTS error (which carries a time, a correlation id and a code),
// recording each event in a journal; then the last answer is given in the
// wizard and in plain mode. The packet both show is the one the export of
// that journal fills in, item by item and piece of evidence by piece.
func TestOutcomePacketIsTheExports(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	aadsts, err := os.ReadFile("../testdata/probes/aadsts/adalnode_issue219_9002313_pretty_removed_trace.txt")
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return fixedNow }
	in := func(text string) probes.Input { return probes.Input{Text: text, OS: "linux", Now: now} }
	withPacket, collected := 0, 0
	for _, sc := range tree.Scenarios {
		last := sc.Expect[len(sc.Expect)-1]
		if len(tree.Nodes[last].Packet) == 0 {
			continue
		}
		withPacket++
		t.Run(sc.ID, func(t *testing.T) {
			// walk replays the scenario up to its last answer and says
			// which answer that is.
			walk := func() (*flows.Walk, *session.Journal, int) {
				w, evs := flows.NewWalkAt(tree, sc.Expect[0], now)
				j := session.NewMemoryJournal(session.Start{Version: "test", TreeFile: "flows.yaml"}, fixedNow)
				record := func(evs []flows.Event) {
					t.Helper()
					if err := j.Append(evs...); err != nil {
						t.Fatal(err)
					}
				}
				record(evs)
				for _, rd := range probes.ReadAny(context.Background(), reg.All(), in(string(aadsts))) {
					record(w.ApplyProbe(rd.Probe, string(aadsts), rd.Result, 0))
				}
				for i, next := range sc.Expect[1:] {
					if ref := w.Current().Probe; ref != nil {
						if text, ok := sc.Probes[ref.Name]; ok {
							pr, _ := reg.Lookup(ref.Name)
							record(w.ApplyProbe(ref.Name, text, pr.Run(context.Background(), in(text)), 0))
						}
					}
					if i == len(sc.Expect)-2 {
						for k, c := range w.Current().Choices {
							if c.Next == next {
								return w, j, k
							}
						}
						t.Fatalf("no answer of %s leads to %s", w.Current().ID, next)
					}
					evs, err := w.ChooseNext(next, "")
					if err != nil {
						t.Fatal(err)
					}
					record(evs)
				}
				t.Fatal("the scenario has no outcome")
				return nil, nil, 0
			}
			exported := func(j *session.Journal) []session.PacketItem {
				t.Helper()
				sum, err := j.Summary()
				if err != nil {
					t.Fatal(err)
				}
				return sum.Packet()
			}

			w, j, k := walk()
			o, _ := testOptions(t)
			o.Walk, o.Journal = w, j
			m := press(t, sized(t, New(o), 120, 40), runes(fmt.Sprint(k+1)))
			if root(m).screen != screenOutcome {
				t.Fatalf("answer %d did not reach the outcome", k+1)
			}
			want, got := exported(j), root(m).outcome.packet
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the outcome screen shows\n%#v\nthe export has\n%#v", got, want)
			}
			for _, it := range want {
				if it.Collected() {
					collected++
				}
			}

			w, j, k = walk()
			var out strings.Builder
			err := Plain(context.Background(), PlainOptions{In: strings.NewReader(fmt.Sprintf("%d\n", k+1)), Out: &out, Walk: w,
				Probes: reg, Record: func(evs []flows.Event) error { return j.Append(evs...) }, Summary: j.Summary})
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			for _, it := range exported(j) {
				line := "  [ ] " + it.Item + "\n"
				if it.Collected() {
					line = "  [x] " + it.Item + ": " + session.SafeLine(strings.Join(it.Evidence, "; ")) + "\n"
				}
				if !strings.Contains(out.String(), line) {
					t.Errorf("plain mode lacks %q:\n%s", line, out.String())
				}
			}
		})
	}
	if withPacket == 0 || collected == 0 {
		t.Errorf("%d scenarios end with a packet, %d items collected: the test compares nothing", withPacket, collected)
	}
}

func TestPastedText(t *testing.T) {
	cases := map[string]string{
		"":               "Nothing pasted yet.",
		"  \n\t\n":       "Nothing pasted yet.",
		"x":              "1 line pasted.",
		"HTTP/1.1 401\n": "1 line pasted.",
		"a\nb":           "2 lines pasted.",
		"a\r\nb\r\n\r\n": "2 lines pasted.",
		"a\n\nb\n":       "3 lines pasted.",
	}
	for in, want := range cases {
		if got := pastedText(in); got != want {
			t.Errorf("pastedText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStartEntriesDescriptionsFollowTheHeight: on a short terminal each
// entry takes one line, so all are in sight; on a tall one each has its
// description. A resize either way redraws them so.
func TestStartEntriesDescriptionsFollowTheHeight(t *testing.T) {
	o, _ := testOptions(t)
	const desc = "start at the beginning (triage)"
	var m tea.Model = New(o)
	for i, size := range [][2]int{{60, 20}, {120, 40}, {60, 20}, {120, 30}, {120, 29}} {
		m = sized(t, m, size[0], size[1])
		want := size[1] >= 30
		if got := strings.Contains(root(m).View(), desc); got != want {
			t.Errorf("resize %d to %dx%d: descriptions shown %v, want %v", i, size[0], size[1], got, want)
		}
	}
}
