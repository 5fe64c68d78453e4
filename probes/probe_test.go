package probes

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testNow is the fixed clock of every probe test.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return testNow }

// sample reads a real published sample copied into testdata/probes.
func sample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "probes", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// probeCase is one input to a probe and what it must find.
type probeCase struct {
	input   string
	status  Status
	want    map[string]any
	absent  []string // facts that must not be set
	summary string   // a phrase the summary must contain
}

func runCases(t *testing.T, p Probe, cases map[string]probeCase) {
	t.Helper()
	declared := map[string]FactType{}
	for _, s := range p.Facts() {
		declared[s.Name] = s.Type
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := p.Run(context.Background(), Input{Text: tc.input, Now: clock, OS: "linux"})
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (summary %q)", r.Status, tc.status, r.Summary)
			}
			for k, want := range tc.want {
				got, ok := r.Facts[k]
				if !ok {
					t.Errorf("fact %s not set, want %#v", k, want)
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("fact %s = %#v, want %#v", k, got, want)
				}
			}
			for _, k := range tc.absent {
				if v, ok := r.Facts[k]; ok {
					t.Errorf("fact %s = %#v, want it unset", k, v)
				}
			}
			if tc.summary != "" && !strings.Contains(r.Summary, tc.summary) {
				t.Errorf("summary %q does not say %q", r.Summary, tc.summary)
			}
			checkDeclared(t, r, declared)
		})
	}
}

// checkDeclared fails when a probe sets a fact it did not declare, or one
// of the wrong type: trees are validated against the declarations.
func checkDeclared(t *testing.T, r Result, declared map[string]FactType) {
	t.Helper()
	for k, v := range r.Facts {
		typ, ok := declared[k]
		if !ok {
			t.Errorf("fact %s is set but not declared", k)
			continue
		}
		var good bool
		switch typ {
		case FactBool:
			_, good = v.(bool)
		case FactInt:
			_, good = v.(int)
		case FactString:
			_, good = v.(string)
		case FactStrings:
			_, good = v.([]string)
		}
		if !good {
			t.Errorf("fact %s is %T, declared %s", k, v, typ)
		}
	}
	if r.Summary == "" {
		t.Error("empty summary")
	}
	if strings.HasSuffix(r.Summary, "..") {
		t.Errorf("summary ends with two full stops: %q", r.Summary)
	}
}

func TestStatusText(t *testing.T) {
	for s := StatusOK; s <= StatusError; s++ {
		b, _ := s.MarshalText()
		var back Status
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%s does not round-trip: %v", s, err)
		}
	}
	var s Status
	if err := s.UnmarshalText([]byte("fine")); err == nil {
		t.Error("unknown status name accepted")
	}
}

func TestRegistryDeclaresUniqueFacts(t *testing.T) {
	seen := map[string]string{}
	for _, p := range Builtin().All() {
		if p.Describe().Title == "" {
			t.Errorf("probe %s has no title", p.Name())
		}
		for _, f := range p.Facts() {
			if other, dup := seen[f.Name]; dup {
				t.Errorf("fact %s declared by %s and %s", f.Name, other, p.Name())
			}
			seen[f.Name] = p.Name()
			if f.Meaning == "" {
				t.Errorf("fact %s has no meaning", f.Name)
			}
		}
	}
}

func TestEveryProbeSurvivesBadInput(t *testing.T) {
	huge := strings.Repeat("A", 2<<20)
	inputs := map[string]string{
		"empty":     "",
		"spaces":    "   \n\t ",
		"binary":    "\x00\x01\x02\x03\xff\xfe\x00\x00\x10\x11\x12\x13\x14",
		"garbage":   "hello, this is not what you are looking for",
		"huge":      huge,
		"huge-json": "{" + strings.Repeat(`"a":`, 100000),
		"invalid":   "\xff\xfe\xfd",
	}
	for name, in := range inputs {
		t.Run("ReadAny/"+name, func(t *testing.T) {
			for _, r := range ReadAny(context.Background(), Builtin().All(), Input{Text: in, Now: clock, OS: "linux"}) {
				t.Errorf("%s recognised %s: %s", r.Probe, name, r.Result.Summary)
			}
		})
	}
	for _, p := range Builtin().All() {
		for name, in := range inputs {
			t.Run(p.Name()+"/"+name, func(t *testing.T) {
				r := p.Run(context.Background(), Input{Text: in, Now: clock, OS: "linux"})
				if r.Summary == "" {
					t.Error("no summary")
				}
				if len(r.Summary) > 600 {
					t.Errorf("summary is %d bytes: it must not echo the input", len(r.Summary))
				}
				if !strings.HasSuffix(r.Summary, ".") {
					t.Errorf("summary is not a sentence: %q", r.Summary)
				}
			})
		}
	}
}
