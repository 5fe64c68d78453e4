package session

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"deskside/probes"
)

// TestKeyFactsAreDeclared holds the export to the fact names' contract:
// every key fact is one its check declares.
func TestKeyFactsAreDeclared(t *testing.T) {
	reg := probes.Builtin()
	for name, facts := range keyFacts {
		p, ok := reg.Lookup(name)
		if !ok {
			t.Errorf("key facts for %q, which is no check", name)
			continue
		}
		var declared []string
		for _, f := range p.Facts() {
			declared = append(declared, f.Name)
		}
		for _, f := range facts {
			if !slices.Contains(declared, f) {
				t.Errorf("%s: key fact %q is not declared by the check", name, f)
			}
		}
	}
}

func TestKeyFacts(t *testing.T) {
	cases := map[string]struct {
		run  ProbeRun
		want []string
	}{
		"the Date header shows with the status, in UTC": {
			run:  ProbeRun{Probe: "httpstatus", Facts: map[string]any{"http.status": 401, "http.date": "2026-11-23T09:29:40Z", "http.says_expired": true}},
			want: []string{"http.status = 401", "http.date = 2026-11-23T09:29:40Z"}},
		"a time with an offset is shown in UTC": {
			run:  ProbeRun{Probe: "aadsts", Facts: map[string]any{"aadsts.code": 50173, "aadsts.timestamp": "2026-11-23T10:29:40+01:00"}},
			want: []string{"aadsts.code = 50173", "aadsts.timestamp = 2026-11-23T09:29:40Z"}},
		"what the token's expiry was compared with": {
			run:  ProbeRun{Probe: "jwt", Facts: map[string]any{"jwt.expired": true, "jwt.exp": "2026-11-23T09:00:00Z", "jwt.checked_at": "Date header 2026-11-23T09:29:40Z", "jwt.scp": []string{"User.Read"}}},
			want: []string{"jwt.expired = yes", "jwt.exp = 2026-11-23T09:00:00Z", "jwt.checked_at = Date header 2026-11-23T09:29:40Z"}},
		"the clock's skew says whose clock and which way": {
			run:  ProbeRun{Probe: "clock", Facts: map[string]any{"clock.skew_seconds": 540, "clock.skewed": true, "clock.direction": "ahead", "clock.checked": "the user's PC", "clock.zone": "UTC+01:00"}},
			want: []string{"clock.skew_seconds = 540", "clock.skewed = yes", "clock.direction = ahead", "clock.checked = the user's PC"}},
		"a check with no key facts shows none": {
			run: ProbeRun{Probe: "nosuch", Facts: map[string]any{"x": 1}}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := keyFactsOf(tc.run); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestKeyFactTimesAreUTC runs every check on the samples in
// testdata/probes and holds each time among its key facts to UTC with a Z.
func TestKeyFactTimesAreUTC(t *testing.T) {
	stamp := regexp.MustCompile(`\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([^ ;,)]*)`)
	reg := probes.Builtin()
	seen := 0
	for name := range keyFacts {
		p, _ := reg.Lookup(name)
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "probes", name, "*"))
		for _, file := range files {
			if strings.HasSuffix(file, ".md") {
				continue
			}
			data, err := os.ReadFile(file)
			if err != nil {
				continue
			}
			r := p.Run(t.Context(), probes.Input{Text: string(data), Now: func() time.Time { return sessionStart }, OS: "linux"})
			for _, f := range keyFactsOf(ProbeRun{Probe: name, Facts: r.Facts}) {
				for _, m := range stamp.FindAllStringSubmatch(f, -1) {
					seen++
					if m[3] != "Z" {
						t.Errorf("%s: %q is not a UTC time with a Z", filepath.Base(file), f)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no sample gave a time among the key facts: the test checks nothing")
	}
	t.Logf("%d times checked", seen)
}
