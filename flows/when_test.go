package flows

import (
	"slices"
	"testing"
	"time"

	"deskside/probes"
)

// integration is the rule of the integration answer at triage: a 401
// without an AADSTS code, or a connector that asks to reconnect.
var integration = When{Groups: [][]Condition{
	{
		{Fact: "http.class", Op: OpIn, Values: []any{"authentication", "throttling"}},
		{Fact: "aadsts.category", Op: OpExists, Values: []any{false}},
	},
	{{Fact: "client.error_kind", Op: OpIs, Values: []any{"reconnect"}}},
}}

// TestWhenHolds checks the any form against the facts a call can bring:
// one alternative is enough, a group needs all its conditions, and a rule
// with no groups suggests nothing.
func TestWhenHolds(t *testing.T) {
	cases := map[string]struct {
		w     When
		facts Facts
		want  bool
		group int // index of the group that decided, -1 for none
	}{
		"first group, all hold":            {integration, Facts{"http.class": "authentication"}, true, 0},
		"first group, one fails":           {integration, Facts{"http.class": "authentication", "aadsts.category": "revoked"}, false, -1},
		"second group alone":               {integration, Facts{"client.error_kind": "reconnect"}, true, 1},
		"second group despite an AADSTS":   {integration, Facts{"client.error_kind": "Reconnect", "aadsts.category": "revoked"}, true, 1},
		"both hold: the first one decides": {integration, Facts{"http.class": "throttling", "client.error_kind": "reconnect"}, true, 0},
		"other error kind":                 {integration, Facts{"client.error_kind": "refresh-failed"}, false, -1},
		"no facts":                         {integration, Facts{}, false, -1},
		"no rule":                          {When{}, Facts{"http.class": "authentication"}, false, -1},
		"an empty group holds nothing":     {When{Groups: [][]Condition{{}}}, Facts{}, false, -1},
		"plain list, all hold": {All(
			Condition{Fact: "http.status", Op: OpIs, Values: []any{401}},
			Condition{Fact: "jwt.expired", Op: OpIs, Values: []any{true}},
		), Facts{"http.status": 401, "jwt.expired": true}, true, 0},
		"plain list, one fails": {All(
			Condition{Fact: "http.status", Op: OpIs, Values: []any{401}},
			Condition{Fact: "jwt.expired", Op: OpIs, Values: []any{true}},
		), Facts{"http.status": 401, "jwt.expired": false}, false, -1},
	}
	for name, tc := range cases {
		got, ok := tc.w.Match(tc.facts)
		if ok != tc.want || tc.w.Holds(tc.facts) != tc.want {
			t.Errorf("%s: holds %v, want %v", name, ok, tc.want)
			continue
		}
		if tc.group >= 0 && !slices.EqualFunc(got, tc.w.Groups[tc.group], func(a, b Condition) bool { return a.String() == b.String() }) {
			t.Errorf("%s: decided by %v, want group %d", name, got, tc.group)
		}
		if tc.group < 0 && got != nil {
			t.Errorf("%s: a group %v decided, but the rule does not hold", name, got)
		}
	}
}

// TestWhenText pins how a rule reads in the why panel, plain mode and the
// picture's tooltips.
func TestWhenText(t *testing.T) {
	is := func(fact string, v any) Condition { return Condition{Fact: fact, Op: OpIs, Values: []any{v}} }
	cases := map[string]When{
		"":                   {},
		"http.status is 401": All(is("http.status", 401)),
		"http.status is 401 and jwt.expired is true": All(is("http.status", 401), is("jwt.expired", true)),
		"http.class in [authentication, throttling] and aadsts.category is not set, or client.error_kind is reconnect": integration,
		"client.error_kind is reconnect or client.error_kind is refresh-failed": {Groups: [][]Condition{
			{is("client.error_kind", "reconnect")}, {is("client.error_kind", "refresh-failed")},
		}},
	}
	for want, w := range cases {
		if got := w.String(); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}

// TestAnyFromFile loads the any form from a tree file and walks it: each
// alternative suggests the answer, and the suggestion names only the facts
// of the alternative that held.
func TestAnyFromFile(t *testing.T) {
	tree, err := loadTestFile(t, "good", "any.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w := tree.Nodes["ask"].Choices[1].When
	if got, want := w.String(), "http.class in [authentication] and aadsts.category is not set, or client.error_kind is reconnect"; got != want {
		t.Errorf("rule reads %q, want %q", got, want)
	}
	cases := map[string]struct {
		probe string
		facts map[string]any
		want  int
		from  []string // probes named as the suggestion's sources
	}{
		"a 401":               {"httpstatus", map[string]any{"http.status": 401, "http.class": "authentication"}, 1, []string{"httpstatus"}},
		"a connector message": {"clienterror", map[string]any{"client.error_kind": "reconnect"}, 1, []string{"clienterror"}},
		"refresh failed":      {"clienterror", map[string]any{"client.error_kind": "refresh-failed"}, 0, []string{"clienterror"}},
		"a 403":               {"httpstatus", map[string]any{"http.status": 403, "http.class": "permission"}, -1, nil},
	}
	for name, tc := range cases {
		walk, _ := NewWalk(tree, func() time.Time { return time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC) })
		walk.ApplyProbe(tc.probe, "pasted", probes.Result{Status: probes.StatusOK, Facts: tc.facts}, 0)
		s := walk.Suggestion()
		if s.Index != tc.want {
			t.Errorf("%s: suggested %d, want %d", name, s.Index, tc.want)
			continue
		}
		var from []string
		for _, src := range s.From {
			from = append(from, src.Probe)
		}
		if !slices.Equal(from, tc.from) {
			t.Errorf("%s: sources %v, want %v", name, from, tc.from)
		}
	}
}
