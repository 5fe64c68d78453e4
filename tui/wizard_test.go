package tui

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// at opens the wizard on a walk at node id, at the given size.
func at(t *testing.T, id string, w, h int) (tea.Model, Options) {
	t.Helper()
	o, _ := testOptions(t)
	o.Walk, _ = flows.NewWalkAt(o.Tree, id, o.Now)
	var m tea.Model = New(o)
	return sized(t, m, w, h), o
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

// onDisk opens the wizard with journals written to a temporary folder.
func onDisk(t *testing.T, w, h int) (tea.Model, *[]*session.Journal) {
	t.Helper()
	o, _ := testOptions(t)
	open, opened := diskSessions(t, t.TempDir())
	o.NewSession = open
	o.Operator = "Dana"
	var m tea.Model = New(o)
	return sized(t, m, w, h), opened
}

// TestOutcomeBackAndNote takes back the answer that closed the call and
// adds a closing note: both are logged, the amendment is marked, and the
// summary is written again.
// TestClosingNoteReachesTheSummary checks that the summary beside the log
// holds a closing note typed at the outcome when the operator quits
// without writing it again by hand.
func TestClosingNoteReachesTheSummary(t *testing.T) {
	m, opened := onDisk(t, 120, 40)
	m = press(t, m, runes("INC1"), enter, runes("7"))
	if root(m).screen != screenOutcome {
		t.Fatalf("screen %s", root(m).screen)
	}
	m = press(t, m, runes("n"), runes("user will call back if it returns"), enter)
	m, cmd := m.Update(runes("q"))
	if _, quit := drain(t, m, cmd); !quit {
		t.Fatal("q at the outcome did not quit")
	}
	md := strings.TrimSuffix((*opened)[0].Path(), ".jsonl") + ".md"
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "user will call back if it returns") {
		t.Errorf("the summary beside the log lacks the closing note typed before quitting:\n%s", data)
	}
}

func TestOutcomeBackAndNote(t *testing.T) {
	m, opened := onDisk(t, 120, 40)
	m = press(t, m, runes("INC1"), enter, runes("7"))
	r := root(m)
	if r.screen != screenOutcome {
		t.Fatalf("screen %s", r.screen)
	}
	md := strings.TrimSuffix((*opened)[0].Path(), ".jsonl") + ".md"
	if v := strings.ReplaceAll(m.View(), "\n", " "); !strings.Contains(v, "The Markdown summary is written to") {
		t.Errorf("the outcome does not say the summary is written:\n%s", m.View())
	}
	m = press(t, m, runes("e"))
	if s := root(m).status; !strings.Contains(s, "already written to "+md+"; nothing changed since") {
		t.Errorf("e with nothing changed: %q", s)
	}
	m = press(t, m, runes("b"))
	if r := root(m); r.screen != screenStep || r.walk.Current().ID != "triage" {
		t.Fatalf("b at the outcome: screen %s", r.screen)
	}
	m = press(t, m, runes("1"), runes("b"), runes("7"))
	m = press(t, m, runes("n"), runes("user will call back if it returns"), enter)
	if s := root(m).status; !strings.Contains(s, "Closing note saved. Press e to write the summary again") {
		t.Errorf("status after the closing note: %q", s)
	}
	m = press(t, m, runes("e"))
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "user will call back if it returns") {
		t.Errorf("the summary written again lacks the closing note:\n%s", data)
	}
	m, cmd := m.Update(runes("q"))
	m, _ = drain(t, m, cmd)
	l, err := session.ReadFile((*opened)[0].Path())
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range l.Entries {
		switch e.Type {
		case flows.EventAnswer, flows.EventBack, flows.EventNote, flows.EventOutcome, session.EventEnd:
			kinds = append(kinds, string(e.Type))
		}
	}
	if got := strings.Join(kinds, " "); got != "answer outcome back answer back answer outcome note session-end" {
		t.Errorf("journal: %s", got)
	}
	if f := root(m).Farewell(); len(f) != 2 || f[0] != "Ticket summary (Markdown): "+md || f[1] != "Session log: "+(*opened)[0].Path() {
		t.Errorf("farewell %q", f)
	}
}

// TestNewSessionForgetsTheCall presses s at the outcome: the next call
// starts with an empty ticket and no old status, and the same operator.
func TestNewSessionForgetsTheCall(t *testing.T) {
	m, _ := onDisk(t, 120, 40)
	m = press(t, m, runes("INC1"), enter, runes("7"))
	if !strings.Contains(root(m).status, "Summary written to") {
		t.Fatalf("status %q", root(m).status)
	}
	m = press(t, m, runes("s"))
	r := root(m)
	if r.screen != screenStart || r.start.ticket.Value() != "" || r.status != "" || r.start.operator.Value() != "Dana" {
		t.Errorf("screen %s, ticket %q, status %q, operator %q", r.screen, r.start.ticket.Value(), r.status, r.start.operator.Value())
	}
	if strings.Contains(m.View(), "written to") {
		t.Errorf("the last call's export is still on screen:\n%s", m.View())
	}
}

// TestCtrlCTwiceQuits: the second ctrl+c confirms the quit it asked for.
func TestCtrlCTwiceQuits(t *testing.T) {
	m, opened := onDisk(t, 120, 40)
	m = press(t, m, enter, runes("1"))
	m = press(t, m, tea.KeyMsg{Type: tea.KeyCtrlC})
	wantDialog(t, root(m), "Quit deskside now?")
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	m, quit := drain(t, m, cmd)
	if !quit {
		t.Fatal("ctrl+c twice did not quit")
	}
	path := (*opened)[0].Path()
	want := []string{"Session log: " + path, "Continue it with: deskside resume " + path}
	if f := root(m).Farewell(); strings.Join(f, "\n") != strings.Join(want, "\n") {
		t.Errorf("farewell %q, want %q", f, want)
	}
}

// TestOperatorKeptWithAWalkGiven: with --ticket and --flow the start
// screen is skipped; the operator's name still reaches the next call.
func TestOperatorKeptWithAWalkGiven(t *testing.T) {
	o, _ := testOptions(t)
	o.Walk, _ = flows.NewWalkAt(o.Tree, "od-method-1", o.Now)
	o.Ticket, o.Operator = "INC9", "Dana"
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, runes("1"), runes("s"))
	if r := root(m); r.start.operator.Value() != "Dana" || r.start.ticket.Value() != "" {
		t.Errorf("operator %q, ticket %q", r.start.operator.Value(), r.start.ticket.Value())
	}
}

// TestStartFilterMatchesWords filters the flows by "graph": only the
// flow whose text says Graph is left, and the match is marked in its
// title.
func TestStartFilterMatchesWords(t *testing.T) {
	o, _ := testOptions(t)
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, tab, tab, runes("/"), runes("graph"))
	r := root(m)
	var titles []string
	for _, it := range r.start.entries.VisibleItems() {
		titles = append(titles, it.(entry).title)
	}
	if len(titles) != 1 || !strings.Contains(titles[0], "Graph") {
		t.Fatalf("\"graph\" matches %q", titles)
	}
	title := titles[0]
	idx := r.start.entries.MatchesForItem(0)
	if len(idx) != 5 || string([]rune(title)[idx[0]:idx[0]+5]) != "Graph" {
		t.Errorf("matched runes %v of %q", idx, title)
	}
	if got := wordFilter("0x8004de40 onedrive", []string{"OneDrive sign-in error 0x8004de40", "Teams 0x8004de40"}); len(got) != 1 || got[0].Index != 0 {
		t.Errorf("two words: %+v", got)
	}
}

// TestTrainingStartScreen: a trainee has no ticket to type, and the
// picker does not say what the scenario teaches (it would give the
// answers away).
func TestTrainingStartScreen(t *testing.T) {
	o, _ := testOptions(t)
	o.PickScenario = true
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	v := m.View()
	if strings.Contains(v, "Ticket ID") || root(m).start.focus != 2 || !strings.Contains(v, "Trainee") {
		t.Errorf("the training start screen asks for a ticket or does not start on the list:\n%s", v)
	}
	for _, sc := range o.Tree.Scenarios {
		if sc.Teaches != "" && strings.Contains(v, sc.Teaches[:min(30, len(sc.Teaches))]) {
			t.Errorf("the picker shows what %s teaches", sc.ID)
		}
	}
	sc := o.Tree.Scenarios[0]
	o.PickScenario, o.Training = false, &Training{Scenario: sc}
	m = sized(t, New(o), 120, 40)
	m = press(t, m, enter)
	if r := root(m); r.screen != screenStep {
		t.Errorf("enter on train SCENARIO's start screen does not start it (screen %s)", r.screen)
	}
}

const aadstsBody = `{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-08-01T09:00:00Z and was inactive for 90.00:00:00.\r\nTrace ID: 0f3c5b1e-1111-2222-3333-444455556666\r\nCorrelation ID: 9a8b7c6d-aaaa-bbbb-cccc-ddddeeeeffff\r\nTimestamp: 2026-11-19 10:01:00Z","error_codes":[700082]}`

// TestPasteAnythingAtTriage pastes an AADSTS body where the step's own
// check reads client error codes: the checks that recognise it read it,
// the panel says which, and the step it routes to opens with its ★ and
// where that came from.
func TestPasteAnythingAtTriage(t *testing.T) {
	m, opened := onDisk(t, 120, 40)
	m = press(t, m, enter, runes("p"))
	if v := m.View(); !strings.Contains(v, "The paste is kept in the session log with secrets masked.") {
		t.Errorf("the paste box does not say what is stored:\n%s", v)
	}
	m = press(t, m, paste(aadstsBody), ctrlS)
	v := m.View()
	if !strings.Contains(v, "Read as: aadsts") || !strings.Contains(v, "The clienterror check could not read it") || !strings.Contains(v, "aadsts.code = 700082") {
		t.Fatalf("the panel does not say what read the paste:\n%s", v)
	}
	m = press(t, m, runes("5"))
	r := root(m)
	if r.walk.Current().ID != "ig-read-code" {
		t.Fatalf("at %s", r.walk.Current().ID)
	}
	if r.walk.Suggested() != 0 || r.step.cursor != 0 {
		t.Errorf("suggested %d, cursor %d: want the inactivity answer on entry", r.walk.Suggested(), r.step.cursor)
	}
	if v := m.View(); !strings.Contains(v, "★ from the paste at step 1 (aadsts)") || !strings.Contains(v, "★ suggested") {
		t.Errorf("the ★ does not say where it came from:\n%s", v)
	}
	m, cmd := m.Update(runes("q"))
	m, _ = drain(t, m, cmd)
	if _, quit := drain(t, m, func() tea.Msg { return tea.KeyMsg(runes("y")) }); !quit {
		t.Fatal("the session did not quit")
	}
	l, err := session.ReadFile((*opened)[0].Path())
	if err != nil {
		t.Fatal(err)
	}
	var probesRun []string
	for _, e := range l.Entries {
		if e.Type == flows.EventProbe {
			probesRun = append(probesRun, e.Probe)
		}
	}
	if len(probesRun) == 0 || probesRun[0] != "aadsts" {
		t.Errorf("the journal records the checks %v, want the aadsts reading", probesRun)
	}
}

// TestPasteNothingRecognises pastes text no check reads at a step with
// no check of its own: the panel lists what deskside reads.
func TestPasteNothingRecognises(t *testing.T) {
	tree := defaultTree(t)
	id := ""
	for _, nid := range tree.Order {
		if n := tree.Nodes[nid]; n.Kind == flows.KindQuestion && n.Probe == nil {
			id = nid
			break
		}
	}
	m, _ := at(t, id, 120, 40)
	if v := m.View(); !strings.Contains(v, "p paste") {
		t.Errorf("a step without a check does not offer p:\n%s", v)
	}
	m = press(t, m, runes("p"), paste("the printer on floor 3 is jammed again"), ctrlS)
	v := m.View()
	if !strings.Contains(v, "No check recognised this paste") || !strings.Contains(v, "deskside reads these") {
		t.Fatalf("no list of what deskside reads:\n%s", v)
	}
	kinds := probes.PasteKinds(probes.Builtin().All())
	if len(kinds) == 0 || !strings.Contains(strings.Join(strings.Fields(v), " "), strings.Join(strings.Fields(kinds[0]), " ")[:20]) {
		t.Errorf("the first kind %q is not listed:\n%s", kinds[0], v)
	}
}

// TestResumedCallKeepsItsTime resumes a call that had a minute on it
// before the operator quit an hour ago: the header goes on from 01:00.
func TestResumedCallKeepsItsTime(t *testing.T) {
	o, _ := testOptions(t)
	start := fixedNow.Add(-61 * time.Minute)
	j, err := session.Create(t.TempDir(), session.Start{Version: "test", TreeFile: "flows.yaml", StartNode: "triage", OS: "linux"}, start)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	w, evs := flows.NewWalk(o.Tree, func() time.Time { return start })
	if err := j.Append(evs...); err != nil {
		t.Fatal(err)
	}
	if err := j.AppendEntry(session.Entry{TS: session.Stamp(start.Add(time.Minute)), Event: flows.Event{Type: session.EventEnd}, Reason: "quit"}); err != nil {
		t.Fatal(err)
	}
	if err := j.AppendEntry(session.Entry{TS: session.Stamp(fixedNow), Event: flows.Event{Type: session.EventResume}}); err != nil {
		t.Fatal(err)
	}
	o.Walk, o.Journal = w, j
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	if v := m.View(); !strings.Contains(v, "01:00 on the call") {
		t.Errorf("the resumed call's clock:\n%s", strings.Split(v, "\n")[0])
	}
}

// TestUntrustedTextReachesNoTerminal pastes and notes text with an OSC 52
// sequence, a screen clear and a bidi override, and opens a session whose
// ticket carries one: none of them reaches the screen raw.
func TestUntrustedTextReachesNoTerminal(t *testing.T) {
	const evil = "x\x1b]52;c;ZXZpbA==\a\x1b[2J\u202eoops"
	o, _ := testOptions(t)
	o.Walk, _ = flows.NewWalkAt(o.Tree, "three-q-401", o.Now)
	o.Ticket = "INC" + evil
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	check := func(where string) {
		t.Helper()
		v := m.View()
		if strings.Contains(v, "\x1b]52") || strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\u202e") {
			t.Errorf("%s: a control sequence reaches the terminal: %q", where, v)
		}
	}
	check("header")
	m = press(t, m, runes("p"), paste("HTTP/1.1 401 Unauthorized\n\n{\"error\":{\"message\":\""+evil+"\"}}"))
	check("paste box")
	m = press(t, m, ctrlS)
	check("panel")
	m = press(t, m, runes("n"), runes(evil))
	check("note")
}
