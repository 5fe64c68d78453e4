package probes

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	testTenant  = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	otherTenant = "9122040d-6c67-4c5b-b112-36a304b66dad"
	graphAppID  = "00000003-0000-0000-c000-000000000000"
)

var testKey = []byte("deskside-test-key-not-a-secret-anywhere")

// makeToken signs claims with the test key, the way a test stands in for
// Entra ID.
func makeToken(t testing.TB, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(testKey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func v2Claims(aud string, iat, exp time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"aud": aud, "iss": "https://login.microsoftonline.com/" + testTenant + "/v2.0",
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": exp.Unix(), "tid": testTenant,
		"ver": "2.0", "azp": "11111111-2222-3333-4444-555555555555", "scp": "User.Read Chat.ReadWrite",
		"preferred_username": "adele@contoso.example", "idtyp": "user",
	}
}

func TestJWT(t *testing.T) {
	hourAgo, inHour := testNow.Add(-time.Hour), testNow.Add(time.Hour)
	valid := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-10*time.Minute), inHour))
	expired := makeToken(t, v2Claims(graphAppID, testNow.Add(-4*time.Hour), testNow.Add(-(3*time.Hour+12*time.Minute))))
	notYet := v2Claims("https://graph.microsoft.com", testNow.Add(20*time.Minute), testNow.Add(80*time.Minute))
	v1 := jwt.MapClaims{"aud": "https://graph.microsoft.com", "iss": "https://sts.windows.net/" + testTenant + "/",
		"iat": hourAgo.Unix(), "exp": inHour.Unix(), "tid": testTenant, "appid": "abc", "roles": []string{"Sites.Read.All", "User.Read.All"}, "idtyp": "app"}
	mismatch := v2Claims("https://graph.microsoft.com", hourAgo, inHour)
	mismatch["tid"] = otherTenant
	noPerms := v2Claims("api://my-api", hourAgo, inHour)
	delete(noPerms, "scp")

	cases := map[string]probeCase{
		"valid graph v2": {input: valid, status: StatusOK, want: map[string]any{
			"jwt.expired": false, "jwt.expires_in": 3600, "jwt.audience_is_graph": true, "jwt.version": "2.0",
			"jwt.tid": testTenant, "jwt.tenant_matches_issuer": true, "jwt.scp": []string{"User.Read", "Chat.ReadWrite"},
			"jwt.upn": "adele@contoso.example", "jwt.appid": "11111111-2222-3333-4444-555555555555", "jwt.idtyp": "user",
			"jwt.not_yet_valid": false, "jwt.iat_in_future": false, "jwt.lifetime_seconds": 4200, "jwt.kind": "access",
			"jwt.exp": "2026-11-23T13:00:00Z", "jwt.alg": "HS256", "jwt.has_permissions": true,
		}, summary: "valid for another 1 h"},
		"expired by app id audience": {input: expired, status: StatusFail, want: map[string]any{
			"jwt.expired": true, "jwt.expires_in": -(3*3600 + 12*60), "jwt.audience_is_graph": true,
		}, summary: "expired 3 h 12 min ago"},
		"not yet valid": {input: makeToken(t, notYet), status: StatusFail, want: map[string]any{
			"jwt.not_yet_valid": true, "jwt.iat_in_future": true, "jwt.implied_skew_seconds": 1200, "jwt.expired": false,
		}, summary: "issued 20 min in the future"},
		"v1 app token with roles": {input: makeToken(t, v1), status: StatusOK, want: map[string]any{
			"jwt.version": "1.0", "jwt.issuer_tenant": testTenant, "jwt.roles": []string{"Sites.Read.All", "User.Read.All"},
			"jwt.has_permissions": true, "jwt.idtyp": "app", "jwt.appid": "abc",
		}, absent: []string{"jwt.scp", "jwt.nbf"}},
		"tenant mismatch": {input: makeToken(t, mismatch), status: StatusWarn, want: map[string]any{
			"jwt.tenant_matches_issuer": false, "jwt.tid": otherTenant, "jwt.issuer_tenant": testTenant,
		}, summary: "does not match the issuer's tenant"},
		"not graph, no permissions": {input: makeToken(t, noPerms), status: StatusWarn, want: map[string]any{
			"jwt.audience_is_graph": false, "jwt.has_permissions": false, "jwt.aud": "api://my-api",
		}, summary: "audience is not Microsoft Graph"},
		"bearer header":        {input: "Authorization: Bearer " + valid, status: StatusOK, want: map[string]any{"jwt.expired": false}},
		"quoted":               {input: "  \"" + valid + "\"\n", status: StatusOK, want: map[string]any{"jwt.expired": false}},
		"token response":       {input: `{"token_type":"Bearer","expires_in":3599,"access_token":"` + valid + `","refresh_token":"0.AXoA-not-a-real-one"}`, status: StatusOK, want: map[string]any{"jwt.kind": "access"}},
		"id token in response": {input: `{"id_token":"` + valid + `"}`, status: StatusOK, want: map[string]any{"jwt.kind": "id"}},
		"in a log line":        {input: "DEBUG sending header Authorization=Bearer " + valid + " to graph", status: StatusOK, want: map[string]any{"jwt.expired": false}},

		"two parts":  {input: strings.Join(strings.Split(valid, ".")[:2], "."), status: StatusError, summary: "has 2"},
		"five parts": {input: "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ", status: StatusUnavailable, want: map[string]any{"jwt.decodable": false}, summary: "encrypted (JWE"},
		"opaque":     {input: "EwBwA8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAT2ZOfT7Ur0sSLkK2gFAAMCexMHjm", status: StatusUnavailable, want: map[string]any{"jwt.decodable": false}, summary: "opaque"},
		"garbage":    {input: "this is not a token at all", status: StatusError, summary: "Expected a token"},
		"bad claims": {input: "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", status: StatusError, summary: "could not be read"},
		"one MiB":    {input: "eyJ" + strings.Repeat("A", 1<<20), status: StatusError, summary: "paste the token alone"},

		"sample v1 access token": {input: sample(t, "jwt/msdocs_access_token_v1.jwt"), status: StatusFail, want: map[string]any{
			"jwt.expired": true, "jwt.aud": "ef1da9d4-ff77-4c3e-a005-840c3f830745", "jwt.audience_is_graph": false,
			"jwt.iss": "https://sts.windows.net/fa15d692-e9c7-4460-a743-29f29522229/", "jwt.version": "1.0",
			"jwt.issuer_tenant": "fa15d692-e9c7-4460-a743-29f29522229", "jwt.tid": "fa15d692-e9c7-4460-a743-29f2956fd429",
			"jwt.tenant_matches_issuer": false, "jwt.scp": []string{"user_impersonation"}, "jwt.upn": "abeli@microsoft.com",
			"jwt.appid": "75dbe77f-10a3-4e59-85fd-8c127544f17c", "jwt.iat": "2018-09-18T01:11:46Z", "jwt.exp": "2018-09-18T02:16:46Z",
			"jwt.lifetime_seconds": 3900, "jwt.alg": "RS256", "jwt.kind": "access",
		}},
		"sample v2 id token": {input: sample(t, "jwt/msdocs_id_token_v2.jwt"), status: StatusFail, want: map[string]any{
			"jwt.expired": true, "jwt.version": "2.0", "jwt.kind": "id", "jwt.tid": "9122040d-6c67-4c5b-b112-36a304b66dad",
			"jwt.tenant_matches_issuer": true, "jwt.upn": "AbeLi@microsoft.com", "jwt.aud": "6cb04018-a3f5-46a7-b995-940c78f5aef3",
			"jwt.exp": "2018-09-07T23:03:31Z", "jwt.has_permissions": false,
		}},
	}
	runCases(t, JWT{}, cases)
}

// TestJWTNeverReturnsTheToken checks that no part of a token's signature
// or payload survives into the result: only claims and a fingerprint do.
func TestJWTNeverReturnsTheToken(t *testing.T) {
	tok := makeToken(t, v2Claims("https://graph.microsoft.com", testNow, testNow.Add(time.Hour)))
	parts := strings.Split(tok, ".")
	r := JWT{}.Run(context.Background(), Input{Text: "Bearer " + tok, Now: clock})
	all := r.Summary + strings.Join(r.Details, "\n")
	for _, v := range r.Facts {
		all += fmt.Sprint(v)
	}
	for _, p := range parts {
		if strings.Contains(all, p) {
			t.Fatalf("a part of the token appears in the result: %q", p[:12])
		}
	}
	if fp, _ := r.Facts["jwt.fingerprint"].(string); len(fp) != 12 {
		t.Errorf("fingerprint %q, want 12 hex digits", fp)
	}
}

func TestSpan(t *testing.T) {
	cases := map[time.Duration]string{
		42 * time.Second:                "42 s",
		3 * time.Minute:                 "3 min",
		3*time.Hour + 12*time.Minute:    "3 h 12 min",
		2 * time.Hour:                   "2 h",
		-(26*time.Hour + 5*time.Minute): "26 h 5 min",
		9 * 24 * time.Hour:              "9 days",
	}
	for d, want := range cases {
		if got := span(d); got != want {
			t.Errorf("span(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestJWTAsPasted covers tokens as documentation and chat windows show
// them, and the time a token is judged at.
func TestJWTAsPasted(t *testing.T) {
	claims := v2Claims("https://graph.microsoft.com", testNow.Add(-time.Hour), testNow.Add(-10*time.Minute))
	tok := makeToken(t, claims)
	parts := strings.Split(tok, ".")
	stringTimes := jwt.MapClaims{}
	for k, v := range claims {
		stringTimes[k] = v
	}
	stringTimes["exp"] = fmt.Sprint(testNow.Add(time.Hour).Unix())
	stringTimes["iat"] = testNow.Add(-time.Hour).Format(time.RFC3339)
	cases := map[string]probeCase{
		"padded parts": {input: parts[0] + "==." + parts[1] + "=." + parts[2], status: StatusFail,
			want: map[string]any{"jwt.expired": true, "jwt.exp": "2026-11-23T11:50:00Z"}},
		"broken across lines by a chat window": {input: "here it is:\n" + tok[:50] + "\n" + tok[50:120] + "\n" + tok[120:] + "\nthanks", status: StatusFail,
			want: map[string]any{"jwt.expired": true, "jwt.fingerprint": fingerprint(tok)}},
		"times written as strings": {input: makeToken(t, stringTimes), status: StatusWarn,
			want:    map[string]any{"jwt.expired": false, "jwt.exp": "2026-11-23T13:00:00Z", "jwt.iat": "2026-11-23T11:00:00Z", "jwt.lifetime_seconds": 7200},
			summary: "the issuer did something unusual"},
		"judged at the Date header of the failing call": {input: "HTTP/1.1 401 Unauthorized\nDate: Mon, 23 Nov 2026 11:45:00 GMT\nAuthorization: Bearer " + tok, status: StatusOK,
			want:    map[string]any{"jwt.expired": false, "jwt.expires_in": 300, "jwt.checked_at": "Date header 2026-11-23T11:45:00Z"},
			summary: "at the failing call"},
		"judged at the error's timestamp": {input: "Bearer " + tok + "\nTimestamp: 2026-11-23 11:55:00Z", status: StatusFail,
			want: map[string]any{"jwt.expired": true, "jwt.expires_in": -300, "jwt.checked_at": "error timestamp 2026-11-23T11:55:00Z"}},
		"judged now without a time":                   {input: tok, status: StatusFail, want: map[string]any{"jwt.expires_in": -600}, absent: []string{"jwt.checked_at"}},
		"second token on the next line is not joined": {input: tok + "\n" + tok, status: StatusFail, want: map[string]any{"jwt.fingerprint": fingerprint(tok)}},
		"sentence full stop after the token":          {input: "the token is " + tok + ".", status: StatusFail, want: map[string]any{"jwt.fingerprint": fingerprint(tok)}},
	}
	runCases(t, JWT{}, cases)
}
