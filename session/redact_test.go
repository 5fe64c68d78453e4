package session

import (
	"bufio"
	"os"
	"path/filepath"
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
		"password field runs to the end of the line": {
			in:     "login password: hunter2 ok\nnext line",
			want:   "login password: [redacted]\nnext line",
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
	cases := map[string]struct {
		counts map[string]int
		want   string
	}{
		"one and two":        {map[string]int{KindJWT: 2, KindAuthorization: 1}, "3 items masked: 1 Authorization header, 2 JWTs"},
		"one item":           {map[string]int{KindPassword: 1}, "1 item masked: 1 password"},
		"nouns with an or":   {map[string]int{KindClientSecret: 2, KindUser: 3}, "5 items masked: 2 client secrets or assertions, 3 user names or addresses"},
		"an unknown kind":    {map[string]int{"widget": 2}, "2 items masked: 2 widget"},
		"each plural as one": {map[string]int{KindKeyLike: 1, KindAPIKey: 2}, "3 items masked: 2 API or account keys, 1 key-like string"},
	}
	for name, tc := range cases {
		if got := DescribeRedactions(tc.counts); got != tc.want {
			t.Errorf("%s: got %q, want %q", name, got, tc.want)
		}
	}
}

// redactCase is one case of testdata/redact: an input, the secrets that
// must not survive Redact and the readable parts that must.
type redactCase struct {
	Name    string
	File    string
	Input   string
	Secrets []string
	Keep    []string
}

// readRedactCases reads every *.txt case file in testdata/redact; a case
// there may take its input from a file ("--- file real/x.txt").
func readRedactCases(t testing.TB) []redactCase {
	t.Helper()
	var files []string
	for _, pattern := range []string{"*.txt"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", "redact", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var cases []redactCase
	for _, file := range files {
		cases = append(cases, parseRedactCases(t, file)...)
	}
	if len(cases) == 0 {
		t.Fatal("no redaction cases found")
	}
	return cases
}

func parseRedactCases(t testing.TB, file string) []redactCase {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []redactCase
	var cur *redactCase
	var input []string
	section := ""
	finish := func() {
		if cur != nil {
			cur.Input = strings.Join(input, "\n")
			cases = append(cases, *cur)
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			finish()
			cur, input, section = &redactCase{Name: strings.TrimPrefix(line, "=== "), File: filepath.Base(file)}, nil, ""
			continue
		case cur == nil:
			continue
		case line == "--- input" || line == "--- secret" || line == "--- keep" || line == "--- file":
			section = strings.TrimPrefix(line, "--- ")
			continue
		}
		switch section {
		case "input":
			input = append(input, line)
		case "file":
			b, err := os.ReadFile(filepath.Join(filepath.Dir(file), filepath.FromSlash(line)))
			if err != nil {
				t.Fatal(err)
			}
			input = append(input, strings.TrimRight(string(b), "\n"))
			section = ""
		case "secret":
			if line != "" {
				cur.Secrets = append(cur.Secrets, line)
			}
		case "keep":
			if line != "" {
				cur.Keep = append(cur.Keep, line)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	finish()
	for i := range cases {
		// A blank line ends a case's input; drop the ones before the next.
		cases[i].Input = strings.TrimRight(cases[i].Input, "\n")
		if cases[i].Input == "" {
			t.Fatalf("%s: case %q has no input", file, cases[i].Name)
		}
	}
	return cases
}

// TestRedactCases runs the table of shapes in testdata/redact: no secret
// survives, the readable parts do, and a second pass changes nothing.
func TestRedactCases(t *testing.T) {
	for _, tc := range readRedactCases(t) {
		t.Run(tc.File+"/"+tc.Name, func(t *testing.T) {
			got, counts := Redact(tc.Input)
			for _, sec := range tc.Secrets {
				if strings.Contains(got, sec) {
					t.Errorf("secret %q survives in\n%s", sec, got)
				}
			}
			for _, keep := range tc.Keep {
				if !strings.Contains(got, keep) {
					t.Errorf("%q is lost in\n%s", keep, got)
				}
			}
			if len(tc.Secrets) > 0 && len(counts) == 0 {
				t.Errorf("secrets masked but not counted")
			}
			again, c2 := Redact(got)
			if again != got || len(c2) > 0 {
				t.Errorf("a second pass changed the text (%v):\n%s\n%s", c2, got, again)
			}
		})
	}
}

// paste1MiB builds a 1 MiB paste as operators send them: log lines, a
// token response, headers and a HAR fragment, with secrets scattered in.
func paste1MiB() string {
	chunk := `2026-11-20 10:01:02.123 [info] MSAL: AcquireTokenSilent for scopes User.Read openid profile; account megan@contoso.com
Trace ID: 6e94ade5-10de-4d67-909a-14d845813500 Correlation ID: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f Timestamp: 2026-11-20 10:01:02Z
{"token_type":"Bearer","scope":"User.Read","expires_in":3599,"access_token":"` + testJWT + `","refresh_token":"0.AXoAi9ph8gAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wQA9P8Wq1hjR3n1Y6k"}
GET https://graph.microsoft.com/v1.0/me HTTP/1.1
Authorization: Bearer 0.AXoA-opaque.token_value
Cookie: ESTSAUTH=abc; buid=def
{"name": "ESTSAUTH", "value": "1.AXoAlongcookievalue8Q~AbCdEf", "path": "/"}
Package Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy failed at https://login.microsoftonline.com/common/oauth2/v2.0/token
The user said the password was changed yesterday and the token cache holds an old key.
`
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(chunk)
	}
	return b.String()
}

// BenchmarkRedact1MiB measures Redact on a 1 MiB paste.
func BenchmarkRedact1MiB(b *testing.B) {
	in := paste1MiB()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Redact(in)
	}
}

func TestKeyLike(t *testing.T) {
	for in, want := range map[string]bool{
		"8Xq8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789":                  true,
		"AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wQA9P8Wq1hjR3n1Y6k":     true,
		"q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLlZz+/Xx==":              true,
		"Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy":                    false,
		"Microsoft.Office.OneDrive.Sync.Service16":                    false,
		"6e94ade5-10de-4d67-909a-14d845813500":                        false, // no upper case
		"AA11BB22CC33DD44EE55FF66AA77BB88CC99DD00":                    false, // no lower case
		"enterpriseregistration.windows.net/EnrollmentServer/device/": false, // no digit
		"redirect_uri=http%3A%2F%2Flocalhost%2Fmyapp%2F":              false, // percent-encoding is not randomness
		"": false,
	} {
		if got := keyLike(in); got != want {
			t.Errorf("keyLike(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestNameKind(t *testing.T) {
	for in, want := range map[string]string{
		"password":                  KindPassword,
		"DB_PASSWORD":               KindPassword,
		"PGPASSWORD":                KindPassword,
		"pwd":                       KindPassword,
		"MYSQL_PWD":                 KindPassword,
		"pass":                      KindPassword,
		"credentials":               KindPassword,
		"client_secret":             KindClientSecret,
		"APP_CLIENT_SECRET":         KindClientSecret,
		"secret":                    KindClientSecret,
		"client_assertion":          KindClientSecret,
		"refreshToken":              KindToken,
		"access_token":              KindToken,
		"Authorization":             KindAuthorization,
		"Set-Cookie":                KindCookie,
		"JSESSIONID":                KindCookie,
		"session_id":                KindCookie,
		"code":                      KindAuthCode,
		"code_verifier":             KindAuthCode,
		"sig":                       KindSAS,
		"SharedAccessSignature":     KindSAS,
		"Ocp-Apim-Subscription-Key": KindAPIKey,
		"x-api-key":                 KindAPIKey,
		"AccountKey":                KindAPIKey,
		"apikey":                    KindAPIKey,
		"privateKey":                KindPrivateKey,
		"token_type":                "",
		"tokenType":                 "",
		"expires_in":                "",
		"refresh_token_expires_in":  "",
		"passwordLastSet":           "",
		"SecretId":                  "",
		"code_challenge":            "",
		"KeySignTest":               "",
		"NgcKeyId":                  "",
		"key":                       "",
		"compass":                   "",
		"bypass":                    "",
		"AdalTokenRequest.java":     "",
		"user":                      "",
		"":                          "",
	} {
		if got := nameKind(in); got != want {
			t.Errorf("nameKind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeepCode(t *testing.T) {
	for in, want := range map[string]bool{
		"InvalidAuthenticationToken":    true,
		"AADSTS7000215":                 true,
		"0x8004de40":                    true,
		"invalid_grant":                 true,
		"401":                           true,
		"0.AXoAoFq9-abcDEF123ghiJKL456": false,
		"M.C507_BAY.2.U.7d2f1b3c-aaaa":  false,
	} {
		if got := keepCode(in); got != want {
			t.Errorf("keepCode(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPasswordLikeAndTicketID(t *testing.T) {
	for in, want := range map[string]bool{
		"Summer2024!":       true,
		"P@ssw0rd":          true,
		"hunter2x":          false, // two classes: nothing tells it from a word
		"INC0012345":        false,
		"CHG-2024-0001":     false,
		"Inc12345":          false,
		"Short1!":           false,
		"[redacted]":        false,
		"megan@contoso.com": false,
	} {
		if got := passwordLike(in); got != want {
			t.Errorf("passwordLike(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{"INC0012345": true, "Case_4711": true, "12345": true, "INC": false, "INC-12x": false, "ABCDEFGHIJKLMN1": false} {
		if got := ticketID(in); got != want {
			t.Errorf("ticketID(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestTicketSecret checks that a secret given as --ticket, or a ticket
// with a line break, reaches neither the file name nor the journal.
func TestTicketSecret(t *testing.T) {
	dir := t.TempDir()
	j, err := Create(dir, Start{Version: "test", Ticket: "INC42 Summer2024!", Operator: "dana\nOutcome: Resolved"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(filepath.Base(j.Path()), "Summer") {
		t.Errorf("the file name holds the secret: %s", j.Path())
	}
	data, err := os.ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "Summer2024") {
		t.Errorf("the journal holds the secret:\n%s", data)
	}
	l, err := ReadFile(j.Path())
	if err != nil {
		t.Fatal(err)
	}
	st := l.Start()
	if st.Ticket != "INC42 [redacted]" || strings.ContainsAny(st.Operator, "\n\r") {
		t.Errorf("start = %+v", st)
	}
	if got := l.Entries[0].Redacted[KindPassword]; got != 1 {
		t.Errorf("counted %d passwords, want 1", got)
	}
}
