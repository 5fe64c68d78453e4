package probes

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// reading is one paste to a check and what the operator must see: facts,
// status, summary and detail lines.
type reading struct {
	input   string
	status  Status
	summary string // a phrase the summary must contain
	prefix  string // what the summary must start with
	want    map[string]any
	absent  []string // facts that must not be set
	details []string // phrases some detail line must contain
	never   []string // phrases no detail line may contain
}

func checkReadings(t *testing.T, p Probe, cases map[string]reading) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := p.Run(context.Background(), Input{Text: tc.input, Now: clock, OS: "linux"})
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (summary %q)", r.Status, tc.status, Shorten(r.Summary, 200))
			}
			if tc.summary != "" && !strings.Contains(r.Summary, tc.summary) {
				t.Errorf("summary %q does not say %q", Shorten(r.Summary, 300), tc.summary)
			}
			if tc.prefix != "" && !strings.HasPrefix(r.Summary, tc.prefix) {
				t.Errorf("summary %q does not start %q", Shorten(r.Summary, 300), tc.prefix)
			}
			for k, want := range tc.want {
				if got, ok := r.Facts[k]; !ok || !reflect.DeepEqual(got, want) {
					t.Errorf("fact %s = %#v (set %v), want %#v", k, got, ok, want)
				}
			}
			for _, k := range tc.absent {
				if v, ok := r.Facts[k]; ok {
					t.Errorf("fact %s = %#v, want it unset", k, v)
				}
			}
			details := strings.Join(r.Details, "\n")
			for _, d := range tc.details {
				if !strings.Contains(details, d) {
					t.Errorf("details lack %q:\n%s", d, details)
				}
			}
			for _, d := range tc.never {
				if strings.Contains(details, d) {
					t.Errorf("details say %q:\n%s", d, details)
				}
			}
		})
	}
}

// padTo makes a run of token characters exactly n bytes long: "eyJ", then
// filler, with the given number of dots spread in it. It stands for a
// paste a tool or a log blew up, never for a real token.
func padTo(n, dots int) string {
	body := n - 3 - dots
	var b strings.Builder
	b.WriteString("eyJ")
	for i := 0; i <= dots; i++ {
		part := body / (dots + 1)
		if i == dots {
			part = body - part*dots
		}
		b.WriteString(strings.Repeat("A", part))
		if i < dots {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// TestJWTWhichTokenIsRead covers the choice of token in a paste that holds
// several, and how far the search goes.
func TestJWTWhichTokenIsRead(t *testing.T) {
	first := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-2*time.Hour), testNow.Add(-time.Hour)))
	second := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-10*time.Minute), testNow.Add(50*time.Minute)))
	// A log that shows every call's header shortened, as many tools do.
	shortened := func(n int) string {
		return strings.Repeat("request: Authorization: Bearer eyJ0eXAiOiJKV1Qi…\n", n)
	}
	tokens := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			c := v2Claims("https://graph.microsoft.com", testNow.Add(-time.Hour), testNow.Add(time.Duration(i+1)*time.Minute))
			out[i] = makeToken(t, c)
		}
		return out
	}
	sixteen, seventeen := tokens(16), tokens(17)
	cases := map[string]reading{
		"pasted whole, then again broken by a chat window: read whole": {
			input:  first + "\n\nand again:\n" + first[:50] + "\n" + first[50:],
			status: StatusFail, want: map[string]any{"jwt.fingerprint": fingerprint(first)},
			absent: []string{"jwt.token_count"}, never: []string{"broken across lines"}},
		"broken by a chat window: the reading says so": {
			input:  "here:\n" + second[:50] + "\n" + second[50:],
			status: StatusOK, want: map[string]any{"jwt.fingerprint": fingerprint(second)},
			details: []string{"note: the token was broken across lines when copied; the pieces were joined"}},
		"a shortened token in a log line before two tokens": {
			input:  shortened(1) + first + "\n" + second,
			status: StatusOK, want: map[string]any{"jwt.fingerprint": fingerprint(second), "jwt.token_count": 2},
			summary: "(the last readable of 2 tokens in the paste)"},
		"the second token is the 64th place that starts like one: found": {
			input:  first + "\n" + shortened(62) + second,
			status: StatusOK, want: map[string]any{"jwt.fingerprint": fingerprint(second), "jwt.token_count": 2},
			details: []string{"also in the paste: a token at line 1, fingerprint sha256:" + fingerprint(first)}},
		"the second token is the 65th place that starts like one: not searched": {
			input:  first + "\n" + shortened(63) + second,
			status: StatusFail, want: map[string]any{"jwt.fingerprint": fingerprint(first)},
			absent: []string{"jwt.token_count"}},
		"16 tokens: all counted": {
			input:  strings.Join(sixteen, "\n"),
			status: StatusOK, want: map[string]any{"jwt.fingerprint": fingerprint(sixteen[15]), "jwt.token_count": 16},
			details: []string{"at line 1, fingerprint sha256:" + fingerprint(sixteen[0])}},
		"17 tokens: the last 16 counted": {
			input:  strings.Join(seventeen, "\n"),
			status: StatusOK, want: map[string]any{"jwt.fingerprint": fingerprint(seventeen[16]), "jwt.token_count": 16},
			never: []string{fingerprint(seventeen[0])}},
		"a token then 256 KiB of token characters: both counted": {
			input:  first + "\n" + padTo(maxToken, 2),
			status: StatusFail, want: map[string]any{"jwt.fingerprint": fingerprint(first), "jwt.token_count": 2},
			summary: "(the last readable of 2 tokens in the paste)"},
		"a token then more than 256 KiB of token characters: only the token": {
			input:  first + "\n" + padTo(maxToken+1, 2),
			status: StatusFail, want: map[string]any{"jwt.fingerprint": fingerprint(first)},
			absent: []string{"jwt.token_count"}},
	}
	checkReadings(t, JWT{}, cases)
}

// TestJWTPasteShapes covers what is taken for a token: sizes at the limit,
// a Bearer header around an opaque token, two parts inside a sentence,
// lines a chat window broke or quoted.
func TestJWTPasteShapes(t *testing.T) {
	tok := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-10*time.Minute), testNow.Add(time.Hour)))
	parts := strings.Split(tok, ".")
	cut := parts[0] + "." + parts[1] + "." + parts[2][:30]
	unsigned := "eyJhbGciOiJub25lIn0." + parts[1] + "."
	opaque := func(n int) string { return ("EwB" + strings.Repeat("notARealToken0", 20))[:n] }
	idResponse := `{"token_type":"Bearer","id_token":"` + tok + `"`
	idResponse += strings.Repeat(" ", maxToken-len(idResponse)-1) + "}"
	cases := map[string]reading{
		"token response of exactly 256 KiB: read as JSON": {input: idResponse, status: StatusOK,
			want: map[string]any{"jwt.kind": "id"}, prefix: "ID token v2.0"},
		"token text of exactly 256 KiB: read": {input: padTo(maxToken, 2), status: StatusError,
			summary: "could not be read"},
		"token text over 256 KiB: refused": {input: padTo(maxToken+1, 2), status: StatusError,
			summary: "paste the token alone"},
		"a line of 256 KiB broken across lines: refused whole": {input: padTo(maxToken, 1) + "\nBBBB", status: StatusError,
			summary: "paste the token alone"},
		"256 KiB without eyJ: an opaque token": {input: strings.Repeat("A", maxToken), status: StatusUnavailable,
			summary: "opaque", want: map[string]any{"jwt.decodable": false}},
		"256 KiB starting like a token without a dot, then a token: the token": {input: padTo(maxToken, 0) + "\n\nthe token:\n" + tok,
			status: StatusOK, want: map[string]any{"jwt.fingerprint": fingerprint(tok)}},
		"Bearer header with an opaque token": {input: "Authorization: Bearer " + opaque(60), status: StatusUnavailable,
			summary: "opaque", want: map[string]any{"jwt.fingerprint": fingerprint(opaque(60))}},
		"opaque token of 20 characters": {input: opaque(20), status: StatusUnavailable, summary: "opaque"},
		"19 characters are not a token": {input: opaque(19), status: StatusError, summary: "Expected a token"},
		"two parts inside a sentence": {input: "the token was " + parts[0] + "." + parts[1] + " as far as I can see",
			status: StatusError, summary: "but this one has 2"},
		"cut signature, then a line of prose": {input: cut + "\nthanks for looking", status: StatusOK,
			want: map[string]any{"jwt.fingerprint": fingerprint(cut)}, never: []string{"broken across lines"}},
		"unsigned token with its final dot": {input: unsigned, status: StatusOK,
			want: map[string]any{"jwt.fingerprint": fingerprint(unsigned), "jwt.alg": "none"}},
		"continuation quoted by a chat window": {input: tok[:50] + "\n> " + tok[50:], status: StatusOK,
			want: map[string]any{"jwt.fingerprint": fingerprint(tok)}, details: []string{"broken across lines"}},
	}
	checkReadings(t, JWT{}, cases)
}

// TestJWTClaimsAsRead covers the facts, summary and detail lines of the
// claims, at the edges of each judgement.
func TestJWTClaimsAsRead(t *testing.T) {
	with := func(c jwt.MapClaims, set map[string]any, drop ...string) string {
		out := jwt.MapClaims{}
		for k, v := range c {
			out[k] = v
		}
		for k, v := range set {
			out[k] = v
		}
		for _, k := range drop {
			delete(out, k)
		}
		return makeToken(t, out)
	}
	base := v2Claims("https://graph.microsoft.com", testNow.Add(-10*time.Minute), testNow.Add(time.Hour))
	iss := "https://login.microsoftonline.com/" + testTenant + "/v2.0"
	cases := map[string]reading{
		"every detail line": {input: with(base, map[string]any{"app_displayname": "Contoso Helpdesk"}), status: StatusOK,
			prefix: "Access token v2.0 for Microsoft Graph, valid for another 1 h",
			absent: []string{"jwt.roles"},
			details: []string{"header: alg HS256, kid –", "issuer     " + iss + " (v2.0)", "tenant     " + testTenant,
				"app        11111111-2222-3333-4444-555555555555 (Contoso Helpdesk)", "scopes     User.Read Chat.ReadWrite",
				"user       adele@contoso.example", "identity   user", "issued     2026-11-23 11:50:00 UTC (10 min ago)"},
			never: []string{"roles", "(v)", "()"}},
		"no version, app name, user or identity type": {input: with(base, map[string]any{"iss": "https://issuer.contoso.example/"}, "ver", "preferred_username", "idtyp"),
			status: StatusOK, prefix: "Access token for Microsoft Graph",
			details: []string{"issuer     https://issuer.contoso.example/\n", "app        11111111-2222-3333-4444-555555555555\n"},
			never:   []string{"(v", "user  ", "identity  "}},
		"not for Graph": {input: with(base, map[string]any{"aud": "api://helpdesk-api"}), status: StatusWarn,
			prefix: "Access token v2.0 for api://helpdesk-api, valid for another 1 h"},
		"no audience": {input: with(base, nil, "aud"), status: StatusOK, prefix: "Access token v2.0, valid",
			absent: []string{"jwt.aud", "jwt.audience_is_graph"}, never: []string{"audience"}},
		"no tenant or app": {input: with(base, nil, "tid", "azp"), status: StatusOK,
			absent: []string{"jwt.tid", "jwt.appid", "jwt.tenant_matches_issuer"}, never: []string{"tenant  ", "app  "}},
		"a kid in the header": {input: func() string {
			tk := jwt.NewWithClaims(jwt.SigningMethodHS256, base)
			tk.Header["kid"] = "test-key-1"
			s, err := tk.SignedString(testKey)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}(), status: StatusOK, details: []string{"header: alg HS256, kid test-key-1"}},
		"ID token without scopes: no warning": {input: `{"id_token":"` + with(base, map[string]any{"nonce": "n-0S6_WzA2Mj"}, "scp") + `"}`,
			status: StatusOK, prefix: "ID token v2.0", want: map[string]any{"jwt.has_permissions": false, "jwt.kind": "id"}},
		"expires this very second": {input: with(base, map[string]any{"exp": testNow.Unix()}), status: StatusFail,
			want: map[string]any{"jwt.expired": true, "jwt.expires_in": 0}, summary: "expired 0 s ago",
			details: []string{"expires    2026-11-23 12:00:00 UTC (now)"}},
		"expires in a second": {input: with(base, map[string]any{"exp": testNow.Unix() + 1}), status: StatusOK,
			want: map[string]any{"jwt.expired": false, "jwt.expires_in": 1}, summary: "valid for another 1 s"},
		"issued a minute ahead: within tolerance": {input: with(base, map[string]any{"iat": testNow.Add(time.Minute).Unix()}, "nbf"),
			status: StatusOK, want: map[string]any{"jwt.iat_in_future": false}, absent: []string{"jwt.implied_skew_seconds"}},
		"issued 61 s ahead: a clock is off": {input: with(base, map[string]any{"iat": testNow.Add(61 * time.Second).Unix()}, "nbf"),
			status: StatusWarn, want: map[string]any{"jwt.iat_in_future": true, "jwt.implied_skew_seconds": 61},
			summary: "issued 1 min in the future"},
		"exp as text at 1e11: not read": {input: with(base, map[string]any{"exp": "100000000000"}), status: StatusWarn,
			absent: []string{"jwt.exp"}, summary: `exp could not be read ("100000000000")`},
		"exp as text below 1e11: read": {input: with(base, map[string]any{"exp": "99999999999"}), status: StatusWarn,
			want: map[string]any{"jwt.exp": "5138-11-16T09:46:39Z", "jwt.expired": false}, summary: "exp is written as text"},
	}
	checkReadings(t, JWT{}, cases)
}

// TestClaimTimeNumber reads a claim decoded as json.Number, as a decoder
// with UseNumber gives it.
func TestClaimTimeNumber(t *testing.T) {
	at := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	got, odd := claimTime(json.Number("1795082400"))
	if got == nil || !got.Equal(at) || odd != "" {
		t.Errorf("claimTime(json.Number) = %v, %q; want %v", got, odd, at)
	}
	if got, odd := claimTime(json.Number("soon")); got != nil || odd != "" {
		t.Errorf("claimTime(json.Number(soon)) = %v, %q; want nothing", got, odd)
	}
}

// TestRelativeAndSpan pins the words of the detail lines at each edge:
// "now" within a second, then seconds, minutes, hours, days.
func TestRelativeAndSpan(t *testing.T) {
	rel := map[time.Duration]string{
		0:                       "now",
		999 * time.Millisecond:  "now",
		-999 * time.Millisecond: "now",
		time.Second:             "in 1 s",
		-time.Second:            "1 s ago",
		-5 * time.Second:        "5 s ago",
		90 * time.Minute:        "in 1 h 30 min",
	}
	for d, want := range rel {
		if got := relative(testNow.Add(d), testNow); got != want {
			t.Errorf("relative(now%+v) = %q, want %q", d, got, want)
		}
	}
	spans := map[time.Duration]string{
		59 * time.Second:              "59 s",
		time.Minute:                   "1 min",
		59 * time.Minute:              "59 min",
		time.Hour:                     "1 h",
		47*time.Hour + 59*time.Minute: "47 h 59 min",
		48 * time.Hour:                "2 days",
	}
	for d, want := range spans {
		if got := span(d); got != want {
			t.Errorf("span(%v) = %q, want %q", d, got, want)
		}
	}
}
