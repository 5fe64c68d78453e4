package probes

import (
	"context"
	"strings"
	"testing"
	"time"
)

// httpCase is a paste, what the check must find in it, and lines its
// detail panel must or must not hold.
type httpCase struct {
	input    string
	status   Status
	want     map[string]any
	absent   []string
	summary  string // a phrase the summary must contain
	detail   string // a phrase one detail line must contain
	noDetail string // a phrase no detail line may contain
}

func runHTTPCases(t *testing.T, cases map[string]httpCase) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := HTTPStatus{}.Run(context.Background(), Input{Text: tc.input, Now: clock, OS: "linux"})
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (summary %q)", r.Status, tc.status, r.Summary)
			}
			checkFacts(t, r, tc.want, tc.absent)
			if tc.summary != "" && !strings.Contains(r.Summary, tc.summary) {
				t.Errorf("summary %q does not say %q", r.Summary, tc.summary)
			}
			if tc.detail != "" && !hasDetail(r, tc.detail) {
				t.Errorf("no detail %q in %q", tc.detail, r.Details)
			}
			if tc.noDetail != "" && hasDetail(r, tc.noDetail) {
				t.Errorf("a detail says %q: %q", tc.noDetail, r.Details)
			}
		})
	}
}

// TestHTTPStatusClassesAtTheirEdges: every status from 100 to 599 is read,
// and each lands in the class whose advice the operator gets.
func TestHTTPStatusClassesAtTheirEdges(t *testing.T) {
	runHTTPCases(t, map[string]httpCase{
		"100 alone is a status": {input: "HTTP/1.1 100 Continue", status: StatusWarn,
			want: map[string]any{"http.status": 100, "http.class": "other"}, summary: "not an authentication status"},
		"599 is the last status": {input: "HTTP/1.1 599", status: StatusWarn,
			want: map[string]any{"http.status": 599, "http.class": "server"}},
		"500 is a service fault": {input: "HTTP/1.1 500 Internal Server Error", status: StatusWarn,
			want: map[string]any{"http.class": "server"}, summary: "a service fault"},
		"200 succeeded": {input: "HTTP/1.1 200 OK", status: StatusOK,
			want: map[string]any{"http.class": "success"}, summary: "the call succeeded"},
		"300 is not a success": {input: "HTTP/1.1 300 Multiple Choices", status: StatusWarn,
			want: map[string]any{"http.class": "other"}},
		"a script's res_status of 100": {input: "res_status: 100", status: StatusWarn,
			want: map[string]any{"http.status": 100}},
		"a script's res_status of 599": {input: "res_status: 599", status: StatusWarn,
			want: map[string]any{"http.status": 599, "http.class": "server"}},
		"a connector's code of 100": {input: `{"code": 100, "message": "Continue"}`, status: StatusWarn,
			want: map[string]any{"http.status": 100}},
		"a connector's code of 599": {input: `{"code": 599, "message": "Network connect timeout error"}`, status: StatusWarn,
			want: map[string]any{"http.status": 599}},
		"Retry-After: 0 means retry now": {input: "HTTP/1.1 429 Too Many Requests\nRetry-After: 0\n", status: StatusWarn,
			want: map[string]any{"http.retry_after": 0}, summary: "wait 0 s before retrying"},
	})
}

// TestHTTPStatusRequestIDs: an id support can look up becomes a fact; a
// masked one becomes a note saying why it is not one.
func TestHTTPStatusRequestIDs(t *testing.T) {
	id128 := strings.Repeat("0b1c2d3e-", 14) + "00"
	runHTTPCases(t, map[string]httpCase{
		"8 characters": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: a1b2c3d4\n", status: StatusFail,
			want: map[string]any{"http.request_id": "a1b2c3d4"}, detail: "request-id a1b2c3d4"},
		"7 characters": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: a1b2c3d\n", status: StatusFail,
			absent: []string{"http.request_id"}, detail: `note: the request-id "a1b2c3d" is a placeholder or was masked`},
		"128 characters": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: " + id128 + "\n", status: StatusFail,
			want: map[string]any{"http.request_id": id128}},
		"129 characters": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: " + id128 + "0\n", status: StatusFail,
			absent: []string{"http.request_id"}, detail: "is a placeholder or was masked"},
		"capitals, underscores, dots and colons": {input: "HTTP/1.1 401 Unauthorized\nclient-request-id: ZZ_SPO.2026:11-23\n", status: StatusFail,
			want: map[string]any{"http.client_request_id": "ZZ_SPO.2026:11-23"}},
		"masked": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: [REMOVED]\n", status: StatusFail,
			absent: []string{"http.request_id"}, detail: `note: the request-id "[REMOVED]" is a placeholder or was masked`},
		"no digit": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: xxxxxxxx-xxxx\n", status: StatusFail,
			absent: []string{"http.request_id"}, detail: "is a placeholder or was masked"},
		"a slash": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: 0b1c2d3e/0000\n", status: StatusFail,
			absent: []string{"http.request_id"}, detail: "is a placeholder or was masked"},
		"absent": {input: "HTTP/1.1 401 Unauthorized\n", status: StatusFail,
			absent: []string{"http.request_id"}, noDetail: "placeholder"},
	})
}

// TestHTTPStatusSaysWhereTheCodeCameFrom: an error code the paste names is
// shown as such; one inferred from Graph's message says so, and so does a
// status inferred from that code.
func TestHTTPStatusSaysWhereTheCodeCameFrom(t *testing.T) {
	runHTTPCases(t, map[string]httpCase{
		"the code from the body": {input: `{"error":{"code":"InvalidAuthenticationToken","message":"CompactToken parsing failed with error code: 80049217"}}`,
			status: StatusFail, want: map[string]any{"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken"},
			detail: "status 401 Unauthorized (from the error code InvalidAuthenticationToken)", noDetail: "the message"},
		"the code named exactly": {input: "HTTP/1.1 401 Unauthorized\n\n" + `{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}`,
			status: StatusFail, detail: "error code InvalidAuthenticationToken", noDetail: "the paste names no code"},
		"the code from Graph's message": {input: sample(t, "sdk/mailarchiver_issue267_kiota_odataerror_lifetime_no_status.txt"),
			status: StatusFail, want: map[string]any{"http.graph_error_code": "InvalidAuthenticationToken"},
			detail: "error code InvalidAuthenticationToken (the message is Graph's for this code; the paste names no code)"},
		"the status from that code": {input: sample(t, "sdk/mailarchiver_issue267_kiota_odataerror_lifetime_no_status.txt"),
			status: StatusFail, detail: "(from the error code InvalidAuthenticationToken, which the message means)"},
		"a body's code beats a gateway's ErrorCode header": {input: "HTTP/1.1 401 Unauthorized\nErrorCode: AuthenticationFailed\n\n" +
			`{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}`,
			status: StatusFail, want: map[string]any{"http.graph_error_code": "InvalidAuthenticationToken"}},
		"the ErrorCode header without a body": {input: "HTTP/1.1 403 Forbidden\nErrorCode: AuthorizationFailed\n",
			status: StatusFail, want: map[string]any{"http.graph_error_code": "AuthorizationFailed"}},
	})
}

// TestHTTPStatusReadsWhatTheStrictReadingMissed: the loose reading fills
// in the status, the code, the message and the ids when the status line,
// the headers and the JSON body left any of them out.
func TestHTTPStatusReadsWhatTheStrictReadingMissed(t *testing.T) {
	runHTTPCases(t, map[string]httpCase{
		"the status only in prose after a full body": {input: "The request failed: 504 Gateway Timeout\n" +
			`{"error":{"code":"UnknownError","message":"An unexpected error occurred."}}`,
			status: StatusWarn, want: map[string]any{"http.status": 504, "http.graph_error_code": "UnknownError"}},
		"a request id in a key=value line after an OAuth body": {input: "HTTP/1.1 400 Bad Request\n\n" +
			`{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity."}` +
			"\nrequest_id=0b1c2d3e-0000-4000-8000-000000000003\n",
			status: StatusWarn, want: map[string]any{"http.request_id": "0b1c2d3e-0000-4000-8000-000000000003"}},
		"a message line after the status and the code": {input: "HTTP/1.1 401 Unauthorized\nErrorCode: InvalidAuthenticationToken\n\nMessage: Access token is empty.\n",
			status: StatusFail, want: map[string]any{"http.message": "Access token is empty."}},
		".NET's Code: X Message: Y on one line": {input: "HTTP/1.1 401 Unauthorized\nCode: InvalidAuthenticationToken Message: Access token is empty.\n",
			status: StatusFail, want: map[string]any{"http.graph_error_code": "InvalidAuthenticationToken", "http.message": "Access token is empty."}},
		"Code: X Message: Y does not replace the body's message": {input: "HTTP/1.1 401 Unauthorized\nCode: InvalidAuthenticationToken Message: Access token is empty.\n\n" +
			`{"error":{"message":"Lifetime validation failed, the token is expired."}}`,
			status: StatusFail, want: map[string]any{"http.message": "Lifetime validation failed, the token is expired."}},
		"an exception names a code Graph's messages do not": {input: "com.microsoft.graph.http.GraphServiceException: Error code: ErrorAccessDenied Error message: Access is denied. Check credentials and try again.",
			status: StatusFail, want: map[string]any{"http.status": 403, "http.graph_error_code": "ErrorAccessDenied", "http.message": "Access is denied."}},
	})
}

// TestHTTPStatusReadsTheErrorBody: a Graph body's innerError and an OAuth
// body's error and error_description.
func TestHTTPStatusReadsTheErrorBody(t *testing.T) {
	const ids = `"request-id":"0b1c2d3e-0000-4000-8000-00000000000a","client-request-id":"0b1c2d3e-0000-4000-8000-00000000000b"`
	runHTTPCases(t, map[string]httpCase{
		"innerError's status when nothing else gives one": {input: `{"error":{"code":"UnknownError","message":"The service is not available.","innerError":{"status":"504",` + ids + `}}}`,
			status: StatusWarn, want: map[string]any{"http.status": 504}, detail: "status 504 Gateway Timeout (from the innerError.status)"},
		"the status line beats innerError's status": {input: "HTTP/1.1 503 Service Unavailable\n\n" + `{"error":{"code":"UnknownError","message":"The service is not available.","innerError":{"status":"504"}}}`,
			status: StatusWarn, want: map[string]any{"http.status": 503}},
		"innerError's ids when the headers have none": {input: "HTTP/1.1 401 Unauthorized\n\n" + `{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty.","innerError":{` + ids + `}}}`,
			status: StatusFail, want: map[string]any{"http.request_id": "0b1c2d3e-0000-4000-8000-00000000000a", "http.client_request_id": "0b1c2d3e-0000-4000-8000-00000000000b"}},
		"the headers' ids beat innerError's": {input: "HTTP/1.1 401 Unauthorized\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000001\nclient-request-id: 0b1c2d3e-0000-4000-8000-000000000002\n\n" +
			`{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty.","innerError":{` + ids + `}}}`,
			status: StatusFail, want: map[string]any{"http.request_id": "0b1c2d3e-0000-4000-8000-000000000001", "http.client_request_id": "0b1c2d3e-0000-4000-8000-000000000002"}},
		"an OAuth body's description is the message": {input: "HTTP/1.1 400 Bad Request\n\n" + `{"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked."}`,
			status: StatusWarn, want: map[string]any{"http.message": "AADSTS50173: The provided grant has expired due to it being revoked."}},
		"an OAuth body without a description": {input: "HTTP/1.1 401 Unauthorized\n\n" + `{"error":"invalid_client"}`,
			status: StatusFail, want: map[string]any{"http.message": "invalid_client"}},
	})
}

// TestHTTPStatusSaysWhichResponseItRead: with several responses the
// summary says whether the one read is the last, and the rank picks a
// failure over a wrapper's page, a success or an interim 1xx.
func TestHTTPStatusSaysWhichResponseItRead(t *testing.T) {
	const graph401 = `{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}`
	runHTTPCases(t, map[string]httpCase{
		"the last of two": {input: "HTTP/1.1 429 Too Many Requests\nRetry-After: 10\n\nHTTP/1.1 401 Unauthorized\n\n" + graph401 + "\n",
			status: StatusFail, want: map[string]any{"http.status": 401, "http.response_count": 2},
			summary: "(the last of 2 responses in the paste)", detail: "this reading is of the last one, at line 4"},
		"a failure before a success": {input: "HTTP/1.1 401 Unauthorized\n\n" + graph401 + "\n\nHTTP/1.1 200 OK\n",
			status: StatusFail, want: map[string]any{"http.status": 401, "http.response_count": 2},
			summary: "(read from 2 responses in the paste: the last failure the service itself sent)",
			detail:  "this reading is of the last failure the service itself sent, at line 1"},
		"400 is a failure the API sent, beating a later proxy page": {input: "HTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_request\"}\n\n" +
			"HTTP/1.1 502 Bad Gateway\nContent-Type: text/html\n\n<html><body><h1>502 Bad Gateway</h1></body></html>\n",
			status: StatusWarn, want: map[string]any{"http.status": 400, "http.response_count": 2}},
		"of two proxy pages the later is read": {input: "HTTP/1.1 502 Bad Gateway\nContent-Type: text/html\n\n<html><body><h1>502 Bad Gateway</h1></body></html>\n\n" +
			"HTTP/1.1 503 Service Unavailable\nContent-Type: text/html\n\n<html><body><h1>503 Service Unavailable</h1></body></html>\n",
			status: StatusWarn, want: map[string]any{"http.status": 503, "http.response_count": 2}},
		"an HTML 400 page beats a later success": {input: "HTTP/1.1 400 Bad Request\nContent-Type: text/html\n\n<html><body><h1>Bad Request</h1></body></html>\n\nHTTP/1.1 200 OK\n",
			status: StatusWarn, want: map[string]any{"http.status": 400, "http.response_count": 2}},
		"a success beats a later 100 Continue": {input: "HTTP/1.1 200 OK\nContent-Type: application/json\n\nHTTP/1.1 100 Continue\n",
			status: StatusOK, want: map[string]any{"http.status": 200}, absent: []string{"http.response_count"}},
		"a server's HTML error page after the failure wraps it": {input: "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n" +
			"HTTP/1.1 500 Internal Server Error\nContent-Type: text/html\n\n<!DOCTYPE html><html><body>Server Error</body></html>\n",
			status: StatusFail, want: map[string]any{"http.status": 401, "http.www_authenticate_error": "invalid_token", "http.response_count": 2}},
		"a status field that starts its line is not a page's": {input: "status: 503\nstatus: 401\n<html><body>Sign in again</body></html>\n",
			status: StatusFail, want: map[string]any{"http.status": 401, "http.response_count": 2}},
		"capital STATUS fields": {input: "retry 1: STATUS: 503\nretry 2: STATUS: 401\n",
			status: StatusFail, want: map[string]any{"http.status": 401, "http.response_count": 2}},
	})
}

// TestHTTPStatusStatusFieldAtTheStartOfThePaste: a status field's page is
// judged by the markup before the field, wherever the field is; a paste
// that starts with the field reads as one with a line before it.
func TestHTTPStatusStatusFieldAtTheStartOfThePaste(t *testing.T) {
	const rest = "status: 401\n<html><body>Sign in again</body></html>\n<html><body><h3>HTTP Error 500.0 - Internal Server Error</h3></body></html>\n"
	runHTTPCases(t, map[string]httpCase{
		"with a line before": {input: "2026-11-23 12:00:01 call to Graph\n" + rest, status: StatusFail,
			want: map[string]any{"http.status": 401, "http.response_count": 2}},
		"from the first byte": {input: rest, status: StatusFail,
			want: map[string]any{"http.status": 401, "http.response_count": 2}},
	})
}

// TestHTTPStatusBoundsItsWork: a paste is split into at most maxResponses
// responses, the status-line search gives up after 1000 mentions of
// "HTTP/", and a folded header stops growing at 4096 characters, so that
// a huge log costs a bounded time.
func TestHTTPStatusBoundsItsWork(t *testing.T) {
	requests := strings.Repeat("> GET /v1.0/me/drive/root/children HTTP/1.1\n", 999)
	wwwAuth := func(n int) string {
		v := `Bearer realm="` + strings.Repeat("r", n-len(`Bearer realm=""`)) + `"`
		return "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: " + v + "\n error=\"invalid_token\"\n"
	}
	runHTTPCases(t, map[string]httpCase{
		"101 responses count as 100": {input: strings.Repeat("HTTP/1.1 429 Too Many Requests\n\n", maxResponses+1),
			status: StatusWarn, want: map[string]any{"http.response_count": maxResponses}},
		"a request line before the status line": {input: "> GET /v1.0/me HTTP/1.1\n> Host: graph.microsoft.com\n>\n< HTTP/2 401\n< www-authenticate: Bearer error=\"invalid_token\"\n",
			status: StatusFail, want: map[string]any{"http.status": 401, "http.www_authenticate_error": "invalid_token"}},
		"responses found within 1000 mentions": {input: requests + "< HTTP/2 429\n< HTTP/2 401\n",
			status: StatusWarn, want: map[string]any{"http.status": 429}, absent: []string{"http.response_count"}},
		"a status line after 1000 mentions": {input: requests + "> GET /v1.0/me HTTP/1.1\n< HTTP/2 401\n",
			status: StatusError, summary: "Expected an HTTP response"},
		"a folded header under 4096 characters grows": {input: wwwAuth(4095),
			status: StatusFail, want: map[string]any{"http.www_authenticate_error": "invalid_token"}},
		"a folded header of 4096 characters stops": {input: wwwAuth(4096),
			status: StatusFail, absent: []string{"http.www_authenticate_error"}},
	})
}

// TestHTTPStatusTokenOrResponse: a paste that is mostly a token is read as
// a token, up to the largest token the claims check reads.
func TestHTTPStatusTokenOrResponse(t *testing.T) {
	tok := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-10*time.Minute), testNow.Add(50*time.Minute)))
	lead := "Copied from the failing call: "
	half := lead + strings.Repeat("-", len(tok)-len(lead)-1) + " " + tok
	if len(half) != 2*len(tok) {
		t.Fatalf("the token is %d characters of %d", len(tok), len(half))
	}
	largest := tok + strings.Repeat("A", maxToken-len(tok))
	runHTTPCases(t, map[string]httpCase{
		"a token that is half the paste": {input: half, status: StatusError, summary: "This is a token, not an HTTP response"},
		"a token less than half of it":   {input: "x" + half, status: StatusError, summary: "Expected an HTTP response"},
		"a token of the largest size":    {input: largest, status: StatusError, summary: "This is a token, not an HTTP response"},
	})
}

// TestHeaderLine pins what counts as a header: a name of 2 to 61 letters,
// digits and dashes starting with a letter, then a colon.
func TestHeaderLine(t *testing.T) {
	name61 := "X-" + strings.Repeat("a", 59)
	cases := []struct {
		line, name, value string
		ok                bool
	}{
		{"TE: trailers", "TE", "trailers", true},
		{"X: y", "", "", false},
		{name61 + ": 1", name61, "1", true},
		{name61 + "b: 1", "", "", false},
		{"Zone-Id: 9", "Zone-Id", "9", true},
		{"X-Backend-09: edge", "X-Backend-09", "edge", true},
		{"X-Backend/1: edge", "", "", false},
		{"Error message: Access is denied.", "", "", false},
		{": no name", "", "", false},
		{`< request-id:"0b1c2d3e-0000-4000-8000-000000000001",`, "request-id", "0b1c2d3e-0000-4000-8000-000000000001", true},
	}
	for _, tc := range cases {
		name, value, ok := headerLine(tc.line)
		if name != tc.name || value != tc.value || ok != tc.ok {
			t.Errorf("headerLine(%q) = %q, %q, %v; want %q, %q, %v", tc.line, name, value, ok, tc.name, tc.value, tc.ok)
		}
	}
}

// TestASCIILower lowers A to Z only, so offsets stay those of the input.
func TestASCIILower(t *testing.T) {
	in := "@AZ[az Ärger"
	if got, want := asciiLower(in), "@az[az Ärger"; got != want {
		t.Errorf("asciiLower(%q) = %q, want %q", in, got, want)
	}
}

// TestLooseWindowEdges: the loose reading stops on the last line break
// before maxLoose, and only when the text is longer than maxLoose.
func TestLooseWindowEdges(t *testing.T) {
	exact := strings.Repeat("status: 401\n", maxLoose/12) + strings.Repeat("x", maxLoose%12)
	if len(exact) != maxLoose {
		t.Fatalf("text of %d bytes", len(exact))
	}
	if got := looseWindow(exact); got != maxLoose {
		t.Errorf("a text of exactly maxLoose with line breaks cut at %d", got)
	}
	lead := "\n" + strings.Repeat("y", maxLoose+10)
	if got := looseWindow(lead); got != maxLoose {
		t.Errorf("a long text whose only line break is its first byte cut at %d, want %d", got, maxLoose)
	}
}

// TestFirstSentence keeps a message's first sentence, and never cuts it
// down to nothing but a full stop.
func TestFirstSentence(t *testing.T) {
	cases := map[string]string{
		"Access is denied. Check credentials and try again.": "Access is denied.",
		"Access token is empty.":                             "Access token is empty.",
		". Check credentials and try again.":                 ". Check credentials and try again.",
	}
	for in, want := range cases {
		if got := firstSentence(in); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
}
