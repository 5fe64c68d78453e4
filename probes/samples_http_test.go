package probes

import (
	"strings"
	"testing"
)

// TestHTTPStatusReadsWhatUsersPaste: responses, SDK exceptions and console
// dumps as they were pasted in public issues (testdata/probes/httpstatus
// and sdk, sources in their SOURCES.md). Expected values are read from the
// samples themselves.
func TestHTTPStatusReadsWhatUsersPaste(t *testing.T) {
	cases := map[string]probeCase{
		"JS object with res_status": {input: sample(t, "sdk/officejs_issue6619_429_res_status_masked_identifier.txt"), status: StatusWarn,
			want: map[string]any{"http.status": 429, "http.class": "throttling", "http.graph_error_code": "TooManyRequests"}, absent: []string{"http.retry_after"}},
		"Python dict repr, single quotes": {input: sample(t, "sdk/pythonsampleauth_issue12_403_python_dict.txt"), status: StatusFail,
			want: map[string]any{"http.status": 403, "http.graph_error_code": "Authorization_RequestDenied",
				"http.request_id": "15038357-2dee-45b7-9d84-a3adae7b7c47", "http.message": "Insufficient privileges to complete the operation."}},
		".NET ServiceException with tabs": {input: sample(t, "sdk/aspnetcoresample_issue198_serviceexception_compacttoken_tabs.txt"), status: StatusFail,
			want: map[string]any{"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken",
				"http.request_id": "54dac99b-05f9-48fa-bb3e-330afbd4e108", "http.message": "CompactToken parsing failed with error code: 80049217"}},
		"Java one-line GraphServiceException": {input: sample(t, "sdk/msgraphjava_issue677_401_graphserviceexception_oneline.txt"), status: StatusFail,
			want: map[string]any{"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken",
				"http.message": "Access token has expired or is not yet valid.", "http.says_expired": true}},
		"Kiota ODataError with no status": {input: sample(t, "sdk/mailarchiver_issue267_kiota_odataerror_lifetime_no_status.txt"), status: StatusFail,
			want: map[string]any{"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken", "http.says_expired": true,
				"http.message": "Lifetime validation failed, the token is expired."}, absent: []string{"http.request_id"},
			summary: "the response says the token expired"},
		".NET headers as Key/Value list": {input: sample(t, "httpstatus/duplicati_issue4438_429_dotnet_headers_keyvalue_cut.txt"), status: StatusWarn,
			want: map[string]any{"http.status": 429, "http.retry_after": 112}},
		"unquoted pseudo-JSON, status only in prose": {input: sample(t, "httpstatus/graphdocs_issue94_403_unquoted_pseudojson.txt"), status: StatusFail,
			want: map[string]any{"http.status": 403, "http.graph_error_code": "Authorization_RequestDenied", "http.request_id": "06bbc4f9-8100-444d-b203-cbbb83ceb216"}},
		"curl -v lines": {input: sample(t, "httpstatus/abraunegg_onedrive_pr1305_429_curl_retry_after_150100.txt"), status: StatusWarn,
			want: map[string]any{"http.status": 429, "http.retry_after": 150100}},
		"curl -v status without a reason phrase": {input: sample(t, "httpstatus/onedriveapidocs_issue797_429_curl_no_retry_after_cut.txt"), status: StatusWarn,
			want: map[string]any{"http.status": 429}, absent: []string{"http.retry_after"}},
		"axios response object": {input: sample(t, "httpstatus/m365agentstoolkit_pr1459_429_axios_response_object.txt"), status: StatusWarn,
			want: map[string]any{"http.status": 429, "http.retry_after": 5}, summary: "wait 5 s"},
		"escaped headers without a status say what they hold": {input: sample(t, "httpstatus/msgraphjs_issue297_429_escaped_headers_ags.txt"), status: StatusError,
			summary: "Read request-id 02403262-4063-455c-9c8f-54f442b31343, Retry-After 1, but no HTTP status was found"},
		"body and headers whose status was only in prose": {input: sample(t, "httpstatus/graphdocs_issue2505_504_unknownerror_headers_after_body.txt"), status: StatusError,
			summary: "Read the error code UnknownError, request-id ea6058d2-178e-4ec0-9cc5-8532a35e5fd6, but no HTTP status"},
		"a retry handler giving up is no status": {input: sample(t, "sdk/graphdocs_issue5592_toomanyretries_statuscode0.txt"), status: StatusError,
			summary: "no HTTP status was found"},
		"x-ms-ags-diagnostic keeps the body's code": {input: "HTTP/1.1 401 Unauthorized\nx-ms-ags-diagnostic: {\"ServerInfo\":{\"DataCenter\":\"West Europe\",\"Slice\":\"E\"}}\nrequest-id: 11111111-2222-3333-4444-555555555555\n\n{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\"}}",
			status: StatusFail, want: map[string]any{"http.graph_error_code": "InvalidAuthenticationToken", "http.message": "Access token has expired or is not yet valid.", "http.request_id": "11111111-2222-3333-4444-555555555555"}},
		"Retry-After as an HTTP date in a Python dict": {input: "{'status': 503, 'retry-after': 'Mon, 23 Nov 2026 12:02:00 GMT', 'date': 'Mon, 23 Nov 2026 12:00:30 GMT'}",
			status: StatusWarn, want: map[string]any{"http.status": 503, "http.retry_after": 90, "http.date": "2026-11-23T12:00:30Z"}},
		"a four-digit number is no status":   {input: "res_status: 4290", status: StatusError},
		"a status out of range is no status": {input: "statusCode: 999\ncode: Weird", status: StatusError},
	}
	runCases(t, HTTPStatus{}, cases)
}

func TestHTTPStatusSaysATokenIsAToken(t *testing.T) {
	tok := sample(t, "jwt/msdocs_access_token_v1.jwt")
	cases := map[string]probeCase{
		"a bare token":   {input: tok, status: StatusError, summary: "This is a token, not an HTTP response: Access token v1.0"},
		"a quoted token": {input: "\"" + tok + "\"", status: StatusError, summary: "The claims check (jwt) reads it"},
		"a token in prose": {input: "the call fails with HTTP/1.1 401 Unauthorized and this token " + tok, status: StatusFail,
			want: map[string]any{"http.status": 401}},
	}
	runCases(t, HTTPStatus{}, cases)
}

func TestLooseWindow(t *testing.T) {
	short := strings.Repeat("a\n", 10)
	if got := looseWindow(short); got != len(short) {
		t.Errorf("short text cut at %d of %d", got, len(short))
	}
	exact := strings.Repeat("x", maxLoose)
	if got := looseWindow(exact); got != maxLoose {
		t.Errorf("text of maxLoose cut at %d", got)
	}
	long := strings.Repeat("abc\n", maxLoose/2)
	got := looseWindow(long)
	if got > maxLoose || long[got] != '\n' || got < maxLoose-4 {
		t.Errorf("long text cut at %d, want the last line break before %d", got, maxLoose)
	}
	if got := looseWindow(strings.Repeat("y", maxLoose+10)); got != maxLoose {
		t.Errorf("a text without line breaks cut at %d", got)
	}
}
