package probes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JWT decodes a pasted access or ID token without verifying it, to answer
// "has it expired, is it for Graph, is it from the right tenant" in
// seconds. The token itself never leaves this probe: only claims and a
// fingerprint do.
type JWT struct{}

// Name returns "jwt".
func (JWT) Name() string { return "jwt" }

// Describe says what to paste.
func (JWT) Describe() Description {
	return Description{
		Title: "Decode a token",
		Paste: "an access or ID token (eyJ…), an Authorization: Bearer header, or a token response JSON",
	}
}

// Facts declares what the token's claims tell.
func (JWT) Facts() []FactSpec {
	return []FactSpec{
		{"jwt.fingerprint", FactString, "first 12 hex digits of the token's SHA-256, to tell tokens apart without storing them"},
		{"jwt.kind", FactString, "access or id, when the token says"},
		{"jwt.alg", FactString, "signing algorithm from the header"},
		{"jwt.expired", FactBool, "exp is in the past (UTC)"},
		{"jwt.expires_in", FactInt, "seconds until exp; negative once expired"},
		{"jwt.exp", FactString, "expiry time, RFC 3339 UTC"},
		{"jwt.iat", FactString, "issue time, RFC 3339 UTC"},
		{"jwt.nbf", FactString, "not-before time, RFC 3339 UTC"},
		{"jwt.lifetime_seconds", FactInt, "exp minus iat"},
		{"jwt.not_yet_valid", FactBool, "nbf is still ahead: a clock is off or the token is from the future"},
		{"jwt.iat_in_future", FactBool, "iat is more than a minute ahead of this machine's clock"},
		{"jwt.implied_skew_seconds", FactInt, "how far ahead iat is of this machine's clock, when it is"},
		{"jwt.aud", FactString, "audience: the API the token is for"},
		{"jwt.audience_is_graph", FactBool, "the audience is Microsoft Graph"},
		{"jwt.iss", FactString, "issuer"},
		{"jwt.version", FactString, "token version, 1.0 (sts.windows.net) or 2.0 (login.microsoftonline.com/…/v2.0)"},
		{"jwt.issuer_tenant", FactString, "tenant id inside the issuer URL"},
		{"jwt.tid", FactString, "tenant id claim"},
		{"jwt.tenant_matches_issuer", FactBool, "tid equals the tenant in the issuer"},
		{"jwt.appid", FactString, "client app id (appid or azp)"},
		{"jwt.scp", FactStrings, "delegated scopes"},
		{"jwt.roles", FactStrings, "application roles"},
		{"jwt.has_permissions", FactBool, "the token carries scopes or roles"},
		{"jwt.upn", FactString, "user (upn, preferred_username, unique_name or email)"},
		{"jwt.idtyp", FactString, "identity type: user or app"},
		{"jwt.decodable", FactBool, "false for encrypted (JWE) or opaque tokens"},
	}
}

// graphAudiences are Microsoft Graph's audience values, by URL and app id,
// including the national clouds.
var graphAudiences = map[string]bool{
	"https://graph.microsoft.com":              true,
	"00000003-0000-0000-c000-000000000000":     true,
	"https://graph.microsoft.us":               true,
	"https://dod-graph.microsoft.us":           true,
	"https://microsoftgraph.chinacloudapi.cn":  true,
	"https://graph.microsoft.de":               true,
	"https://canary.graph.microsoft.com":       true,
	"https://graph.microsoft.com/.default":     true,
	"https://graph.windows.net":                false, // Azure AD Graph, retired: not Microsoft Graph
	"00000002-0000-0000-c000-000000000000":     false,
	"https://management.azure.com":             false,
	"https://outlook.office.com":               false,
	"00000002-0000-0ff1-ce00-000000000000":     false,
	"https://api.spaces.skype.com":             false,
	"https://api.powerplatform.com":            false,
	"https://service.powerapps.com":            false,
	"https://vault.azure.net":                  false,
	"https://storage.azure.com":                false,
	"https://database.windows.net":             false,
	"https://api.botframework.com":             false,
	"https://manage.office.com":                false,
	"https://analysis.windows.net/powerbi/api": false,
}

var (
	jwtInText    = lazyRegexp(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,3}`)
	tokenChars   = lazyRegexp(`^[A-Za-z0-9_\-.~+/=!*]+$`)
	issuerTenant = lazyRegexp(`(?i)^https://(?:sts\.windows\.net|login\.microsoftonline\.(?:com|us)|login\.partner\.microsoftonline\.cn|login\.chinacloudapi\.cn)/([0-9a-z-]+)/(v2\.0)?`)
)

const maxToken = 256 << 10

// Run decodes the token.
func (p JWT) Run(_ context.Context, in Input) Result {
	const expected = "a token (three dot-separated parts starting eyJ), a Bearer header or a token response"
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	token, kind, err := extractToken(text)
	if err != nil {
		return Result{Status: StatusError, Summary: err.Error()}
	}
	if token == "" {
		return errorResult(expected, text)
	}
	return decodeJWT(token, kind, in.now())
}

// extractToken finds the token in what was pasted: a bare token, a Bearer
// header, quotes, a token response JSON or a token inside other text.
func extractToken(s string) (token, kind string, err error) {
	s = strings.TrimSpace(s)
	if len(s) > maxToken {
		return "", "", fmt.Errorf("the paste is %d KB: a token is at most a few KB; paste the token alone", len(s)>>10)
	}
	if strings.HasPrefix(s, "{") {
		var resp map[string]any
		if json.Unmarshal([]byte(s), &resp) == nil {
			for _, k := range []string{"access_token", "id_token"} {
				if v, ok := resp[k].(string); ok && v != "" {
					return strings.TrimSpace(v), strings.TrimSuffix(k, "_token"), nil
				}
			}
		}
	}
	if m := jwtInText().FindString(s); m != "" {
		return m, "", nil
	}
	s = strings.Trim(s, "\"'` \t\n")
	for _, prefix := range []string{"authorization:", "bearer "} {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			s = strings.TrimSpace(s[len(prefix):])
		}
	}
	s = strings.Trim(s, "\"'` \t\n")
	if len(s) >= 20 && !strings.ContainsAny(s, " \n\t") && tokenChars().MatchString(s) {
		return s, "", nil
	}
	return "", "", nil
}

func fingerprint(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])[:12]
}

func decodeJWT(token, kind string, now time.Time) Result {
	fp := fingerprint(token)
	parts := strings.Count(token, ".") + 1
	cannot := func(why string) Result {
		return Result{
			Status:  StatusUnavailable,
			Summary: "This token cannot be decoded here: " + why,
			Facts:   map[string]any{"jwt.fingerprint": fp, "jwt.decodable": false},
			Details: []string{"fingerprint sha256:" + fp},
		}
	}
	switch {
	case parts == 5:
		return cannot("it is encrypted (JWE, five parts). Only the API it was issued for can read it; check the error the API returned instead.")
	case parts == 1:
		return cannot("it is opaque (not a JWT). Tokens for personal Microsoft accounts and some first-party APIs look like this; check the error the API returned instead.")
	case parts != 3:
		return Result{Status: StatusError, Summary: fmt.Sprintf("Expected a token of three dot-separated parts, but this one has %d: it may have been cut when copied. Copy it again in one piece.", parts)}
	}
	claims := jwt.MapClaims{}
	tok, _, err := jwt.NewParser().ParseUnverified(token, claims)
	var notes []string
	if err != nil {
		if tok == nil || tok.Header == nil || len(claims) == 0 {
			return Result{Status: StatusError, Summary: "The token's header or claims could not be read: it is not a valid JWT, or it was cut when copied. Copy it again in one piece.",
				Facts: map[string]any{"jwt.fingerprint": fp}}
		}
		if errors.Is(err, jwt.ErrTokenUnverifiable) {
			notes = append(notes, "the signing algorithm is not one this tool knows; the claims are still shown")
		} else {
			notes = append(notes, "the signature part is damaged (cut short when copied?); the claims are still shown")
		}
	}
	return claimsResult(tok.Header, claims, kind, fp, now, notes)
}

func claimsResult(header map[string]any, c jwt.MapClaims, kind, fp string, now time.Time, notes []string) Result {
	f := map[string]any{"jwt.fingerprint": fp, "jwt.decodable": true}
	var details, warns []string
	status := StatusOK

	alg, _ := header["alg"].(string)
	kid, _ := header["kid"].(string)
	if alg != "" {
		f["jwt.alg"] = alg
	}
	details = append(details, fmt.Sprintf("header: alg %s, kid %s", orDash(alg), orDash(kid)))

	str := func(k string) string { s, _ := c[k].(string); return s }
	if kind == "" {
		if _, ok := c["scp"]; ok {
			kind = "access"
		} else if _, ok := c["roles"]; ok {
			kind = "access"
		} else if _, ok := c["nonce"]; ok {
			kind = "id"
		}
	}
	if kind != "" {
		f["jwt.kind"] = kind
	}

	exp, _ := c.GetExpirationTime()
	iat, _ := c.GetIssuedAt()
	nbf, _ := c.GetNotBefore()
	if iat != nil {
		f["jwt.iat"] = rfc(iat.Time)
		details = append(details, fmt.Sprintf("issued     %s (%s)", human(iat.Time), relative(iat.Time, now)))
		if d := iat.Time.Sub(now); d > time.Minute {
			f["jwt.iat_in_future"] = true
			f["jwt.implied_skew_seconds"] = int(d.Seconds())
			warns = append(warns, fmt.Sprintf("issued %s in the future: this machine's clock or the issuer's is off by about that much", span(d)))
		} else {
			f["jwt.iat_in_future"] = false
		}
	}
	if nbf != nil {
		f["jwt.nbf"] = rfc(nbf.Time)
		details = append(details, fmt.Sprintf("valid from %s (%s)", human(nbf.Time), relative(nbf.Time, now)))
		ahead := nbf.Time.After(now)
		f["jwt.not_yet_valid"] = ahead
		if ahead {
			status = StatusFail
			warns = append(warns, fmt.Sprintf("not valid for another %s: if the token was just issued, a clock is off by about that much", span(nbf.Time.Sub(now))))
			if _, ok := f["jwt.implied_skew_seconds"]; !ok {
				f["jwt.implied_skew_seconds"] = int(nbf.Time.Sub(now).Seconds())
			}
		}
	}
	expSummary := "no expiry (exp) claim"
	if exp != nil {
		in := exp.Time.Sub(now)
		f["jwt.exp"] = rfc(exp.Time)
		f["jwt.expires_in"] = int(in.Seconds())
		f["jwt.expired"] = in <= 0
		if in <= 0 {
			status = StatusFail
			expSummary = fmt.Sprintf("expired %s ago (%s)", span(-in), human(exp.Time))
		} else {
			expSummary = fmt.Sprintf("valid for another %s (until %s)", span(in), human(exp.Time))
		}
		details = append(details, fmt.Sprintf("expires    %s (%s)", human(exp.Time), relative(exp.Time, now)))
		if iat != nil {
			life := exp.Time.Sub(iat.Time)
			f["jwt.lifetime_seconds"] = int(life.Seconds())
			details = append(details, "lifetime   "+span(life))
		}
	}

	auds, _ := c.GetAudience()
	if len(auds) > 0 {
		f["jwt.aud"] = strings.Join(auds, ", ")
		isGraph := false
		for _, a := range auds {
			if graphAudiences[strings.TrimSuffix(strings.ToLower(a), "/")] {
				isGraph = true
			}
		}
		f["jwt.audience_is_graph"] = isGraph
		if isGraph {
			details = append(details, "audience   "+strings.Join(auds, ", ")+" (Microsoft Graph)")
		} else {
			details = append(details, "audience   "+strings.Join(auds, ", ")+" (not Microsoft Graph)")
			warns = append(warns, "the audience is not Microsoft Graph: Graph rejects this token, even unexpired")
		}
	}

	iss := str("iss")
	tid := str("tid")
	if iss != "" {
		f["jwt.iss"] = iss
		ver := str("ver")
		m := issuerTenant().FindStringSubmatch(iss)
		if ver == "" && m != nil {
			ver = "1.0"
			if m[2] != "" {
				ver = "2.0"
			}
		}
		if ver != "" {
			f["jwt.version"] = ver
		}
		line := "issuer     " + iss
		if ver != "" {
			line += " (v" + ver + ")"
		}
		details = append(details, line)
		if m != nil {
			f["jwt.issuer_tenant"] = m[1]
			if tid != "" {
				match := strings.EqualFold(m[1], tid)
				f["jwt.tenant_matches_issuer"] = match
				if !match {
					warns = append(warns, fmt.Sprintf("the tenant claim %s does not match the issuer's tenant %s", tid, m[1]))
				}
			}
		}
	}
	if tid != "" {
		f["jwt.tid"] = tid
		details = append(details, "tenant     "+tid)
	}
	app := str("appid")
	if app == "" {
		app = str("azp")
	}
	if app != "" {
		f["jwt.appid"] = app
		name := str("app_displayname")
		if name != "" {
			app += " (" + name + ")"
		}
		details = append(details, "app        "+app)
	}
	scp := strings.Fields(str("scp"))
	roles := stringList(c["roles"])
	if len(scp) > 0 {
		f["jwt.scp"] = scp
		details = append(details, "scopes     "+strings.Join(scp, " "))
	}
	if len(roles) > 0 {
		f["jwt.roles"] = roles
		details = append(details, "roles      "+strings.Join(roles, " "))
	}
	hasPerms := len(scp) > 0 || len(roles) > 0
	f["jwt.has_permissions"] = hasPerms
	if !hasPerms && kind != "id" {
		warns = append(warns, "no scopes (scp) or roles: an API will refuse this token for lack of permissions")
	}
	for _, k := range []string{"upn", "preferred_username", "unique_name", "email"} {
		if u := str(k); u != "" {
			f["jwt.upn"] = u
			details = append(details, "user       "+u)
			break
		}
	}
	if id := str("idtyp"); id != "" {
		f["jwt.idtyp"] = id
		details = append(details, "identity   "+id)
	}
	details = append(details, "fingerprint sha256:"+fp)

	if len(warns) > 0 && status == StatusOK {
		status = StatusWarn
	}
	for _, w := range warns {
		details = append(details, "warning: "+w)
	}
	for _, n := range notes {
		details = append(details, "note: "+n)
	}

	what := "Token"
	switch kind {
	case "access":
		what = "Access token"
	case "id":
		what = "ID token"
	}
	if v, ok := f["jwt.version"].(string); ok {
		what += " v" + v
	}
	if a, ok := f["jwt.aud"].(string); ok {
		if f["jwt.audience_is_graph"] == true {
			what += " for Microsoft Graph"
		} else {
			what += " for " + shorten(a, 40)
		}
	}
	summary := what + ", " + expSummary
	if len(warns) > 0 {
		summary += "; " + warns[0]
		if len(warns) > 1 {
			summary += fmt.Sprintf(" (+%d more)", len(warns)-1)
		}
	}
	return Result{Status: status, Summary: endSentence(summary), Facts: f, Details: details}
}

func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return strings.Fields(x)
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func human(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// relative says how far t is from now in words: "3 h 12 min ago".
func relative(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d > -time.Second && d < time.Second:
		return "now"
	case d < 0:
		return span(-d) + " ago"
	}
	return "in " + span(d)
}

// span writes a duration the way an operator reads it aloud.
func span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		h := int(d.Hours())
		m := int(d.Minutes()) - h*60
		if m == 0 {
			return fmt.Sprintf("%d h", h)
		}
		return fmt.Sprintf("%d h %d min", h, m)
	}
	days := int(d.Hours() / 24)
	return fmt.Sprintf("%d days", days)
}
