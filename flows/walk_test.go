package flows

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"deskside/probes"
)

var t0 = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// ticking returns a clock that advances a second per reading, so event
// times are distinct and predictable.
func ticking() func() time.Time {
	n := 0
	return func() time.Time {
		n++
		return t0.Add(time.Duration(n) * time.Second)
	}
}

func smallTree(t testing.TB) *Tree {
	t.Helper()
	tree, err := loadTestFile(t, "good", "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// op is one call on a Walk in a table test.
type op struct {
	choose  int
	back    bool
	probe   map[string]any // facts of an httpstatus result
	note    string
	wantErr error
	events  []EventType
}

func TestWalk(t *testing.T) {
	choose := func(i int, evs ...EventType) op { return op{choose: i, events: evs} }
	back := op{back: true, choose: -1, events: []EventType{EventBack, EventStep}}
	probe := func(f map[string]any) op { return op{probe: f, choose: -1, events: []EventType{EventProbe}} }

	cases := map[string]struct {
		ops       []op
		current   string
		suggested int
		facts     Facts
		path      []string // labels
		ended     bool
	}{
		"start": {current: "ask", suggested: -1, facts: Facts{}},
		"choose to an action": {
			ops:     []op{choose(0, EventAnswer, EventStep)},
			current: "check", suggested: -1, path: []string{"Yes, 401"}, facts: Facts{},
		},
		"choose to an outcome": {
			ops:     []op{choose(0, EventAnswer, EventStep), choose(1, EventAnswer, EventStep, EventOutcome)},
			current: "escalate", suggested: -1, path: []string{"Yes, 401", "Still failing"}, ended: true, facts: Facts{},
		},
		"no answer after the outcome": {
			ops: []op{choose(0, EventAnswer, EventStep), choose(0, EventAnswer, EventStep, EventOutcome),
				{choose: 0, wantErr: ErrEnded}},
			current: "done", suggested: -1, path: []string{"Yes, 401", "Fixed"}, ended: true, facts: Facts{},
		},
		"choice out of range": {
			ops:     []op{{choose: 3, wantErr: ErrNoChoice}, {choose: -1, back: true, wantErr: ErrAtStart}},
			current: "ask", suggested: -1, facts: Facts{},
		},
		"facts suggest a choice": {
			ops:     []op{probe(map[string]any{"http.status": 429, "http.class": "throttling"})},
			current: "ask", suggested: 1, facts: Facts{"http.status": 429, "http.class": "throttling", "cross.not_auth": true},
		},
		"facts through JSON still suggest": {
			ops:     []op{probe(map[string]any{"http.status": float64(401)})},
			current: "ask", suggested: 0, facts: Facts{"http.status": 401, "cross.not_auth": false},
		},
		"pastes survive going back": {
			ops: []op{
				probe(map[string]any{"http.status": 401}),
				choose(0, EventAnswer, EventStep),
				probe(map[string]any{"http.status": 503}),
				choose(1, EventAnswer, EventStep, EventOutcome),
				back, back,
				{back: true, choose: -1, wantErr: ErrAtStart},
			},
			current: "ask", suggested: 1, facts: Facts{"http.status": 503, "cross.not_auth": true},
		},
		"back keeps a paste made after the step returned to": {
			ops: []op{
				probe(map[string]any{"http.status": 401}),
				choose(0, EventAnswer, EventStep),
				probe(map[string]any{"http.status": 429}),
				choose(0, EventAnswer, EventStep, EventOutcome),
				back,
			},
			current: "check", suggested: -1, path: []string{"Yes, 401"},
			facts: Facts{"http.status": 429, "cross.not_auth": true},
		},
		"a later run of a probe replaces its facts": {
			ops: []op{
				probe(map[string]any{"http.status": 429, "http.retry_after": 10}),
				probe(map[string]any{"http.status": 401}),
			},
			current: "ask", suggested: 0, facts: Facts{"http.status": 401, "cross.not_auth": false},
		},
		"notes do not move the walk": {
			ops:     []op{{choose: -1, note: "user is on VPN", events: []EventType{EventNote}}, {choose: -1, note: "   ", wantErr: ErrEmptyNote}},
			current: "ask", suggested: -1, facts: Facts{},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w, start := NewWalk(smallTree(t), ticking())
			if len(start) != 1 || start[0].Type != EventStep || start[0].Node != "ask" {
				t.Fatalf("start events %+v", start)
			}
			for i, o := range tc.ops {
				var evs []Event
				var err error
				switch {
				case o.back:
					evs, err = w.Back()
				case o.probe != nil:
					evs = w.ApplyProbe("httpstatus", "HTTP/1.1 ...", probes.Result{Status: probes.StatusFail, Summary: "x", Facts: o.probe}, time.Millisecond)
				case o.note != "":
					evs, err = w.Note(o.note)
				default:
					evs, err = w.Choose(o.choose)
				}
				if !errors.Is(err, o.wantErr) {
					t.Fatalf("op %d: err = %v, want %v", i, err, o.wantErr)
				}
				var types []EventType
				for _, e := range evs {
					types = append(types, e.Type)
				}
				if !slices.Equal(types, o.events) {
					t.Errorf("op %d: events %v, want %v", i, types, o.events)
				}
			}
			if got := w.Current().ID; got != tc.current {
				t.Errorf("current = %s, want %s", got, tc.current)
			}
			if got := w.Suggested(); got != tc.suggested {
				t.Errorf("suggested = %d, want %d", got, tc.suggested)
			}
			if got := w.Facts(); !reflect.DeepEqual(got, tc.facts) {
				t.Errorf("facts = %v, want %v", got, tc.facts)
			}
			var labels []string
			for _, s := range w.Path() {
				labels = append(labels, s.Label)
			}
			if !slices.Equal(labels, tc.path) {
				t.Errorf("path = %q, want %q", labels, tc.path)
			}
			if w.Ended() != tc.ended {
				t.Errorf("ended = %v", w.Ended())
			}
		})
	}
}

func TestWalkEvents(t *testing.T) {
	w, _ := NewWalk(smallTree(t), ticking())
	w.ApplyProbe("httpstatus", "HTTP/1.1 401", probes.Result{Facts: map[string]any{"http.status": 401}}, 40*time.Millisecond)
	evs, _ := w.Choose(0)
	ans := evs[0]
	if ans.Type != EventAnswer || ans.Node != "ask" || ans.Label != "Yes, 401" || ans.Next != "check" || !ans.Suggested {
		t.Errorf("answer event %+v", ans)
	}
	if !ans.At.Equal(t0.Add(3*time.Second)) || ans.At.Location() != time.UTC {
		t.Errorf("answer time %v", ans.At)
	}
	evs, _ = w.Choose(1)
	out := evs[2]
	if out.Type != EventOutcome || out.Outcome != ResultEscalate || out.Summary != "Still failing after a reconnect." {
		t.Errorf("outcome event %+v", out)
	}
	evs, _ = w.Back()
	if evs[0].From != "escalate" || evs[0].Node != "check" {
		t.Errorf("back event %+v", evs[0])
	}
}

// TestWalkAmendment checks that going back and answering differently is
// reported as an amendment of the earlier answer, and answering the same
// again is not.
func TestWalkAmendment(t *testing.T) {
	w, _ := NewWalk(smallTree(t), ticking())
	w.Choose(0)
	w.Back()
	evs, _ := w.Choose(2)
	if evs[0].Replaces != "Yes, 401" {
		t.Errorf("replaces = %q", evs[0].Replaces)
	}
	if p := w.Path(); len(p) != 1 || p[0].Replaces != "Yes, 401" || p[0].Label != "Something else" {
		t.Errorf("path %+v", p)
	}

	w, _ = NewWalk(smallTree(t), ticking())
	w.Choose(0)
	w.Back()
	evs, _ = w.Choose(0)
	if evs[0].Replaces != "" {
		t.Errorf("same answer again marked as amendment %q", evs[0].Replaces)
	}
}

func TestChooseNext(t *testing.T) {
	w, _ := NewWalk(smallTree(t), ticking())
	if _, err := w.ChooseNext("nowhere", ""); !errors.Is(err, ErrNoChoice) {
		t.Errorf("err = %v", err)
	}
	if _, err := w.ChooseNext("backoff", "No, 429"); err != nil || w.Current().ID != "backoff" {
		t.Errorf("err = %v, at %s", err, w.Current().ID)
	}
}

func TestNewWalkAt(t *testing.T) {
	tree := smallTree(t)
	w, _ := NewWalkAt(tree, "check", ticking())
	if w.Current().ID != "check" || w.First() != "check" {
		t.Errorf("at %s", w.Current().ID)
	}
	if _, err := w.Back(); !errors.Is(err, ErrAtStart) {
		t.Errorf("back from a flow's entry: %v", err)
	}
	w, _ = NewWalkAt(tree, "no-such-node", ticking())
	if w.Current().ID != "ask" {
		t.Errorf("unknown entry started at %s", w.Current().ID)
	}
}

func TestConditions(t *testing.T) {
	f := Facts{"http.status": 401, "jwt.scp": []string{"User.Read", "Chat.Read"}, "aadsts.category": "Consent", "jwt.expired": false}
	cases := map[string]struct {
		c    Condition
		want bool
	}{
		"is int":            {Condition{Fact: "http.status", Op: OpIs, Values: []any{401}}, true},
		"is int, other":     {Condition{Fact: "http.status", Op: OpIs, Values: []any{403}}, false},
		"is string folds":   {Condition{Fact: "aadsts.category", Op: OpIs, Values: []any{"consent"}}, true},
		"is bool":           {Condition{Fact: "jwt.expired", Op: OpIs, Values: []any{false}}, true},
		"list contains":     {Condition{Fact: "jwt.scp", Op: OpIs, Values: []any{"chat.read"}}, true},
		"in":                {Condition{Fact: "http.status", Op: OpIn, Values: []any{400, 401}}, true},
		"not in":            {Condition{Fact: "http.status", Op: OpIn, Values: []any{429, 503}}, false},
		"lt":                {Condition{Fact: "http.status", Op: OpLt, Values: []any{500}}, true},
		"gt":                {Condition{Fact: "http.status", Op: OpGt, Values: []any{499}}, false},
		"exists":            {Condition{Fact: "http.status", Op: OpExists, Values: []any{true}}, true},
		"not exists":        {Condition{Fact: "clock.skewed", Op: OpExists, Values: []any{false}}, true},
		"unset fact":        {Condition{Fact: "clock.skewed", Op: OpIs, Values: []any{true}}, false},
		"unset fact, false": {Condition{Fact: "clock.skewed", Op: OpIs, Values: []any{false}}, false},
	}
	for name, tc := range cases {
		if got := tc.c.Holds(f); got != tc.want {
			t.Errorf("%s: %s = %v, want %v", name, tc.c, got, tc.want)
		}
	}
}

func TestDerive(t *testing.T) {
	cases := map[string]struct {
		facts Facts
		want  Facts
		found []string
	}{
		"nothing known":           {Facts{}, Facts{}, nil},
		"tenant mismatch":         {Facts{"jwt.tid": "aaaa", "tenant.id": "BBBB"}, Facts{"cross.tenant_mismatch": true}, []string{"cross.tenant_mismatch"}},
		"same tenant, other case": {Facts{"jwt.tid": "aaaa", "tenant.id": "AAAA"}, Facts{"cross.tenant_mismatch": false}, nil},
		"401 with an unexpired token": {Facts{"http.status": 401, "jwt.expired": false},
			Facts{"cross.unexpired_401": true, "cross.not_auth": false}, []string{"cross.unexpired_401"}},
		"401 with an expired token": {Facts{"http.status": 401, "jwt.expired": true},
			Facts{"cross.unexpired_401": false, "cross.not_auth": false}, nil},
		"429 is not authentication": {Facts{"http.status": 429}, Facts{"cross.not_auth": true}, []string{"cross.not_auth"}},
		"503 is not authentication": {Facts{"http.status": 503}, Facts{"cross.not_auth": true}, []string{"cross.not_auth"}},
		"clock explains the token": {Facts{"clock.skewed": true, "jwt.not_yet_valid": true, "jwt.expired": false},
			Facts{"cross.clock_explains_token": true}, []string{"cross.clock_explains_token"}},
		"clock fine": {Facts{"clock.skewed": false, "jwt.not_yet_valid": true, "jwt.expired": false},
			Facts{"cross.clock_explains_token": false}, nil},
		"expired a second before the call (Date header)": {Facts{"jwt.exp": "2026-11-19T10:00:59Z", "http.date": "2026-11-19T10:01:00Z"},
			Facts{"cross.expired_at_call": true, "cross.call_time": "Date header 2026-11-19T10:01:00Z"}, []string{"cross.expired_at_call"}},
		"expires at the very second of the call": {Facts{"jwt.exp": "2026-11-19T10:01:00Z", "http.date": "2026-11-19T10:01:00Z"},
			Facts{"cross.expired_at_call": true, "cross.call_time": "Date header 2026-11-19T10:01:00Z"}, []string{"cross.expired_at_call"}},
		"valid a second after the call, expired now": {Facts{"jwt.exp": "2026-11-19T10:01:01Z", "http.date": "2026-11-19T10:01:00Z", "jwt.expired": true, "http.status": 401},
			Facts{"cross.expired_at_call": false, "cross.call_time": "Date header 2026-11-19T10:01:00Z", "cross.unexpired_401": true, "cross.not_auth": false},
			[]string{"cross.expired_at_call", "cross.unexpired_401"}},
		"the AADSTS timestamp when there is no Date header": {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "aadsts.timestamp": "2026-11-19T09:00:00Z"},
			Facts{"cross.expired_at_call": false, "cross.call_time": "AADSTS timestamp 2026-11-19T09:00:00Z"}, []string{"cross.expired_at_call"}},
		"the Date header wins over the AADSTS timestamp": {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "aadsts.timestamp": "2026-11-19T09:00:00Z", "http.date": "2026-11-19T11:00:00+01:00"},
			Facts{"cross.expired_at_call": true, "cross.call_time": "Date header 2026-11-19T10:00:00Z"}, []string{"cross.expired_at_call"}},
		"the time the token's own paste carried": {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "jwt.checked_at": "Date header 2026-11-19T10:05:00Z"},
			Facts{"cross.expired_at_call": true, "cross.call_time": "Date header 2026-11-19T10:05:00Z"}, []string{"cross.expired_at_call"}},
		"a response's Date header wins over the token's paste": {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "jwt.checked_at": "Date header 2026-11-19T10:05:00Z", "http.date": "2026-11-19T09:55:00Z"},
			Facts{"cross.expired_at_call": false, "cross.call_time": "Date header 2026-11-19T09:55:00Z"}, []string{"cross.expired_at_call"}},
		"an unreadable checked_at":                             {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "jwt.checked_at": "now"}, Facts{}, nil},
		"a checked_at that does not say what it was read from": {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "jwt.checked_at": " 2026-11-19T10:05:00Z"}, Facts{}, nil},
		"a checked_at that is only a time":                     {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "jwt.checked_at": "2026-11-19T10:05:00Z"}, Facts{}, nil},
		"no time of the call":                                  {Facts{"jwt.exp": "2026-11-19T10:00:00Z"}, Facts{}, nil},
		"an unreadable exp":                                    {Facts{"jwt.exp": "soon", "http.date": "2026-11-19T10:00:00Z"}, Facts{}, nil},
		"an unreadable date":                                   {Facts{"jwt.exp": "2026-11-19T10:00:00Z", "http.date": "Thu, 19 Nov"}, Facts{}, nil},
	}
	for name, tc := range cases {
		got, found := Derive(tc.facts)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: facts %v, want %v", name, got, tc.want)
		}
		var names []string
		for _, f := range found {
			names = append(names, f.Fact)
			if f.Text == "" {
				t.Errorf("%s: finding %s has no sentence", name, f.Fact)
			}
		}
		if !slices.Equal(names, tc.found) {
			t.Errorf("%s: findings %v, want %v", name, names, tc.found)
		}
	}
}

// TestDefaultScenarios walks every scenario of the default tree to its
// outcome, running each canned probe input through the real probe, and
// checks that whenever the probes suggest an answer it is the one the
// scenario expects.
func TestDefaultScenarios(t *testing.T) {
	tree, err := LoadFile("../flows.yaml", catalog())
	if err != nil {
		t.Fatal(err)
	}
	reg := probes.Builtin()
	if len(tree.Scenarios) < 8 {
		t.Errorf("%d scenarios, want at least 8", len(tree.Scenarios))
	}
	for _, s := range tree.Scenarios {
		t.Run(s.ID, func(t *testing.T) {
			w, _ := NewWalkAt(tree, s.Expect[0], ticking())
			used := map[string]bool{}
			suggestions := 0
			for i, id := range s.Expect {
				n := w.Current()
				if n.ID != id {
					t.Fatalf("step %d is %s, want %s", i, n.ID, id)
				}
				if n.Terminal() {
					break
				}
				if n.Probe != nil {
					if text, ok := s.Probes[n.Probe.Name]; ok {
						p, _ := reg.Lookup(n.Probe.Name)
						r := p.Run(context.Background(), probes.Input{Text: text, OS: "linux"})
						if r.Status == probes.StatusError {
							t.Errorf("canned %s input gives an error: %s", p.Name(), r.Summary)
						}
						w.ApplyProbe(p.Name(), text, r, 0)
						used[n.Probe.Name] = true
						if sug := w.Suggested(); sug >= 0 {
							suggestions++
							if got := n.Choices[sug].Next; got != s.Expect[i+1] {
								t.Errorf("at %s the %s check suggests %q (→ %s), but the scenario goes to %s", n.ID, p.Name(), n.Choices[sug].Label, got, s.Expect[i+1])
							}
						} else if hasWhen(n) && n.Kind != KindAction {
							// An action's choices are its results, which the
							// facts from before it rarely decide; a question's
							// are what the facts answer.
							t.Errorf("at %s the canned %s input suggests nothing", n.ID, p.Name())
						}
					}
				}
				if _, err := w.ChooseNext(s.Expect[i+1], ""); err != nil {
					t.Fatalf("at %s: %v", n.ID, err)
				}
			}
			if !w.Ended() {
				t.Errorf("scenario stopped at %s, not an outcome", w.Current().ID)
			}
			for name := range s.Probes {
				if !used[name] {
					t.Errorf("canned input for %s is never used on the path", name)
				}
			}
			if len(s.Probes) > 0 && suggestions == 0 {
				t.Errorf("no probe suggested any answer")
			}
		})
	}
}

func hasWhen(n *Node) bool {
	for _, c := range n.Choices {
		if !c.When.IsZero() {
			return true
		}
	}
	return false
}

// poolOp is one call in a fact-pool table test: choose an answer by
// index, go back, or apply an httpstatus reading (input "" = read the PC).
type poolOp struct {
	choose int
	back   bool
	status int
	input  string
}

// TestFactPool checks the session's one pool of facts: answers' sets:
// count like pastes, the last learnt wins, pastes survive Back and an
// answer's facts leave with it, and the suggestion names its sources.
func TestFactPool(t *testing.T) {
	ch := func(i int) poolOp { return poolOp{choose: i} }
	back := poolOp{back: true}
	paste := func(status int) poolOp { return poolOp{status: status, input: "HTTP/1.1 ..."} }
	cases := map[string]struct {
		ops     []poolOp
		at      string
		facts   Facts // the base facts (derived ones left out)
		sug     int
		sugFrom string
	}{
		"an answer's facts suggest a later step": {
			ops: []poolOp{ch(0), ch(0)}, at: "confirm",
			facts: Facts{"http.status": 401, "answer.status_confirmed": true, "answer.reconnect_helped": true},
			sug:   0, sugFrom: "your answer at step 1",
		},
		"the other answer suggests the other choice": {
			ops: []poolOp{ch(1), ch(0)}, at: "confirm",
			facts: Facts{"answer.status_confirmed": false, "answer.reconnect_helped": true},
			sug:   1, sugFrom: "your answer at step 1",
		},
		"going back undoes an answer's facts": {
			ops: []poolOp{ch(0), ch(0), back, back}, at: "ask",
			facts: Facts{}, sug: -1,
		},
		"going back one step keeps the earlier answer's facts": {
			ops: []poolOp{ch(0), ch(0), back}, at: "reconnect",
			facts: Facts{"http.status": 401, "answer.status_confirmed": true}, sug: -1,
		},
		"a paste survives going back": {
			ops: []poolOp{paste(401), ch(1), back}, at: "ask",
			facts: Facts{"http.status": 401}, sug: 0, sugFrom: "the paste at step 1 (httpstatus)",
		},
		"a paste at a later step survives going back before it": {
			ops: []poolOp{ch(1), paste(401), back}, at: "ask",
			facts: Facts{"http.status": 401}, sug: 0, sugFrom: "the paste at step 2 (httpstatus)",
		},
		"an answer after a paste wins": {
			ops: []poolOp{paste(403), ch(0)}, at: "reconnect",
			facts: Facts{"http.status": 401, "answer.status_confirmed": true}, sug: -1,
		},
		"the paste is back when the answer is undone": {
			ops: []poolOp{paste(403), ch(0), back}, at: "ask",
			facts: Facts{"http.status": 403}, sug: -1,
		},
		"a paste after an answer wins": {
			ops: []poolOp{ch(0), paste(503)}, at: "reconnect",
			facts: Facts{"http.status": 503, "answer.status_confirmed": true}, sug: -1,
		},
		"a check that read this PC": {
			ops: []poolOp{{status: 401}}, at: "ask",
			facts: Facts{"http.status": 401}, sug: 0, sugFrom: "the check at step 1 (httpstatus)",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			tree, err := loadTestFile(t, "good", "roles.yaml")
			if err != nil {
				t.Fatal(err)
			}
			w, _ := NewWalk(tree, ticking())
			for i, o := range tc.ops {
				var err error
				switch {
				case o.back:
					_, err = w.Back()
				case o.status != 0:
					w.ApplyProbe("httpstatus", o.input, probes.Result{Status: probes.StatusFail, Facts: map[string]any{"http.status": o.status}}, 0)
				default:
					_, err = w.Choose(o.choose)
				}
				if err != nil {
					t.Fatalf("op %d: %v", i, err)
				}
			}
			if w.Current().ID != tc.at {
				t.Fatalf("at %s, want %s", w.Current().ID, tc.at)
			}
			base := Facts{}
			for k, v := range w.Facts() {
				if !strings.HasPrefix(k, "cross.") {
					base[k] = v
				}
			}
			if !reflect.DeepEqual(base, tc.facts) {
				t.Errorf("facts = %v, want %v", base, tc.facts)
			}
			sug := w.Suggestion()
			if sug.Index != tc.sug || sug.FromText() != tc.sugFrom {
				t.Errorf("suggestion = %d from %q, want %d from %q", sug.Index, sug.FromText(), tc.sug, tc.sugFrom)
			}
			if w.Suggested() != sug.Index {
				t.Errorf("Suggested() = %d, Suggestion().Index = %d", w.Suggested(), sug.Index)
			}
		})
	}
}

// TestStepEventRecordsSuggestion checks that arriving at a step records
// the suggestion and its sources, and that a step with none records nil.
func TestStepEventRecordsSuggestion(t *testing.T) {
	tree, err := loadTestFile(t, "good", "roles.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, start := NewWalk(tree, ticking())
	if start[0].SuggestedIndex != nil || start[0].SuggestedFrom != "" {
		t.Errorf("first step records a suggestion: %+v", start[0])
	}
	evs, _ := w.Choose(1)
	if evs[1].Type != EventStep || evs[1].SuggestedIndex != nil {
		t.Errorf("reconnect step %+v", evs[1])
	}
	evs, _ = w.Choose(0)
	step := evs[1]
	if step.Type != EventStep || step.Node != "confirm" || step.SuggestedIndex == nil || *step.SuggestedIndex != 1 || step.SuggestedFrom != "your answer at step 1" {
		t.Errorf("confirm step %+v", step)
	}
	b, err := json.Marshal(step)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"suggested_choice":1`, `"suggested_from":"your answer at step 1"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("journal line %s lacks %s", b, want)
		}
	}
	// A suggestion of the first choice is recorded as 0, not left out.
	w, _ = NewWalk(tree, ticking())
	w.ApplyProbe("httpstatus", "x", probes.Result{Facts: map[string]any{"http.status": 401}}, 0)
	w.Choose(0)
	evs, _ = w.Choose(0)
	if b, _ := json.Marshal(evs[1]); !strings.Contains(string(b), `"suggested_choice":0`) {
		t.Errorf("journal line %s lacks suggested_choice 0", b)
	}
}

// TestSources checks the provenance of read, answered and derived facts.
func TestSources(t *testing.T) {
	w, _ := NewWalk(smallTree(t), ticking())
	w.ApplyProbe("httpstatus", "HTTP/1.1 401", probes.Result{Facts: map[string]any{"http.status": 401}}, 0)
	w.ApplyProbe("jwt", "eyJ...", probes.Result{Facts: map[string]any{"jwt.expired": false}}, 0)
	// A later failed run keeps the earlier reading and its source.
	w.ApplyProbe("jwt", "garbage", probes.Result{Status: probes.StatusError}, 0)
	paste := func(p string) Source { return Source{Step: 1, Node: "ask", Probe: p} }
	cases := map[string][]Source{
		"http.status":         {paste("httpstatus")},
		"jwt.expired":         {paste("jwt")},
		"cross.unexpired_401": {paste("httpstatus"), paste("jwt")},
		"cross.not_auth":      {paste("httpstatus")},
		"clock.skewed":        nil,
	}
	for fact, want := range cases {
		if got := w.Sources(fact); !slices.Equal(got, want) {
			t.Errorf("Sources(%s) = %+v, want %+v", fact, got, want)
		}
	}
}

func TestSourceText(t *testing.T) {
	a := Source{Step: 1, Node: "triage", Probe: "aadsts"}
	b := Source{Step: 2, Node: "q", Answer: "Yes, 401"}
	c := Source{Step: 3, Node: "r", Probe: "dsregcmd", Ran: true}
	cases := map[string]struct {
		s    Suggestion
		want string
	}{
		"none":  {Suggestion{Index: -1}, ""},
		"one":   {Suggestion{From: []Source{a}}, "the paste at step 1 (aadsts)"},
		"two":   {Suggestion{From: []Source{a, b}}, "the paste at step 1 (aadsts) and your answer at step 2"},
		"three": {Suggestion{From: []Source{a, b, c}}, "the paste at step 1 (aadsts), your answer at step 2 and the check at step 3 (dsregcmd)"},
	}
	for name, tc := range cases {
		if got := tc.s.FromText(); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

// TestRemainingOnScenarios walks every scenario of the default tree, from
// its first step and from every flow's entry on its path (an operator who
// picked the flow), and checks the rule Remaining documents: it never
// says less than the scenario has left, never rises, falls by at least one
// per answer, by exactly one while the scenario is the longest that agrees
// with the path, and is 0 at the outcome.
func TestRemainingOnScenarios(t *testing.T) {
	tree, err := LoadFile("../flows.yaml", catalog())
	if err != nil {
		t.Fatal(err)
	}
	steps, exact := 0, 0
	for _, s := range tree.Scenarios {
		starts := []int{0}
		for _, f := range tree.Flows {
			if i := slices.Index(s.Expect, f.Start); i > 0 {
				starts = append(starts, i)
			}
		}
		for _, from := range starts {
			t.Run(s.ID+"/from-"+s.Expect[from], func(t *testing.T) {
				w, _ := NewWalkAt(tree, s.Expect[from], ticking())
				prev := -1
				for i := from; i < len(s.Expect); i++ {
					own := len(s.Expect) - 1 - i
					r := w.Remaining()
					switch {
					case own == 0 && r != 0:
						t.Errorf("at the outcome %s: %d to go", s.Expect[i], r)
					case own > 0 && r < own:
						t.Errorf("at %s (step %d): about %d to go, but the scenario has %d left", s.Expect[i], i+1, r, own)
					}
					if prev >= 0 {
						steps++
						if r > prev-1 {
							t.Errorf("at %s (step %d): %d to go after %d: it must fall by at least one", s.Expect[i], i+1, r, prev)
						}
						if r == prev-1 {
							exact++
						}
						if prev == own+1 && r != own {
							t.Errorf("at %s (step %d): %d to go; the scenario was the longest and has %d left", s.Expect[i], i+1, r, own)
						}
					}
					prev = r
					if i+1 < len(s.Expect) {
						if _, err := w.ChooseNext(s.Expect[i+1], s.ReplyAnswers[s.Expect[i]]); err != nil {
							t.Fatal(err)
						}
					}
				}
			})
		}
	}
	t.Logf("%d of %d answers on the scenarios' paths lower the estimate by exactly one", exact, steps)
}

// TestRemainingNeverRises walks every path of the default tree from its
// start to each outcome, on and off the scenarios' paths, and the part of
// it from each flow's entry (an operator who picked the flow), and
// requires the estimate never to rise on a forward step and to stay at 1
// or more until the outcome. It used to rise, e.g. from 1 to 5 when the
// network check sent a OneDrive call back to its causes.
func TestRemainingNeverRises(t *testing.T) {
	tree, err := LoadFile("../flows.yaml", catalog())
	if err != nil {
		t.Fatal(err)
	}
	walked := 0
	walk := func(p []string) {
		walked++
		w, _ := NewWalkAt(tree, p[0], ticking())
		prev := w.Remaining()
		for i, id := range p[1:] {
			if _, err := w.ChooseNext(id, ""); err != nil {
				t.Fatal(err)
			}
			r := w.Remaining()
			if r > prev {
				t.Fatalf("%v: step %d says about %d to go after %d", p, i+2, r, prev)
			}
			if !w.Ended() && r < 1 {
				t.Fatalf("%v: step %d says %d to go before the outcome", p, i+2, r)
			}
			prev = r
		}
	}
	for _, o := range tree.Outcomes() {
		paths, _ := Paths(tree, o.ID, 5000)
		for _, p := range paths {
			walk(p)
			for _, f := range tree.Flows {
				if i := slices.Index(p, f.Start); i > 0 {
					walk(p[i:])
				}
			}
		}
	}
	if walked < 1000 {
		t.Errorf("walked only %d paths", walked)
	}
}

// TestRemaining pins the estimate on the small tree: scenarios that agree
// with the path, the longest of them, and the fallback off their paths.
func TestRemaining(t *testing.T) {
	cases := map[string]struct {
		start string
		moves []string // next ids, or "back"
		want  int
	}{
		"at the start, the longest scenario":  {start: "ask", want: 2},
		"on the reconnect scenarios' path":    {start: "ask", moves: []string{"check"}, want: 1},
		"at an outcome":                       {start: "ask", moves: []string{"check", "done"}, want: 0},
		"back again":                          {start: "ask", moves: []string{"check", "done", "back", "back"}, want: 2},
		"a flow's entry, mid-scenario":        {start: "check", want: 1},
		"off the scenarios, fewest to an end": {start: "ask", moves: []string{"backoff"}, want: 0},
	}
	for name, tc := range cases {
		w, _ := NewWalkAt(smallTree(t), tc.start, ticking())
		for _, mv := range tc.moves {
			var err error
			if mv == "back" {
				_, err = w.Back()
			} else {
				_, err = w.ChooseNext(mv, "")
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if got := w.Remaining(); got != tc.want {
			t.Errorf("%s: Remaining = %d, want %d", name, got, tc.want)
		}
	}
}

// TestRemainingOffScenarios checks the fallback when no scenario agrees
// with the path: the longest scenario through the step, else the fewest
// answers to an outcome.
func TestRemainingOffScenarios(t *testing.T) {
	src := `version: 1
title: t
start: q
nodes:
  q: { kind: question, title: Q, choices: [{ label: A, next: a }, { label: C, next: c }] }
  a: { kind: question, title: A, choices: [{ label: B, next: b }, { label: C, next: c }] }
  b: { kind: question, title: B, choices: [{ label: D, next: done }, { label: E, next: e }] }
  c: { kind: question, title: C, choices: [{ label: D, next: done }, { label: B, next: b }] }
  e: { kind: question, title: E, choices: [{ label: D, next: done }, { label: X, next: done }] }
  done: { kind: outcome, title: D, result: resolved, summary: S }
scenarios:
  - { id: long, title: L, expect: [q, a, b, e, done] }
`
	tree, err := Parse("off.yaml", []byte(src), catalog())
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		moves []string
		want  int
	}{
		"on the scenario":                      {nil, 4},
		"off it, at a step no scenario visits": {[]string{"c"}, 1},
		// b alone would say 2 (the scenario through it), but the step
		// before said 1, and the countdown never rises.
		"off it, at a step the scenario visits":  {[]string{"c", "b"}, 1},
		"back on a prefix of the scenario again": {[]string{"a"}, 3},
	}
	for name, tc := range cases {
		w, _ := NewWalk(tree, ticking())
		for _, mv := range tc.moves {
			if _, err := w.ChooseNext(mv, ""); err != nil {
				t.Fatal(err)
			}
		}
		if got := w.Remaining(); got != tc.want {
			t.Errorf("%s: Remaining = %d, want %d", name, got, tc.want)
		}
	}
	if w, _ := NewWalkAt(tree, "b", ticking()); w.Remaining() != 2 {
		t.Errorf("a walk begun at b, which the scenario visits: Remaining = %d, want 2", w.Remaining())
	}
	if got := tree.TypicalRemaining("nowhere"); got != -1 {
		t.Errorf("TypicalRemaining of an unknown node = %d", got)
	}
}

// TestClaimsAtCallTime checks the claims check across two pastes: the
// token from one, the failing response's Date from another, and the
// finding that names the time used.
func TestClaimsAtCallTime(t *testing.T) {
	w, _ := NewWalk(smallTree(t), ticking())
	w.ApplyProbe("jwt", "eyJ...", probes.Result{Facts: map[string]any{"jwt.exp": "2026-11-19T10:00:00Z", "jwt.expired": true}}, 0)
	w.Choose(0)
	evs := w.ApplyProbe("httpstatus", "HTTP/1.1 401", probes.Result{Facts: map[string]any{"http.status": 401, "http.date": "2026-11-19T09:59:00Z"}}, 0)
	f := w.Facts()
	if f["cross.expired_at_call"] != false || f["cross.call_time"] != "Date header 2026-11-19T09:59:00Z" || f["cross.unexpired_401"] != true {
		t.Errorf("facts %v", f)
	}
	want := "The token was still valid when the call failed (exp 2026-11-19T10:00:00Z; Date header 2026-11-19T09:59:00Z): expiry did not cause this failure, whatever it reads now."
	if !slices.Contains(evs[0].Findings, want) {
		t.Errorf("findings %q lack %q", evs[0].Findings, want)
	}
	got := w.Sources("cross.expired_at_call")
	wantSrc := []Source{{Step: 1, Node: "ask", Probe: "jwt"}, {Step: 2, Node: "check", Probe: "httpstatus"}}
	if !slices.Equal(got, wantSrc) {
		t.Errorf("sources %+v, want %+v", got, wantSrc)
	}
}
