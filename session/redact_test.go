package session

import (
	"reflect"
	"strings"
	"testing"
)

// A token made for these tests: header {"alg":"HS256"}, claims with aud,
// tid and exp, and a fake signature.
const testJWT = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJ0aWQiOiI3MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDciLCJleHAiOjE3MDAwMDAwMDB9.ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz"

func TestRedact(t *testing.T) {
	cases := map[string]struct {
		in     string
		want   string
		counts map[string]int
	}{
		"jwt becomes fingerprint and claims": {
			in:     "token " + testJWT + " end",
			want:   "token [jwt sha256:",
			counts: map[string]int{KindJWT: 1},
		},
		"authorization header": {
			in:     "GET /v1.0/me HTTP/1.1\nAuthorization: Basic dXNlcjpwYXNzd29yZA==\nAccept: */*",
			want:   "GET /v1.0/me HTTP/1.1\nAuthorization: Basic [redacted]\nAccept: */*",
			counts: map[string]int{KindAuthorization: 1},
		},
		"authorization header in a PowerShell dump": {
			in:     "Authorization                 : Bearer 0.AXoA-opaque-token-value",
			want:   "Authorization                 : Bearer [redacted]",
			counts: map[string]int{KindAuthorization: 1},
		},
		"bearer in a log line": {
			in:     "sent bearer 0.AXoA-opaque.token_value to graph",
			want:   "sent bearer [redacted] to graph",
			counts: map[string]int{KindAuthorization: 1},
		},
		"cookie headers": {
			in:     "Cookie: ESTSAUTH=abc; x=y\nSet-Cookie: fpc=AkZ; path=/",
			want:   "Cookie: [redacted]\nSet-Cookie: [redacted]",
			counts: map[string]int{KindCookie: 2},
		},
		"refresh token in JSON": {
			in:     `{"token_type":"Bearer","refresh_token":"0.AXoA1bCdEfGh","scope":"User.Read"}`,
			want:   `{"token_type":"Bearer","refresh_token":"[redacted]","scope":"User.Read"}`,
			counts: map[string]int{KindToken: 1},
		},
		"form body": {
			in:     "grant_type=client_credentials&client_id=abc&client_secret=Zx8Q~s3cr3t.value&scope=x",
			want:   "grant_type=client_credentials&client_id=abc&client_secret=[redacted]&scope=x",
			counts: map[string]int{KindClientSecret: 1},
		},
		"password field": {
			in:     "login password: hunter2 ok",
			want:   "login password: [redacted] ok",
			counts: map[string]int{KindPassword: 1},
		},
		"client assertion": {
			in:     "client_assertion_type=x&client_assertion=abc.def.ghi",
			want:   "client_assertion_type=x&client_assertion=[redacted]",
			counts: map[string]int{KindClientSecret: 1},
		},
		"authorization code": {
			in:     "https://app.example/cb?code=0.AXoAsdfghjklqwertyuiop1234&state=xyz",
			want:   "https://app.example/cb?code=[redacted]&state=xyz",
			counts: map[string]int{KindAuthCode: 1},
		},
		"SAS signature": {
			in:     "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=AbC%2Bdef%3D&se=2026",
			want:   "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=[redacted]&se=2026",
			counts: map[string]int{KindSAS: 1},
		},
		"key-like run": {
			in:     "secret value 8Xq8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 was pasted",
			want:   "secret value [redacted key-like string] was pasted",
			counts: map[string]int{KindKeyLike: 1},
		},
		"ordinary ids stay": {
			in:   "Trace ID: 6e94ade5-10de-4d67-909a-14d845813500 thumbprint AA11BB22CC33DD44EE55FF66AA77BB88CC99DD00 sha256:7801ae894bbc https://enterpriseregistration.windows.net/EnrollmentServer/device/",
			want: "Trace ID: 6e94ade5-10de-4d67-909a-14d845813500 thumbprint AA11BB22CC33DD44EE55FF66AA77BB88CC99DD00 sha256:7801ae894bbc https://enterpriseregistration.windows.net/EnrollmentServer/device/",
		},
		"graph error code stays": {
			in:   `{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}`,
			want: `{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}`,
		},
		"redacting twice changes nothing": {
			in:   "Authorization: Bearer [redacted] and [jwt sha256:0011aabb… aud=x] refresh_token=[redacted]",
			want: "Authorization: Bearer [redacted] and [jwt sha256:0011aabb… aud=x] refresh_token=[redacted]",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, counts := Redact(tc.in)
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if !reflect.DeepEqual(counts, tc.counts) {
				t.Errorf("counts %v, want %v", counts, tc.counts)
			}
		})
	}
}

func TestJWTMarkerKeepsWhatTheTokenIsFor(t *testing.T) {
	got, _ := Redact(testJWT)
	for _, want := range []string{"aud=https://graph.microsoft.com", "tid=72f988bf-86f1-41af-91ab-2d7cd011db47", "exp=1700000000"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz") || strings.Contains(got, "eyJhbGci") {
		t.Errorf("token parts survive: %q", got)
	}
}

func TestDescribeRedactions(t *testing.T) {
	if got := DescribeRedactions(nil); got != "nothing needed masking" {
		t.Errorf("got %q", got)
	}
	got := DescribeRedactions(map[string]int{KindJWT: 2, KindAuthorization: 1})
	if want := "3 items masked: 1 Authorization header, 2 JWT"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
