package flows

import (
	"testing"

	"deskside/probes"
)

// TestComparisonBoundaries checks that lt and gt are strict: a status of
// exactly the limit satisfies neither, so a `lt: 500` branch does not
// take a 500.
func TestComparisonBoundaries(t *testing.T) {
	f := Facts{"http.status": 500}
	cases := map[string]struct {
		op    Op
		limit int
		want  bool
	}{
		"lt the same": {OpLt, 500, false},
		"lt one more": {OpLt, 501, true},
		"gt the same": {OpGt, 500, false},
		"gt one less": {OpGt, 499, true},
		"gt one more": {OpGt, 501, false},
		"lt one less": {OpLt, 499, false},
	}
	for name, tc := range cases {
		c := Condition{Fact: "http.status", Op: tc.op, Values: []any{tc.limit}}
		if got := c.Holds(f); got != tc.want {
			t.Errorf("%s: %s = %v, want %v", name, c, got, tc.want)
		}
	}
	if (Condition{Fact: "http.status", Op: OpLt, Values: []any{"600"}}).Holds(f) {
		t.Error("lt holds against a text limit")
	}
	if (Condition{Fact: "http.class", Op: OpGt, Values: []any{1}}).Holds(Facts{"http.class": "auth"}) {
		t.Error("gt holds on a text fact")
	}
	if (Condition{Fact: "http.status", Op: "unknown", Values: []any{500}}).Holds(f) {
		t.Error("an unknown operator holds")
	}
}

// TestConditionText pins how each condition reads in the "why" panel and
// in pictures of the tree.
func TestConditionText(t *testing.T) {
	cases := map[string]Condition{
		"http.status is 401":                 {Fact: "http.status", Op: OpIs, Values: []any{401}},
		"http.status in [429, 503]":          {Fact: "http.status", Op: OpIn, Values: []any{429, 503}},
		"clock.skewed is set":                {Fact: "clock.skewed", Op: OpExists, Values: []any{true}},
		"clock.skewed is not set":            {Fact: "clock.skewed", Op: OpExists, Values: []any{false}},
		"http.status < 500":                  {Fact: "http.status", Op: OpLt, Values: []any{500}},
		"http.status > 499":                  {Fact: "http.status", Op: OpGt, Values: []any{499}},
		"aadsts.category is Consent":         {Fact: "aadsts.category", Op: OpIs, Values: []any{"Consent"}},
		"jwt.scp in [User.Read, Chat.Write]": {Fact: "jwt.scp", Op: OpIn, Values: []any{"User.Read", "Chat.Write"}},
	}
	for want, c := range cases {
		if got := c.String(); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}

// TestFormat pins how a fact value reads for people.
func TestFormat(t *testing.T) {
	cases := []struct {
		v    any
		want string
	}{
		{[]string{}, "(none)"},
		{[]string{"User.Read"}, "User.Read"},
		{[]string{"User.Read", "Chat.Read"}, "User.Read, Chat.Read"},
		{true, "yes"},
		{false, "no"},
		{nil, "(not set)"},
		{401, "401"},
		{"auth", "auth"},
	}
	for _, tc := range cases {
		if got := Format(tc.v); got != tc.want {
			t.Errorf("Format(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// TestNotAuthBoundary checks that every 5xx, from 500 itself, is a
// service fault and not an authentication failure, and that a 499 or a
// 428 is not.
func TestNotAuthBoundary(t *testing.T) {
	for status, want := range map[int]bool{428: false, 429: true, 430: false, 499: false, 500: true, 503: true} {
		got, _ := Derive(Facts{"http.status": status})
		if got["cross.not_auth"] != want {
			t.Errorf("status %d: cross.not_auth = %v, want %v", status, got["cross.not_auth"], want)
		}
	}
}

// TestComparisonNeedsANumberFact checks what validation says of lt and
// gt: they take a number fact, and a number fact is accepted without a
// word.
func TestComparisonNeedsANumberFact(t *testing.T) {
	cases := map[string]struct {
		op   Op
		typ  probes.FactType
		want string // the error, or "" for none
	}{
		"lt on a number":    {OpLt, probes.FactInt, ""},
		"gt on a number":    {OpGt, probes.FactInt, ""},
		"lt on text":        {OpLt, probes.FactString, `lt compares numbers, but fact "f" is string`},
		"gt on a yes or no": {OpGt, probes.FactBool, `gt compares numbers, but fact "f" is bool`},
		"gt on a list":      {OpGt, probes.FactStrings, `gt compares numbers, but fact "f" is strings`},
	}
	for name, tc := range cases {
		e := &errs{file: "t.yaml"}
		c := Condition{Fact: "f", Op: tc.op, Values: []any{500}, opPos: Pos{4, 7}}
		c.check(probes.FactSpec{Name: "f", Type: tc.typ}, e)
		var got string
		if len(e.list) > 0 {
			got = e.list[0].Msg
		}
		if got != tc.want || len(e.list) > 1 {
			t.Errorf("%s: %d errors, first %q; want %q", name, len(e.list), got, tc.want)
		}
	}
}
