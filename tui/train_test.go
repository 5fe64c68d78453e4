package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/session"
)

// walkScenario answers a scenario's expected path by number keys.
func walkScenario(t *testing.T, m tea.Model, tree *flows.Tree, sc flows.Scenario) tea.Model {
	t.Helper()
	for i := 0; i+1 < len(sc.Expect); i++ {
		n := tree.Nodes[sc.Expect[i]]
		for j, c := range n.Choices {
			if c.Next == sc.Expect[i+1] {
				m = press(t, m, runes(string(rune('1'+j))))
				break
			}
		}
	}
	return m
}

func TestTrainingRun(t *testing.T) {
	o, _ := testOptions(t)
	sc, _ := o.Tree.Scenario("reimaged-pc")
	o.Training = &Training{Scenario: sc}
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	if v := m.View(); !strings.Contains(v, "TRAINING") || !strings.Contains(v, sc.Title) {
		t.Fatalf("start screen:\n%s", v)
	}
	m = press(t, m, enter)
	if !root(m).step.why {
		t.Error("the why panel is not open in training")
	}
	// At the dsregcmd step the check returns the scenario's recorded input.
	m = walkScenario(t, m, o.Tree, flows.Scenario{Expect: sc.Expect[:4]})
	if id := root(m).walk.Current().ID; id != "od-reimage-check" {
		t.Fatalf("at %s", id)
	}
	m = press(t, m, runes("p"))
	r := root(m)
	if r.step.probe.state != probeShown || r.walk.Suggested() != 0 {
		t.Fatalf("probe state %d, suggested %d", r.step.probe.state, r.walk.Suggested())
	}
	if !strings.Contains(m.View(), "recorded input of the scenario") {
		t.Error("the result does not say it is the scenario's input")
	}
	m = walkScenario(t, m, o.Tree, flows.Scenario{Expect: sc.Expect[3:]})
	r = root(m)
	if r.screen != screenOutcome || r.Score() == nil || !r.Score().Perfect {
		t.Fatalf("screen %s, score %+v", r.screen, r.Score())
	}
	if v := m.View(); !strings.Contains(v, "TRAINING SCORE") || !strings.Contains(v, "7 of 7 answers on the expected path (100%). Perfect") {
		t.Errorf("outcome:\n%s", v)
	}
}

func TestTrainingWrongTurnIsExplained(t *testing.T) {
	o, _ := testOptions(t)
	sc, _ := o.Tree.Scenario("password-reset")
	o.Training = &Training{Scenario: sc}
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, enter, runes("1"))
	// The expected answer stays hidden until the trainee asks for it.
	if v := m.View(); strings.Contains(v, "The scenario expects") || !strings.Contains(v, "Press w to see the answer the scenario expects") {
		t.Errorf("the expected answer is shown before the trainee asked:\n%s", v)
	}
	m = press(t, m, runes("w"))
	if why := root(m).step.whyView(root(m).walk, 200); !strings.Contains(why, "The scenario expects answer 1: Yes: office.com works") || !strings.Contains(m.View(), "The scenario expects") || !root(m).step.why {
		t.Errorf("w does not give the expected answer:\n%s", why)
	}
	m = press(t, m, runes("2"))
	// Leaving the path is said at once, with the answer expected and why.
	if s := root(m).status; !strings.Contains(s, "you left the scenario's path at step 2. It expects answer 1") || !strings.Contains(s, "Why: The network is fine") {
		t.Errorf("status after the wrong turn: %q", s)
	}
	m = press(t, m, runes("4"))
	r := root(m)
	if r.Score() == nil || r.Score().Turn == nil || r.Score().Turn.Node != "od-connectivity" {
		t.Fatalf("score %+v", r.Score())
	}
	v := m.View()
	if !strings.Contains(v, "Left the path at step 2") || !strings.Contains(v, "Why: The network is fine") {
		t.Errorf("outcome:\n%s", v)
	}
	for i, line := range strings.Split(v, "\n") {
		if lipgloss.Width(line) > 120 {
			t.Errorf("line %d too wide: %q", i+1, line)
		}
	}
}

// TestTrainingScoreListsOverrides answers against the check's ★ and
// misses an answer whose choice gives no why: the score says both.
func TestTrainingScoreListsOverrides(t *testing.T) {
	o, _ := testOptions(t)
	sc, _ := o.Tree.Scenario("reimaged-pc")
	o.Training = &Training{Scenario: sc}
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, enter)
	m = walkScenario(t, m, o.Tree, flows.Scenario{Expect: sc.Expect[:4]})
	m = press(t, m, runes("p"))
	sug := root(m).walk.Suggested()
	if sug < 0 {
		t.Fatal("the canned check suggests nothing")
	}
	other := 1
	if sug == 1 {
		other = 2
	}
	m = press(t, m, runes(string(rune('1'+other))))
	// Then the first answer at every step: at the rejoin step that goes
	// against the ★ the cloud-only paste put on "stays unjoined" too.
	for root(m).screen == screenStep {
		m = press(t, m, runes("1"))
	}
	v := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(v, "Overrode the check's ★ 2 times:") || !strings.Contains(v, "where the check suggested") {
		t.Errorf("the score does not list the override:\n%s", m.View())
	}
	if turn := root(m).Score().Turn; turn == nil {
		t.Fatal("no wrong turn scored")
	} else if !strings.Contains(v, "Why: ") {
		t.Errorf("the missed answer has no why:\n%s", m.View())
	}
}

func TestScenarioRepliesAreTheUsersWords(t *testing.T) {
	o, _ := testOptions(t)
	var sc flows.Scenario
	for _, s := range o.Tree.Scenarios {
		if len(s.Replies) > 0 {
			sc = s
			break
		}
	}
	if sc.ID == "" {
		t.Skip("no scenario of the default tree gives the user's replies")
	}
	var node, reply string
	for i, id := range sc.Expect {
		if r, ok := sc.Replies[id]; ok {
			node, reply = id, r
			o.Walk, _ = flows.NewWalkAt(o.Tree, sc.Expect[i], o.Now)
			break
		}
	}
	o.Training = &Training{Scenario: sc}
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	if v := strings.ReplaceAll(m.View(), "\n", " "); !strings.Contains(v, "THE USER SAYS") || !strings.Contains(v, reply[:min(len(reply), 20)]) {
		t.Errorf("at %s the user's reply %q is not shown:\n%s", node, reply, m.View())
	}
}

func TestPickScenario(t *testing.T) {
	o, mj := testOptions(t)
	o.PickScenario = true
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	v := m.View()
	if !strings.Contains(v, "pick a scenario to practise") || !strings.Contains(v, "Freshly imaged laptop") {
		t.Fatalf("start screen:\n%s", v)
	}
	m = press(t, m, tab, tab, down, enter)
	r := root(m)
	if r.opts.Training == nil || r.opts.Training.Scenario.ID != "reimaged-pc" || r.walk.Current().ID != "triage" {
		t.Fatalf("training %+v", r.opts.Training)
	}
	s, _ := mj.list[0].Summary()
	if s.Start.Scenario != "reimaged-pc" {
		t.Errorf("the journal does not record the scenario: %+v", s.Start)
	}
}

// TestReplayGolden replays the golden journals as text and compares with
// files a person has read.
func TestReplayGolden(t *testing.T) {
	tree := defaultTree(t)
	files, _ := filepath.Glob("../testdata/sessions/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no journals")
	}
	for _, f := range files {
		l, err := session.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		PlainReplay(&b, filepath.Base(f), l, tree)
		checkGoldenText(t, filepath.Join("..", "testdata", "golden", "replay", strings.TrimSuffix(filepath.Base(f), ".jsonl")+".txt"), b.String())
	}
}

func checkGoldenText(t *testing.T, file, got string) {
	t.Helper()
	if updating() {
		os.WriteFile(file, []byte(got), 0o644)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs; run go test ./tui -update and read the diff", file)
	}
}

// TestReplayOlderTree replays a journal of the default tree against a
// tree that lacks its steps: they are shown as the log recorded them.
func TestReplayOlderTree(t *testing.T) {
	l, err := session.ReadFile("../testdata/sessions/resolved.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = NewReplay("resolved.jsonl", l, smallTree(t), asciiRenderer())
	m = sized(t, m, 120, 40)
	v := m.View()
	for _, want := range []string{"What is the user seeing?", `Step "triage" is no longer in small.yaml: shown as the log recorded it.`, "Answered"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestReplayKeys(t *testing.T) {
	l, err := session.ReadFile("../testdata/sessions/back-steps-and-notes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var m tea.Model = NewReplay("back-steps-and-notes.jsonl", l, defaultTree(t), asciiRenderer())
	m = sized(t, m, 60, 20)
	if v := m.View(); !strings.Contains(v, "step 1 of 10") || !strings.Contains(v, "What is the user seeing?") {
		t.Fatalf("view:\n%s", v)
	}
	if v := m.View(); !strings.Contains(v, "→ next step") || !strings.Contains(v, "← previous step") {
		t.Errorf("the help line does not say the arrows move:\n%s", v)
	}
	if lines := strings.Split(m.View(), "\n"); !strings.HasSuffix(lines[len(lines)-1], "q quit") {
		t.Errorf("the help line lost quit at 60 columns: %q", lines[len(lines)-1])
	}
	m = press(t, m, runes("n"), runes("p"))
	if !strings.Contains(m.View(), "step 1 of 10") {
		t.Error("n or p moved the replay: they are a note and a check in the wizard")
	}
	m = press(t, m, tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeyRight})
	if v := m.View(); !strings.Contains(v, "step 3 of 10") || !strings.Contains(v, "Read to the user:") {
		t.Errorf("step 3 does not open at its steps:\n%s", v)
	}
	// What happened at the step comes after its text: scroll to it.
	pgdn := tea.KeyMsg{Type: tea.KeyPgDown}
	m = press(t, m, pgdn, pgdn, pgdn, pgdn)
	if v := m.View(); !strings.Contains(v, "step 3 of 10") || !strings.Contains(v, "The operator went back from here.") {
		t.Errorf("step 3:\n%s", v)
	}
	m = press(t, m, tea.KeyMsg{Type: tea.KeyLeft})
	if !strings.Contains(m.View(), "step 2 of 10") {
		t.Error("previous did not go back")
	}
	m = press(t, m, runes("G"))
	if v := m.View(); !strings.Contains(v, "step 10 of 10") || !strings.Contains(v, "RESOLVED") {
		t.Errorf("last step:\n%s", v)
	}
	for i, line := range strings.Split(m.View(), "\n") {
		if len([]rune(line)) > 60 {
			t.Errorf("line %d too wide: %q", i+1, line)
		}
	}
	if _, quit := drain(t, m, func() tea.Msg { _, c := m.Update(runes("q")); return c() }); !quit {
		t.Error("q does not quit")
	}
}

func TestStatsView(t *testing.T) {
	st := &session.Stats{Dir: "/logs", Sessions: 3, Finished: 3,
		Results:  []session.ResultStat{{Result: "resolved", Count: 2, MedianSeconds: 300}, {Result: "escalate", Count: 1, MedianSeconds: 905}},
		Outcomes: []session.OutcomeStat{{Node: "resolved-method-1", Title: "Fixed by Method 1", Result: "resolved", Count: 2, MedianSeconds: 300}},
		Probes:   []session.ProbeStat{{Probe: "jwt", Runs: 4, Errors: 1, ErrorRate: 0.25}},
	}
	v := StatsView(st, 80, asciiRenderer())
	for _, want := range []string{"3 sessions: 3 finished, 0 unfinished", "resolved ", "2 · median 5:00", "1 · median 15:05", "25% of 4 runs", "Most common paths\nnone"} {
		if !strings.Contains(v, want) {
			t.Errorf("stats view lacks %q:\n%s", want, v)
		}
	}
	bar := func(prefix string) int {
		for _, l := range strings.Split(v, "\n") {
			if strings.HasPrefix(l, prefix) {
				return strings.Count(l, "█")
			}
		}
		return -1
	}
	if r, e := bar("resolved "), bar("escalate "); r <= e || e <= 0 {
		t.Errorf("bars: resolved %d, escalate %d; the larger count must have the longer bar", r, e)
	}
}
