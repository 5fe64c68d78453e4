package probes

import (
	"context"
	"strings"
	"testing"
	"time"
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

// TestHTTPStatusChoosesTheFailingResponse pins which response a paste
// with several is about: the last failure the service itself sent.
func TestHTTPStatusChoosesTheFailingResponse(t *testing.T) {
	const graph401 = `{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}`
	cases := map[string]struct {
		input  string
		want   map[string]any
		absent []string
		detail string
	}{
		"one response with a status said twice stays one": {
			input:  "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n" + graph401 + "\nstatus: 401\n",
			want:   map[string]any{"http.status": 401},
			absent: []string{"http.response_count"}},
		"throttled, then refused: the 401 is read": {
			input: "HTTP/1.1 429 Too Many Requests\nRetry-After: 10\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000001\n\n{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests.\"}}\n\nHTTP/1.1 401 Unauthorized\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000002\n\n" + graph401 + "\n",
			want: map[string]any{"http.status": 401, "http.response_count": 2, "http.graph_error_code": "InvalidAuthenticationToken",
				"http.request_id": "0b1c2d3e-0000-4000-8000-000000000002", "http.says_expired": true},
			// the 429's Retry-After is not the 401's
			absent: []string{"http.retry_after"},
			detail: "also in the paste: 429 Too Many Requests at line 1"},
		"an old 401, then a 429: the last is read": {
			input:  "< HTTP/2 401\n< www-authenticate: Bearer error=\"invalid_token\"\n\n< HTTP/2 429\n< retry-after: 30\n",
			want:   map[string]any{"http.status": 429, "http.class": "throttling", "http.retry_after": 30, "http.response_count": 2},
			absent: []string{"http.www_authenticate_error"}},
		"a later success is not the failure": {
			input:  "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n",
			want:   map[string]any{"http.status": 401, "http.www_authenticate_error": "invalid_token", "http.response_count": 2},
			detail: "also in the paste: 200 OK at line 4"},
		"100 Continue is not a response of its own": {
			input:  "HTTP/1.1 100 Continue\n\nHTTP/1.1 403 Forbidden\n",
			want:   map[string]any{"http.status": 403},
			absent: []string{"http.response_count"}},
		"a web server's error page after the failure is a wrapper": {
			input: "Error: Get Token request returned http error: 401 and server response: {\"error\":\"invalid_client\"}\n" +
				"</head><body><h3>HTTP Error 500.0 - Internal Server Error</h3></body></html>\n",
			want: map[string]any{"http.status": 401, "http.response_count": 2}},
		"a log of status fields: the last failing one": {
			input: "retry 1: status: 503\nretry 2: status: 429\nretry 3: status: 401\n",
			want:  map[string]any{"http.status": 401, "http.response_count": 3}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := HTTPStatus{}.Run(context.Background(), Input{Text: tc.input, Now: clock})
			checkFacts(t, r, tc.want, tc.absent)
			if tc.detail != "" && !hasDetail(r, tc.detail) {
				t.Errorf("no detail %q in %q", tc.detail, r.Details)
			}
			if _, ok := r.Facts["http.response_count"]; ok && !strings.Contains(r.Summary, "responses in the paste") {
				t.Errorf("several responses, but the summary does not say so: %q", r.Summary)
			}
		})
	}
}

// TestJWTReadsTheLastToken: of several tokens the last pasted is read,
// and the count says the paste held more.
func TestJWTReadsTheLastToken(t *testing.T) {
	now := testNow
	old := makeToken(t, v2Claims("https://graph.microsoft.com", now.Add(-3*time.Hour), now.Add(-2*time.Hour)))
	fresh := makeToken(t, v2Claims("https://graph.microsoft.com", now.Add(-10*time.Minute), now.Add(50*time.Minute)))
	cases := map[string]struct {
		input  string
		want   map[string]any
		absent []string
	}{
		"one token": {input: "Authorization: Bearer " + fresh,
			want: map[string]any{"jwt.expired": false}, absent: []string{"jwt.token_count"}},
		"the same token twice is one token": {input: "GET /me\nAuthorization: Bearer " + old + "\nretry\nAuthorization: Bearer " + old,
			want: map[string]any{"jwt.expired": true}, absent: []string{"jwt.token_count"}},
		"an expired token, then a fresh one: the fresh one is read": {input: "first call\nAuthorization: Bearer " + old + "\nsecond call after refresh\nAuthorization: Bearer " + fresh + "\n",
			want: map[string]any{"jwt.expired": false, "jwt.token_count": 2, "jwt.fingerprint": fingerprint(fresh)}},
		"a fresh token, then the old one again: the last is read": {input: fresh + "\n" + old + "\n" + fresh + "\n" + old,
			want: map[string]any{"jwt.expired": true, "jwt.token_count": 2, "jwt.fingerprint": fingerprint(old)}},
		"a token cut when copied after a whole one: the whole one is read": {input: "Authorization: Bearer " + fresh + "\nAuthorization: Bearer " + fresh[:40] + "\n",
			want: map[string]any{"jwt.expired": false, "jwt.token_count": 2, "jwt.fingerprint": fingerprint(fresh)}},
		"a token response keeps its access token": {input: `{"token_type":"Bearer","access_token":"` + fresh + `","id_token":"` + old + `"}`,
			want: map[string]any{"jwt.fingerprint": fingerprint(fresh)}, absent: []string{"jwt.token_count"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := JWT{}.Run(context.Background(), Input{Text: tc.input, Now: clock})
			checkFacts(t, r, tc.want, tc.absent)
			if _, ok := r.Facts["jwt.token_count"]; ok {
				if !strings.Contains(r.Summary, "tokens in the paste") || !hasDetail(r, "also in the paste: a token at line") {
					t.Errorf("several tokens, but the result does not say so: %q %q", r.Summary, r.Details)
				}
			}
			for _, d := range append(r.Details, r.Summary) {
				if strings.Contains(d, old) || strings.Contains(d, fresh) {
					t.Fatalf("a token reached the result: %q", d)
				}
			}
		})
	}
}
