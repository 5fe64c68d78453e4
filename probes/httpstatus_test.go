package probes

import "testing"

func TestHTTPStatus(t *testing.T) {
	curl401 := "HTTP/2 401 \r\ncontent-type: application/json\r\nwww-authenticate: Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\", error=\"invalid_token\", error_description=\"The access token is expired\"\r\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000001\r\nclient-request-id: 0b1c2d3e-0000-4000-8000-000000000002\r\ndate: Mon, 23 Nov 2026 11:58:00 GMT\r\n\r\n{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\"}}"
	cases := map[string]probeCase{
		"Graph PowerShell 401 lifetime": {input: sample(t, "httpstatus/graph_m365dsc_issue4427_lifetime_expired_ps.txt"), status: StatusFail,
			want: map[string]any{"http.status": 401, "http.class": "authentication", "http.graph_error_code": "InvalidAuthenticationToken",
				"http.request_id": "e56ca4f6-aed7-4a4f-9f73-6cb5181a61f3", "http.client_request_id": "d1afda24-7fa0-42f6-afde-b0a15d7b027e",
				"http.says_expired": true, "http.message": "Lifetime validation failed, the token is expired.", "http.date": "2024-03-08T10:22:05Z"},
			summary: "the response says the token expired"},
		"Graph 429 body only": {input: sample(t, "httpstatus/graph_throttling_429_body_as_quoted.json"), status: StatusWarn,
			want: map[string]any{"http.status": 429, "http.class": "throttling", "http.graph_error_code": "TooManyRequests",
				"http.request_id": "94fb3b52-452a-4535-a601-69e0a90e3aa2", "http.says_expired": false, "http.message": "Please retry again later."},
			absent: []string{"http.retry_after"}, summary: "do not re-authenticate"},
		"curl -i 401 with WWW-Authenticate": {input: curl401, status: StatusFail,
			want: map[string]any{"http.status": 401, "http.www_authenticate_error": "invalid_token", "http.www_authenticate_description": "The access token is expired",
				"http.request_id": "0b1c2d3e-0000-4000-8000-000000000001", "http.client_request_id": "0b1c2d3e-0000-4000-8000-000000000002",
				"http.date": "2026-11-23T11:58:00Z", "http.says_expired": true}},
		"429 with Retry-After seconds": {input: "HTTP/1.1 429 Too Many Requests\nRetry-After: 10\n", status: StatusWarn,
			want: map[string]any{"http.status": 429, "http.retry_after": 10}, summary: "wait 10 s"},
		"429 with Retry-After date": {input: "HTTP/1.1 429 Too Many Requests\nDate: Mon, 23 Nov 2026 12:00:00 GMT\nRetry-After: Mon, 23 Nov 2026 12:01:30 GMT\n", status: StatusWarn,
			want: map[string]any{"http.retry_after": 90}},
		"403 denied": {input: "HTTP/1.1 403 Forbidden\n\n{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}", status: StatusFail,
			want: map[string]any{"http.status": 403, "http.class": "permission", "http.graph_error_code": "Authorization_RequestDenied"}, summary: "re-authenticating will not help"},
		"503 service": {input: "HTTP/1.1 503 Service Unavailable\nRetry-After: 30", status: StatusWarn,
			want: map[string]any{"http.status": 503, "http.class": "server", "http.retry_after": 30}},
		"bare status":        {input: "401", status: StatusFail, want: map[string]any{"http.status": 401}},
		"bare status phrase": {input: " 429 Too Many Requests ", status: StatusWarn, want: map[string]any{"http.class": "throttling"}},
		".NET message":       {input: "System.Net.Http.HttpRequestException: Response status code does not indicate success: 401 (Unauthorized).", status: StatusFail, want: map[string]any{"http.status": 401}},
		"body code only":     {input: `{"error":{"code":"InvalidAuthenticationToken","message":"CompactToken parsing failed with error code: 80049217"}}`, status: StatusFail, want: map[string]any{"http.status": 401, "http.says_expired": false}},
		"200":                {input: "HTTP/1.1 200 OK\ncontent-type: application/json", status: StatusOK, want: map[string]any{"http.class": "success"}},
		"not a status":       {input: "HTTP/1.1 999 Weird", status: StatusError, summary: "not an HTTP status"},
		"prose":              {input: "the integration stopped working this morning", status: StatusError, summary: "Expected an HTTP response"},
	}
	runCases(t, HTTPStatus{}, cases)
}
