package probes

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestPlural(t *testing.T) {
	cases := map[string]struct {
		n    int
		want string
	}{
		"none": {0, "0 values"},
		"one":  {1, "1 value"},
		"two":  {2, "2 values"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := Plural(tc.n, "value", "values"); got != tc.want {
				t.Errorf("Plural(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

// TestCountsReadAsSentences pins the counts the checks write with one
// thing counted: none may say "1 values" or "(s)".
func TestCountsReadAsSentences(t *testing.T) {
	section := "+----+\n| SSO State |\n+----+\n                AzureAdPrt : YES\n"
	r := Dsregcmd{}.Run(context.Background(), Input{Text: section, OS: "linux"})
	if !slices.Contains(r.Details, "section SSO State: 1 value") {
		t.Errorf("details %q lack \"section SSO State: 1 value\"", r.Details)
	}
	r = Credentials{}.Run(context.Background(), Input{Text: "Currently stored credentials:\n\n    Target: WindowsLive:target=virtualapp/didlogical\n    Type: Generic\n", OS: "linux"})
	if want := "among 1 entry:"; !strings.Contains(r.Summary, want) || !strings.Contains(r.Summary, "(1 other Microsoft identity entry)") {
		t.Errorf("summary %q does not count one entry as one", r.Summary)
	}
	if _, err := DecodeJWT("eyJhbGciOiJIUzI1NiJ9"); err == nil || !strings.Contains(err.Error(), "1 dot-separated part,") {
		t.Errorf("error %v does not count one part", err)
	}
	r = JWT{}.Run(context.Background(), Input{Text: "\x00\x01\x02", OS: "linux"})
	if r.Status != StatusError || !strings.Contains(r.Summary, "(3 bytes)") {
		t.Errorf("summary %q", r.Summary)
	}
}
