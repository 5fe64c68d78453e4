package session

import (
	"strings"
	"testing"
	"time"
)

// TestDoneText checks how the ticked steps of an answer read.
func TestDoneText(t *testing.T) {
	cases := map[string]struct {
		done []int
		want string
	}{
		"one":   {[]int{3}, "step 3 ticked as done"},
		"two":   {[]int{1, 2}, "steps 1 and 2 ticked as done"},
		"three": {[]int{1, 2, 4}, "steps 1, 2 and 4 ticked as done"},
	}
	for name, tc := range cases {
		if got := doneText(tc.done); got != tc.want {
			t.Errorf("%s: got %q, want %q", name, got, tc.want)
		}
	}
}

// TestExportsSayWhatWasDone checks that every export says which steps
// the operator ticked before answering, and says nothing when none was.
func TestExportsSayWhatWasDone(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 31, 0, 0, time.UTC)
	s := &Summary{Path: []PathStep{
		{Node: "rf-signout", Title: "Sign out of every app", Answer: "Signed out", At: at, Done: []int{1, 2, 4}},
		{Node: "od-method-1", Title: "Method 1", Answer: "Fixed", At: at},
	}}
	for _, f := range []Format{FormatMarkdown, FormatText, FormatJSON} {
		b, _, err := Export(s, f)
		if err != nil {
			t.Fatal(err)
		}
		out := strings.Join(strings.Fields(string(b)), " ")
		want := "steps 1, 2 and 4 ticked as done"
		if f == FormatJSON {
			want = `"done": [ 1, 2, 4 ]`
		}
		if strings.Count(out, want) != 1 {
			t.Errorf("%s export: %q appears %d times, want once:\n%s", f, want, strings.Count(out, want), b)
		}
		if strings.Contains(out, "step 0") || strings.Count(out, "ticked as done") > 1 {
			t.Errorf("%s export says more was done than ticked:\n%s", f, b)
		}
	}
}

// TestRedactKeepsCheckDetails checks that what deskside's own checks
// write about a paste is not taken for a secret: a ticket must not say a
// password was masked when none was pasted.
func TestRedactKeepsCheckDetails(t *testing.T) {
	for _, line := range []string{
		"last PRT attempt at 2020-07-18T20:10:33Z for john@contoso.com (credential type Password), status 0xc000006d, HTTP 400, invalid_grant",
		"sso.prt_credential_type = Password",
	} {
		if got, counts := Redact(line); got != line || len(counts) != 0 {
			t.Errorf("Redact changed a check's own text:\n got %q\nwant %q (%v)", got, line, counts)
		}
	}
}

// TestRotateAdvice checks that a ticket tells its reader to have pasted
// secrets rotated, and says nothing for what stays harmless once masked.
func TestRotateAdvice(t *testing.T) {
	cases := map[string]struct {
		counts map[string]int
		want   string
	}{
		"nothing":           {nil, ""},
		"a token to decode": {map[string]int{KindJWT: 2, KindKeyLike: 1}, ""},
		"a client secret":   {map[string]int{KindClientSecret: 1}, "What was pasted held 1 client secret or assertion."},
		"several kinds":     {map[string]int{KindPassword: 2, KindClientSecret: 1, KindToken: 1, KindJWT: 1}, "What was pasted held 1 client secret or assertion, 2 passwords and 1 token value."},
	}
	for name, tc := range cases {
		got := RotateAdvice(tc.counts)
		if tc.want == "" {
			if got != "" {
				t.Errorf("%s: %q, want nothing", name, got)
			}
			continue
		}
		if !strings.HasPrefix(got, tc.want) || !strings.Contains(got, "rotate") {
			t.Errorf("%s: %q, want it to start %q and ask to rotate", name, got, tc.want)
		}
	}
}
