package probes

import (
	"context"
	"strings"
	"testing"
)

// TestAADSTSChoosesTheFailingError pins which error a paste with several
// is about: the last, unless what comes last only repeats it.
func TestAADSTSChoosesTheFailingError(t *testing.T) {
	const (
		mfa50076 = "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication."
		enrol    = "AADSTS50079: Due to a configuration change made by your administrator, you must enroll in multi-factor authentication."
		ids1     = "Trace ID: 11111111-0000-4000-8000-000000000001 Correlation ID: 21111111-0000-4000-8000-000000000001 Timestamp: 2026-11-19 10:01:00Z"
		ids2     = "Trace ID: 11111111-0000-4000-8000-000000000002 Correlation ID: 21111111-0000-4000-8000-000000000002 Timestamp: 2026-11-19 10:02:00Z"
	)
	cases := map[string]struct {
		input  string
		want   map[string]any
		absent []string
		detail string // a detail line that must be there
	}{
		"one error, two codes in one message stays one error": {
			input:  `{"error":"invalid_grant","error_description":"AADSTS70002: Error validating credentials. AADSTS70000: The provided access grant is invalid.","error_codes":[70002,70000]}`,
			want:   map[string]any{"aadsts.code": 70002, "aadsts.codes": []string{"70002", "70000"}},
			absent: []string{"aadsts.error_count"}},
		"first attempt 50076, final attempt 50079: the last is the failing one": {
			input: "attempt 1: invalid_grant " + mfa50076 + " " + ids1 + "\nretrying after MFA\nattempt 2: interaction_required " + enrol + " " + ids2 + "\n",
			want: map[string]any{"aadsts.code": 50079, "aadsts.codes": []string{"50076", "50079"}, "aadsts.error_count": 2,
				"oauth.error": "interaction_required", "aadsts.trace_id": "11111111-0000-4000-8000-000000000002",
				"aadsts.correlation_id": "21111111-0000-4000-8000-000000000002", "aadsts.timestamp": "2026-11-19T10:02:00Z"},
			detail: "also in the paste: AADSTS50076 at line 1"},
		"a generic wrapper after the last error does not hide it": {
			input: mfa50076 + "\n" + ids1 + "\n\n" + enrol + "\n" + ids2 + "\nMicrosoft.Identity.Client.MsalServiceException: see inner exception\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync()\n",
			want:  map[string]any{"aadsts.code": 50079, "aadsts.error_count": 2, "aadsts.trace_id": "11111111-0000-4000-8000-000000000002"}},
		"a summary line repeating the last code keeps its IDs": {
			input: "DEBUG " + mfa50076 + " " + ids1 + "\nDEBUG " + enrol + " " + ids2 + "\nERROR: AADSTS50079: Due to a configuration change made by your administrator\n",
			want: map[string]any{"aadsts.code": 50079, "aadsts.error_count": 2, "aadsts.trace_id": "11111111-0000-4000-8000-000000000002",
				"aadsts.timestamp": "2026-11-19T10:02:00Z"},
			detail: "also in the paste: AADSTS50076 at line 1"},
		"the same code with its IDs logged twice is one error": {
			input:  "msal: Refresh failed. invalid_grant: " + mfa50076 + " " + ids1 + "\nmsal: Cache attempts an RT\nmsal: Refresh failed. invalid_grant: " + mfa50076 + " " + ids1 + "\n",
			want:   map[string]any{"aadsts.code": 50076, "aadsts.trace_id": "11111111-0000-4000-8000-000000000001"},
			absent: []string{"aadsts.error_count"}},
		"the same code from two requests is two errors, read from the last": {
			input: mfa50076 + " " + ids1 + "\n" + mfa50076 + " " + ids2 + "\n",
			want: map[string]any{"aadsts.code": 50076, "aadsts.codes": []string{"50076"}, "aadsts.error_count": 2,
				"aadsts.trace_id": "11111111-0000-4000-8000-000000000002"},
			detail: "also in the paste: AADSTS50076 at line 1"},
		"an old error, a new one and the old one again: the last is read": {
			input: mfa50076 + " " + ids1 + "\n" + enrol + " " + ids2 + "\n" + mfa50076 + "\n",
			want:  map[string]any{"aadsts.code": 50076, "aadsts.error_count": 3, "aadsts.codes": []string{"50076", "50079"}},
			// its IDs are not taken from the first 50076: another request's
			// Trace ID would send support to the wrong sign-in.
			absent: []string{"aadsts.trace_id", "aadsts.correlation_id"}},
		"a pretty-printed body is read whole, error first": {
			input: "first call:\n{\n  \"error\": \"invalid_grant\",\n  \"error_description\": \"" + mfa50076 + "\",\n  \"trace_id\": \"11111111-0000-4000-8000-000000000001\"\n}\nsecond call:\n{\n  \"error\": \"interaction_required\",\n  \"error_description\": \"" + enrol + "\",\n  \"trace_id\": \"11111111-0000-4000-8000-000000000002\"\n}\n",
			want:  map[string]any{"aadsts.code": 50079, "oauth.error": "interaction_required", "aadsts.trace_id": "11111111-0000-4000-8000-000000000002", "aadsts.error_count": 2}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := AADSTS{}.Run(context.Background(), Input{Text: tc.input, Now: clock})
			checkFacts(t, r, tc.want, tc.absent)
			if tc.detail != "" && !hasDetail(r, tc.detail) {
				t.Errorf("no detail %q in %q", tc.detail, r.Details)
			}
			if n, ok := r.Facts["aadsts.error_count"].(int); ok && !strings.Contains(r.Summary, "errors in the paste") {
				t.Errorf("%d errors, but the summary does not say so: %q", n, r.Summary)
			}
		})
	}
}

func checkFacts(t *testing.T, r Result, want map[string]any, absent []string) {
	t.Helper()
	for k, w := range want {
		if got, ok := r.Facts[k]; !ok {
			t.Errorf("fact %s not set, want %#v (summary %q)", k, w, r.Summary)
		} else if !equalFact(got, w) {
			t.Errorf("fact %s = %#v, want %#v", k, got, w)
		}
	}
	for _, k := range absent {
		if v, ok := r.Facts[k]; ok {
			t.Errorf("fact %s = %#v, want it unset", k, v)
		}
	}
}

func equalFact(a, b any) bool {
	as, ok1 := a.([]string)
	bs, ok2 := b.([]string)
	if ok1 && ok2 {
		return strings.Join(as, "\x00") == strings.Join(bs, "\x00") && len(as) == len(bs)
	}
	return a == b
}

func hasDetail(r Result, part string) bool {
	for _, d := range r.Details {
		if strings.Contains(d, part) {
			return true
		}
	}
	return false
}
