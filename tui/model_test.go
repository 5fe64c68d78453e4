package tui

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// updating reports the -update flag, which rewrites the golden screens in
// testdata/golden/screens. teatest's golden package defines the flag.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func TestMain(m *testing.M) {
	// Screens are compared as text: no colour, dark background, whatever
	// terminal runs the tests.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

var fixedNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(&bytes.Buffer{})
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// memJournals records the journals a test's sessions open.
type memJournals struct{ list []*session.Journal }

func (mj *memJournals) open(req StartRequest) (Journal, error) {
	j := session.NewMemoryJournal(session.Start{Version: "test", TreeFile: "flows.yaml", StartNode: req.StartNode,
		Ticket: req.Ticket, Operator: req.Operator, OS: "linux", Scenario: req.Scenario}, fixedNow)
	mj.list = append(mj.list, j)
	return j, nil
}

func testOptions(t testing.TB) (Options, *memJournals) {
	mj := &memJournals{}
	return Options{
		Deps: Deps{
			Probes:     probes.Builtin(),
			ProbeInput: func() probes.Input { return probes.Input{OS: "linux", Now: func() time.Time { return fixedNow }} },
			Now:        func() time.Time { return fixedNow },
			After:      testAfter,
			Renderer:   asciiRenderer(),
			NewSession: mj.open,
			Clipboard:  &bytes.Buffer{},
			Getenv:     func(string) string { return "" },
		},
		Tree:      defaultTree(t),
		TreeLabel: "flows.yaml (embedded)", LogLabel: "/var/log/deskside",
	}, mj
}

// testAfter is the tests' timer: the short waits that only tell typed
// keys from pasted ones fire at once; the clock, the spinner and the wait
// for a second digit never fire by themselves (a test sends their
// message when it means to), so drain never waits on time.
func testAfter(d time.Duration, f func(time.Time) tea.Msg) tea.Cmd {
	if d >= 100*time.Millisecond {
		return nil
	}
	return func() tea.Msg { return f(fixedNow) }
}

// drainTimeout is how long drain waits for one command before it fails
// the test: no command of the wizard sleeps with testAfter, so a command
// that takes this long is stuck.
const drainTimeout = 10 * time.Second

// drain runs the commands a message produced and feeds their messages
// back, the way the program would, stopping at Quit. Every command is
// waited for: one that never returns fails the test rather than being
// skipped.
func drain(t testing.TB, m tea.Model, cmd tea.Cmd) (tea.Model, bool) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msgs := make(chan tea.Msg, 1)
		go func() { msgs <- c() }()
		var msg tea.Msg
		select {
		case msg = <-msgs:
		case <-time.After(drainTimeout):
			t.Fatalf("a command did not return within %s: the wizard is stuck", drainTimeout)
		}
		switch msg := msg.(type) {
		case nil:
		case tea.QuitMsg:
			return m, true
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
				// A sequence: run its commands in order, before the rest.
				var seq []tea.Cmd
				for i := 0; i < v.Len(); i++ {
					seq = append(seq, v.Index(i).Interface().(tea.Cmd))
				}
				queue = append(seq, queue...)
				continue
			}
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m, false
}

// press sends keys one at a time and drains what they cause.
func press(t testing.TB, m tea.Model, keys ...tea.KeyMsg) tea.Model {
	t.Helper()
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m, _ = drain(t, m, cmd)
	}
	return m
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	esc   = tea.KeyMsg{Type: tea.KeyEsc}
	tab   = tea.KeyMsg{Type: tea.KeyTab}
	ctrlS = tea.KeyMsg{Type: tea.KeyCtrlS}
	ctrlR = tea.KeyMsg{Type: tea.KeyCtrlR}
	down  = tea.KeyMsg{Type: tea.KeyDown}
)

func paste(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }

func sized(t testing.TB, m tea.Model, w, h int) tea.Model {
	t.Helper()
	m, cmd := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = drain(t, m, cmd)
	return m
}

func root(m tea.Model) Model { return m.(Model) }

const cmdkeyPaste = "Currently stored credentials:\n\n    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele@contoso.example\n    Type: Generic\n    User: adele@contoso.example\n"

// TestScreensGolden captures the start screen, a step, a probe result and
// the outcome at 120×40 and 60×20, and compares them with files a person
// has read. Rewrite them with go test ./tui -update.
func TestScreensGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {60, 20}} {
		o, _ := testOptions(t)
		o.Ticket = "INC0012345"
		var m tea.Model = New(o)
		m = sized(t, m, size[0], size[1])
		shots := map[string]string{"start": m.View()}
		m = press(t, m, enter, runes("1"), runes("1"), runes("1"), runes("1"))
		if id := root(m).walk.Current().ID; id != "od-method-1" {
			t.Fatalf("at %s, want od-method-1", id)
		}
		shots["step"] = m.View()
		m = press(t, m, runes("p"), paste(cmdkeyPaste), ctrlS)
		shots["probe"] = m.View()
		m = press(t, m, runes("1"))
		shots["outcome"] = m.View()
		for name, screen := range shots {
			file := filepath.Join("..", "testdata", "golden", "screens", fmt.Sprintf("%s-%dx%d.txt", name, size[0], size[1]))
			checkGolden(t, file, screen, size[0], size[1])
		}
	}
}

func checkGolden(t *testing.T, file, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("%s: %d lines, want exactly %d", file, len(lines), h)
	}
	for i, l := range lines {
		if n := lipgloss.Width(l); n > w {
			t.Errorf("%s: line %d is %d columns wide, more than %d: %q", file, i+1, n, w, l)
		}
	}
	if updating() {
		if err := os.WriteFile(file, []byte(screen), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update to create it)", err)
	}
	if string(want) != screen {
		t.Errorf("%s differs; run go test ./tui -update and read the diff\n%s", file, screen)
	}
}

func startedModel(t *testing.T, w, h int) (tea.Model, *memJournals) {
	t.Helper()
	o, mj := testOptions(t)
	var m tea.Model = New(o)
	m = sized(t, m, w, h)
	m = press(t, m, enter)
	if root(m).screen != screenStep {
		t.Fatalf("screen %s after enter", root(m).screen)
	}
	return m, mj
}

func TestStepKeys(t *testing.T) {
	cases := map[string]struct {
		keys   []tea.KeyMsg
		node   string
		status string
		check  func(t *testing.T, m Model)
	}{
		"number chooses at once":  {keys: []tea.KeyMsg{runes("2")}, node: "net-check"},
		"arrows then enter":       {keys: []tea.KeyMsg{down, down, enter}, node: "other-codes"},
		"j and k move":            {keys: []tea.KeyMsg{runes("j"), runes("j"), runes("k"), enter}, node: "net-check"},
		"keys typed together":     {keys: []tea.KeyMsg{runes("11")}, node: "od-cause"},
		"number out of range":     {keys: []tea.KeyMsg{runes("9")}, node: "triage"},
		"back at the first step":  {keys: []tea.KeyMsg{runes("b")}, node: "triage", status: "This is the first step"},
		"back twice":              {keys: []tea.KeyMsg{runes("1"), runes("1"), runes("b"), {Type: tea.KeyBackspace}}, node: "triage"},
		"q asks before quitting":  {keys: []tea.KeyMsg{runes("q")}, node: "triage", check: func(t *testing.T, m Model) { wantDialog(t, m, "Quit deskside now?") }},
		"n closes the dialog":     {keys: []tea.KeyMsg{runes("q"), runes("n")}, node: "triage", check: func(t *testing.T, m Model) { noDialog(t, m) }},
		"ctrl+r asks first":       {keys: []tea.KeyMsg{ctrlR}, node: "triage", check: func(t *testing.T, m Model) { wantDialog(t, m, "Restart") }},
		"note takes letters":      {keys: []tea.KeyMsg{runes("n"), runes("q"), runes("b"), enter}, node: "triage", status: "Note saved."},
		"empty note is not saved": {keys: []tea.KeyMsg{runes("n"), enter}, node: "triage", status: "An empty note was not saved."},
		"esc closes the note":     {keys: []tea.KeyMsg{runes("n"), esc, runes("1")}, node: "od-connectivity"},
		"paste box takes letters": {keys: []tea.KeyMsg{runes("p"), runes("q1")}, node: "triage",
			check: func(t *testing.T, m Model) {
				noDialog(t, m)
				if got := m.step.probe.paste.Value(); got != "q1" {
					t.Errorf("the paste box holds %q, want the letters typed into it", got)
				}
			}},
		"enter on an empty line submits": {keys: []tea.KeyMsg{runes("p"), paste("0x8004def7 can't sign in"), enter, enter}, node: "triage",
			check: func(t *testing.T, m Model) {
				if m.step.probe.state != probeShown || m.walk.Suggested() != 2 {
					t.Errorf("state %d, suggested %d", m.step.probe.state, m.walk.Suggested())
				}
			}},
		"the suggestion is preselected, not taken": {keys: []tea.KeyMsg{runes("p"), paste("Error 0x80070194: The cloud file provider exited unexpectedly."), ctrlS}, node: "triage",
			check: func(t *testing.T, m Model) {
				if m.step.cursor != 2 {
					t.Errorf("cursor %d, want the suggested answer 3", m.step.cursor)
				}
			}},
		"why toggles": {keys: []tea.KeyMsg{runes("w")}, node: "triage", check: func(t *testing.T, m Model) {
			if !m.step.why || !strings.Contains(m.View(), "Why this step") {
				t.Error("why panel not shown")
			}
		}},
		"space ticks steps in order": {keys: []tea.KeyMsg{runes("1"), runes("1"), runes("1"), runes(" "), runes("x"), runes("u"), runes(" ")}, node: "od-pw-signout",
			check: func(t *testing.T, m Model) {
				if got := m.step.ticked; !reflect.DeepEqual(got, []bool{true, true, false, false}) {
					t.Errorf("ticked %v", got)
				}
			}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m, _ := startedModel(t, 120, 40)
			m = press(t, m, tc.keys...)
			r := root(m)
			if r.walk != nil && r.walk.Current().ID != tc.node {
				t.Errorf("at %s, want %s", r.walk.Current().ID, tc.node)
			}
			if tc.status != "" && !strings.Contains(r.status, tc.status) {
				t.Errorf("status %q, want %q", r.status, tc.status)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func wantDialog(t *testing.T, m Model, q string) {
	t.Helper()
	if m.dialog == nil || !strings.Contains(m.dialog.question, q) {
		t.Errorf("dialog %+v, want %q", m.dialog, q)
	}
}

func noDialog(t *testing.T, m Model) {
	t.Helper()
	if m.dialog != nil {
		t.Errorf("dialog still open: %q", m.dialog.question)
	}
}

// TestQuitConfirmedEndsTheLog checks that a confirmed quit writes the end
// of the session before the program stops.
func TestQuitConfirmedEndsTheLog(t *testing.T) {
	m, mj := startedModel(t, 120, 40)
	m = press(t, m, runes("1"))
	m, cmd := m.Update(runes("q"))
	m, _ = drain(t, m, cmd)
	m, cmd = m.Update(runes("y"))
	_, quit := drain(t, m, cmd)
	if !quit {
		t.Fatal("the program did not quit")
	}
	s, err := mj.list[0].Summary()
	if err != nil {
		t.Fatal(err)
	}
	if s.EndReason != "quit" || len(s.Path) != 1 {
		t.Errorf("end %q, path %d", s.EndReason, len(s.Path))
	}
}

func TestRestartGoesBackToStart(t *testing.T) {
	m, mj := startedModel(t, 120, 40)
	m = press(t, m, runes("1"), ctrlR, runes("y"))
	r := root(m)
	if r.screen != screenStart {
		t.Fatalf("screen %s", r.screen)
	}
	if s, _ := mj.list[0].Summary(); s.EndReason != "restarted" {
		t.Errorf("first session ended %q", s.EndReason)
	}
	m = press(t, m, enter)
	if len(mj.list) != 2 || root(m).screen != screenStep {
		t.Errorf("%d sessions, screen %s", len(mj.list), root(m).screen)
	}
}

func TestTooSmall(t *testing.T) {
	m, _ := startedModel(t, 120, 40)
	m = sized(t, m, 49, 15)
	if v := m.View(); !strings.Contains(v, "window too small, need 50×15 (now 49×15)") {
		t.Errorf("view:\n%s", v)
	}
	m = press(t, m, runes("1"))
	if root(m).walk.Current().ID != "triage" {
		t.Error("a key acted on a screen too small to show it")
	}
	m = sized(t, m, 50, 15)
	if v := m.View(); strings.Contains(v, "too small") || !strings.Contains(v, "Answers") {
		t.Errorf("view at the minimum:\n%s", v)
	}
}

// TestStatusWrapsNotCuts keeps a long status whole at 60 columns: an
// export path is what the operator attaches to the ticket.
func TestStatusWrapsNotCuts(t *testing.T) {
	path := "/home/operator/.local/state/deskside/sessions/2026-11-23T0243Z-INC0012345-export.md"
	for _, tc := range []struct {
		status string
		whole  bool
	}{
		{"Export written to " + path + " (nothing redacted).", true},
		{strings.Repeat("Log warning: the disk is full. ", 12), false},
	} {
		m, _ := startedModel(t, 60, 20)
		r := root(m)
		r.status = tc.status
		v := ansi.Strip(r.View())
		lines := strings.Split(v, "\n")
		if len(lines) != 20 {
			t.Errorf("%d lines, want 20:\n%s", len(lines), v)
		}
		if !strings.HasPrefix(lines[len(lines)-1], "1-9 answer") {
			t.Errorf("help line is not last:\n%s", v)
		}
		joined := strings.ReplaceAll(v, "\n", "")
		if tc.whole && !strings.Contains(joined, path) {
			t.Errorf("path cut:\n%s", v)
		}
		if !tc.whole && !strings.Contains(v, "…") {
			t.Errorf("a status cut after %d lines shows no sign:\n%s", statusMaxLines, v)
		}
	}
}

// TestViewFitsEveryStep renders every node of the default tree at both
// sizes and the minimum: exactly the terminal's lines, none too wide, the
// help line last, and the answers in sight.
func TestViewFitsEveryStep(t *testing.T) {
	tree := defaultTree(t)
	for _, size := range [][2]int{{120, 40}, {60, 20}, {50, 15}} {
		for _, id := range tree.Order {
			o, _ := testOptions(t)
			w, _ := flows.NewWalkAt(tree, id, o.Now)
			o.Walk = w
			var m tea.Model = New(o)
			m = sized(t, m, size[0], size[1])
			v := m.View()
			lines := strings.Split(v, "\n")
			if len(lines) != size[1] {
				t.Errorf("%s at %dx%d: %d lines", id, size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if lipgloss.Width(l) > size[0] {
					t.Errorf("%s at %dx%d: line %d too wide: %q", id, size[0], size[1], i+1, l)
				}
			}
			last := lines[len(lines)-1]
			if !strings.Contains(last, "quit") {
				t.Errorf("%s at %dx%d: help line lost: %q", id, size[0], size[1], last)
			}
			if n := tree.Nodes[id]; !n.Terminal() && !strings.Contains(v, "Answers") {
				t.Errorf("%s at %dx%d: answers not in sight", id, size[0], size[1])
			}
		}
	}
}

func TestCopyShowsRedactionsFirst(t *testing.T) {
	o, _ := testOptions(t)
	clip := &bytes.Buffer{}
	o.Clipboard = clip
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, enter, runes("n"))
	m = press(t, m, paste("user pasted Authorization: Bearer abcdefghijkl123"), enter)
	m = press(t, m, runes("7"), runes("c"))
	wantDialog(t, root(m), "Copy the Markdown summary")
	if !strings.Contains(root(m).dialog.detail, "1 Authorization header") {
		t.Errorf("detail %q", root(m).dialog.detail)
	}
	if clip.Len() != 0 {
		t.Fatal("copied before the operator said yes")
	}
	m = press(t, m, runes("y"))
	if !strings.HasPrefix(clip.String(), "\x1b]52;c;") || !strings.HasSuffix(clip.String(), "\a") {
		t.Errorf("clipboard got %q", clip.String())
	}
	if !strings.Contains(root(m).status, "Copied the Markdown summary") {
		t.Errorf("status %q", root(m).status)
	}
}

func TestStartScreenResumeOffer(t *testing.T) {
	o, _ := testOptions(t)
	tree := defaultTree(t)
	opened := false
	o.Resume = &ResumeOffer{Path: "x.jsonl", Started: fixedNow, Ticket: "INC1", LastStep: "Method 2", Open: func() (*flows.Walk, Journal, error) {
		opened = true
		w, _ := flows.NewWalkAt(tree, "od-method-2", o.Now)
		return w, session.NewMemoryJournal(session.Start{StartNode: "triage"}, fixedNow), nil
	}}
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	if !strings.Contains(m.View(), `stopped at “Method 2” — press ctrl+o to resume it`) {
		t.Errorf("no resume offer:\n%s", m.View())
	}
	m = press(t, m, tea.KeyMsg{Type: tea.KeyCtrlO})
	if !opened || root(m).walk.Current().ID != "od-method-2" {
		t.Errorf("opened %v", opened)
	}
	if !strings.Contains(m.View(), "deskside · INC1 ·") {
		t.Errorf("the resumed session's ticket is not in the header:\n%s", m.View())
	}
}

func TestStartScreenFields(t *testing.T) {
	o, mj := testOptions(t)
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, runes("INC77"), tab, runes("Dana q"), tab, down, enter)
	r := root(m)
	if r.screen != screenStep || r.walk.Current().ID != "od-connectivity" {
		t.Fatalf("screen %s", r.screen)
	}
	s, _ := mj.list[0].Summary()
	if s.Start.Ticket != "INC77" || s.Start.Operator != "Dana q" {
		t.Errorf("start %+v", s.Start)
	}
}

func BenchmarkKeyPress(b *testing.B) {
	o, _ := testOptions(b)
	tree := defaultTree(b)
	w, _ := flows.NewWalkAt(tree, "od-cause", o.Now)
	o.Walk = w
	var m tea.Model = New(o)
	m = sized(b, m, 120, 40)
	benchKeys(b, m)
}

// benchKeys times one key press, Update and View, moving the cursor down
// and up in turn.
func benchKeys(b *testing.B, m tea.Model) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%2 == 1 {
			k = tea.KeyMsg{Type: tea.KeyUp}
		}
		i++
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkKeyPressLongBody moves the cursor on a step whose body is
// about 150 lines of Markdown with lists, a table and code.
func BenchmarkKeyPressLongBody(b *testing.B) {
	var body strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&body, "      ## Part %d\n\n      Ask the user to open **Credential Manager** and read each `MicrosoftOffice16_Data` entry aloud; the [guide](https://example.com/guide) has pictures.\n\n      - first item with *emphasis*\n      - second item\n\n      | Item | Token refresh | Credential reset |\n      |---|---|---|\n      | What it does | gets a new token silently | deletes cached tokens |\n\n", i)
	}
	src := "version: 1\ntitle: long\nstart: a\nnodes:\n  a:\n    kind: question\n    title: A long step\n    body: |\n" + body.String() +
		"    choices:\n      - { label: One, next: done }\n      - { label: Two, next: done }\n      - { label: Three, next: done }\n  done:\n    kind: outcome\n    title: Done\n    result: resolved\n    summary: Done.\n"
	tree, err := flows.Parse("long.yaml", []byte(src), flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		b.Fatal(err)
	}
	o, _ := testOptions(b)
	o.Tree = tree
	o.Walk, _ = flows.NewWalk(tree, o.Now)
	var m tea.Model = New(o)
	m = sized(b, m, 120, 40)
	if n := root(m).step.vp.TotalLineCount(); n < 100 {
		b.Fatalf("body is only %d lines", n)
	}
	benchKeys(b, m)
}

// TestProbeOnWindowsOffersThisPC checks that on Windows a check that can
// read this PC still opens the paste box (the operator is often on their
// own PC), and ctrl+t reads this PC instead.
func TestProbeOnWindowsOffersThisPC(t *testing.T) {
	o, _ := testOptions(t)
	ran := false
	o.ProbeInput = func() probes.Input {
		return probes.Input{OS: "windows", Runner: runnerFunc(func() ([]byte, error) {
			ran = true
			return []byte(cmdkeyPaste), nil
		})}
	}
	tree := o.Tree
	w, _ := flows.NewWalkAt(tree, "od-method-1", o.Now)
	o.Walk = w
	var m tea.Model = New(o)
	m = sized(t, m, 120, 40)
	m = press(t, m, runes("p"))
	if root(m).step.probe.state != probePasting || !strings.Contains(m.View(), "Or ctrl+t: run cmdkey /list on this PC") {
		t.Fatalf("no paste box offering this PC:\n%s", m.View())
	}
	m = press(t, m, tea.KeyMsg{Type: tea.KeyCtrlT})
	if !ran || root(m).step.probe.state != probeShown {
		t.Errorf("ctrl+t did not read this PC (ran %v, state %d)", ran, root(m).step.probe.state)
	}
}

type runnerFunc func() ([]byte, error)

func (f runnerFunc) Run(context.Context, string, ...string) ([]byte, error) { return f() }

func TestModeOf(t *testing.T) {
	reg := probes.Builtin()
	cases := []struct {
		probe, input, goos string
		want               ProbeMode
	}{
		{"dsregcmd", "auto", "windows", ModeEither},
		{"dsregcmd", "auto", "linux", ModePaste},
		{"dsregcmd", "run", "windows", ModeRun},
		{"dsregcmd", "paste", "windows", ModePaste},
		{"jwt", "auto", "windows", ModePaste},
		{"clock", "auto", "windows", ModeEither},
	}
	for _, c := range cases {
		p, _ := reg.Lookup(c.probe)
		if got := ModeOf(&flows.ProbeRef{Name: c.probe, Input: c.input}, p, c.goos); got != c.want {
			t.Errorf("%s %s on %s: %d, want %d", c.probe, c.input, c.goos, got, c.want)
		}
	}
}
