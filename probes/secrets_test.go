package probes

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestNoSecretInSummary feeds every check pastes that carry a token, a
// refresh token, a client secret, a password or an Authorization header,
// at its own step and among every check, and fails when a summary
// repeats any eight characters running of a secret. Summaries are shown
// on a shared screen and written to the journal as they are.
func TestNoSecretInSummary(t *testing.T) {
	tok := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-time.Hour), testNow.Add(-10*time.Minute)))
	refresh := "0.AXEAm9sE-zHmnUKq7tUhH1mHQ3j9b4KQnWlBv3Sn5xkPq2cBAFs.AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wUA9P9Lw"
	secret := "Qx~8Q~fZb3sLkW9v.yT2mNcR4pJhU7eXa1dGo"
	password := "Winter2026!Spring"
	secrets := []string{tok, tok[strings.LastIndexByte(tok, '.')+1:], refresh, secret, password}
	pastes := map[string]string{
		"a bare token":             tok,
		"a bearer header":          "GET https://graph.microsoft.com/v1.0/me HTTP/1.1\nAuthorization: Bearer " + tok + "\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"",
		"a token response":         `{"token_type":"Bearer","scope":"openid profile offline_access User.Read","expires_in":3599,"access_token":"` + tok + `","refresh_token":"` + refresh + `"}`,
		"a refresh request":        "POST /organizations/oauth2/v2.0/token HTTP/1.1\n\ngrant_type=refresh_token&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&refresh_token=" + refresh + "&client_secret=" + secret,
		"a ROPC request":           "curl -X POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token -d 'grant_type=password&username=adele@contoso.com&password=" + password + "&client_secret=" + secret + "'",
		"a password first":         password,
		"a refresh token only":     refresh,
		"an error with the secret": `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value. client_secret=` + secret + `","error_codes":[7000215]}`,
	}
	ps := Builtin().All()
	for name, paste := range pastes {
		t.Run(name, func(t *testing.T) {
			in := Input{Text: paste, Now: clock, OS: "linux"}
			var summaries []string
			for _, p := range ps {
				if TakesPaste(p) {
					summaries = append(summaries, p.Name()+": "+p.Run(context.Background(), in).Summary)
				}
			}
			for _, rd := range ReadAny(context.Background(), ps, in) {
				summaries = append(summaries, rd.Probe+" among all: "+rd.Result.Summary)
			}
			for _, s := range summaries {
				for _, sec := range secrets {
					if w := sharedRun(s, sec, 8); w != "" {
						t.Errorf("%s\n  repeats %q of a secret", s, w)
					}
				}
			}
		})
	}
}

// sharedRun returns the first n characters running of secret that s holds.
func sharedRun(s, secret string, n int) string {
	for i := 0; i+n <= len(secret); i++ {
		if strings.Contains(s, secret[i:i+n]) {
			return secret[i : i+n]
		}
	}
	return ""
}
