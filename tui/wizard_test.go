package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
)

// at opens the wizard on a walk at node id, at the given size.
func at(t *testing.T, id string, w, h int) (tea.Model, Options) {
	t.Helper()
	o, _ := testOptions(t)
	o.Walk, _ = flows.NewWalkAt(o.Tree, id, o.Now)
	var m tea.Model = New(o)
	return sized(t, m, w, h), o
}

// lastAnswer is the label of the walk's last answer.
func lastAnswer(t *testing.T, m tea.Model) flows.Step {
	t.Helper()
	p := root(m).walk.Path()
	if len(p) == 0 {
		t.Fatal("nothing was answered")
	}
	return p[len(p)-1]
}

// TestAnswersPastNine types two digits on a step with twelve answers.
func TestAnswersPastNine(t *testing.T) {
	n := defaultTree(t).Nodes["ig-read-code"]
	if len(n.Choices) < 12 {
		t.Fatalf("ig-read-code has %d answers", len(n.Choices))
	}
	cases := map[string]struct {
		keys []tea.Msg
		want int // the answer taken, 1-based; 0 for none
	}{
		"1 then 2 is answer 12":        {keys: []tea.Msg{runes("1"), runes("2")}, want: 12},
		"12 arriving together":         {keys: []tea.Msg{runes("12")}, want: 12},
		"1 then the wait is answer 1":  {keys: []tea.Msg{runes("1"), digitTimeoutMsg{seq: 1}}, want: 1},
		"1 then enter is answer 1":     {keys: []tea.Msg{runes("1"), enter}, want: 1},
		"2 needs no wait":              {keys: []tea.Msg{runes("2")}, want: 2},
		"1 then 5 is no answer":        {keys: []tea.Msg{runes("1"), runes("5")}, want: 0},
		"a late timeout does not act":  {keys: []tea.Msg{runes("1"), runes("1"), digitTimeoutMsg{seq: 1}}, want: 11},
		"esc drops the digit typed":    {keys: []tea.Msg{runes("1"), esc, digitTimeoutMsg{seq: 1}}, want: 0},
		"0 alone does nothing":         {keys: []tea.Msg{runes("0")}, want: 0},
		"10 is the tenth answer":       {keys: []tea.Msg{runes("1"), runes("0")}, want: 10},
		"a second digit of 0 after 2?": {keys: []tea.Msg{runes("2"), runes("0")}, want: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m, _ := at(t, "ig-read-code", 120, 40)
			for _, k := range tc.keys {
				var cmd tea.Cmd
				m, cmd = m.Update(k)
				m, _ = drain(t, m, cmd)
			}
			r := root(m)
			if tc.want == 0 {
				if id := r.walk.Current().ID; id != "ig-read-code" {
					t.Errorf("moved to %s", id)
				}
				return
			}
			got := r.walk.Path()
			if len(got) == 0 {
				t.Fatalf("nothing was answered, want answer %d", tc.want)
			}
			if got[0].Label != n.Choices[tc.want-1].Label {
				t.Errorf("answered %q, want answer %d %q", got[0].Label, tc.want, n.Choices[tc.want-1].Label)
			}
			if len(got) > 1 {
				t.Errorf("a digit answered the next step too: %+v", got)
			}
		})
	}
}

func TestAnswersPastNineShowTheWait(t *testing.T) {
	m, _ := at(t, "ig-read-code", 60, 20)
	if v := m.View(); !strings.Contains(v, "1-12 answer") {
		t.Errorf("the help line does not say answers go to 12:\n%s", v)
	}
	m, _ = m.Update(runes("1"))
	if v := m.View(); !strings.Contains(v, "1… type a second digit for 10–12, or enter for 1") {
		t.Errorf("the prompt does not show the wait:\n%s", v)
	}
	m = press(t, m, runes("5"))
	if v := m.View(); !strings.Contains(v, "There is no answer 15") {
		t.Errorf("no word about answer 15:\n%s", v)
	}
}

// TestPasteWithoutBracketedPaste sends a paste as the keys a terminal
// without bracketed paste makes of it, blank line included, all at once:
// it stays one paste; only an Enter typed later by a person submits.
func TestPasteWithoutBracketedPaste(t *testing.T) {
	m, _ := at(t, "three-q-401", 120, 40)
	m = press(t, m, runes("p"))
	if root(m).step.probe.state != probePasting {
		t.Fatal("no paste box")
	}
	var cmds []tea.Cmd
	for _, k := range []tea.KeyMsg{runes("HTTP/1.1 401 Unauthorized"), enter, runes("WWW-Authenticate: Bearer error=\"invalid_token\""), enter, enter,
		runes("{\"error\": {\"code\": \"InvalidAuthenticationToken\"}}"), {Type: tea.KeyCtrlJ}, {Type: tea.KeyCtrlJ}, runes("q"), runes("b")} {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		cmds = append(cmds, cmd)
	}
	m, _ = drain(t, m, tea.Batch(cmds...))
	r := root(m)
	if r.step.probe.state != probePasting || r.dialog != nil {
		t.Fatalf("the paste was cut at a blank line: state %d, dialog %v", r.step.probe.state, r.dialog)
	}
	want := "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n{\"error\": {\"code\": \"InvalidAuthenticationToken\"}}\n\nqb"
	if got := r.step.probe.paste.Value(); got != want {
		t.Errorf("the box holds\n%q\nwant\n%q", got, want)
	}
	m = press(t, m, enter, enter)
	if st := root(m).step.probe.state; st != probeShown {
		t.Errorf("two Enters typed by a person did not check the paste (state %d)", st)
	}
}

// TestStepOpensAtItsTop scrolls a long step at 60×20 and answers: the
// next step shows its beginning.
func TestStepOpensAtItsTop(t *testing.T) {
	m, _ := at(t, "od-connectivity", 60, 20)
	m = press(t, m, tea.KeyMsg{Type: tea.KeyPgDown}, tea.KeyMsg{Type: tea.KeyPgDown})
	if root(m).step.vp.YOffset == 0 {
		t.Fatal("the long step did not scroll")
	}
	m = press(t, m, runes("1"))
	r := root(m)
	if r.walk.Current().ID == "od-connectivity" {
		t.Fatal("no answer taken")
	}
	if r.step.vp.YOffset != 0 || strings.Contains(m.View(), "more above") {
		t.Errorf("%s opened scrolled to line %d:\n%s", r.walk.Current().ID, r.step.vp.YOffset, m.View())
	}
}
