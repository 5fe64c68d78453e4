package probes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
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
		Title:   "Decode a token",
		Paste:   "an access or ID token (eyJ…), an Authorization: Bearer header, or a token response JSON",
		Example: "Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOi…",
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
		{"jwt.token_count", FactInt, "how many different tokens the paste holds, set only when there are several: the other facts are the last one's"},
		{"jwt.checked_at", FactString, "the time of the failing call that exp was compared with (a Date header, an error timestamp), when the paste carries one; unset means now"},
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
	if token.text == "" {
		return errorResult(expected, text)
	}
	var others []foundToken
	if kind == "" {
		if all := findJWTs(text); len(all) > 1 {
			// the last that can be read: a token cut when copied after a
			// whole one is a slip, not the token in question.
			pick := len(all) - 1
			for k := len(all) - 1; k >= 0; k-- {
				if _, err := DecodeJWT(all[k].text); err == nil || errors.Is(err, ErrEncryptedToken) {
					pick = k
					break
				}
			}
			token = all[pick]
			others = slices.Delete(slices.Clone(all), pick, pick+1)
		}
	}
	ref := referenceTime(text, in.now())
	r := decodeToken(token.text, kind, ref)
	if token.joined && r.Status != StatusError {
		r.Details = append(r.Details, "note: the token was broken across lines when copied; the pieces were joined")
	}
	if len(others) > 0 && r.Status != StatusError {
		n := len(others) + 1
		if r.Facts == nil {
			r.Facts = map[string]any{}
		}
		r.Facts["jwt.token_count"] = n
		r.Summary = endSentence(strings.TrimSuffix(r.Summary, ".") + fmt.Sprintf(" (the last readable of %d tokens in the paste)", n))
		r.Details = append(r.Details, fmt.Sprintf("the paste holds %d different tokens: this reading is of the last one that can be read, at line %d", n, token.line))
		for _, o := range others {
			r.Details = append(r.Details, fmt.Sprintf("also in the paste: a token at line %d, fingerprint sha256:%s", o.line, fingerprint(o.text)))
		}
	}
	return r
}

// maxTokens bounds how many tokens a paste is searched for.
const maxTokens = 16

// findJWTs finds the different tokens of a paste, in order, each where it
// is last pasted: a log with a retry, or a request and its replay, shows
// the token of each call, and the last is usually the one in question. A
// token pasted twice is one token. Fewer than two means there is no choice
// to make.
func findJWTs(s string) []foundToken {
	var out []foundToken
	from, counted, line := 0, 0, 1
	for tries := 0; tries < 4*maxTokens && from < len(s); tries++ {
		i := strings.Index(s[from:], "eyJ")
		if i < 0 {
			break
		}
		at := from + i
		t := scanJWT(s[at:])
		if strings.Count(t.text, ".") < 1 || len(t.text) > maxToken {
			from = at + 3
			continue
		}
		line += strings.Count(s[counted:at], "\n")
		counted = at
		t.line = line
		out = slices.DeleteFunc(out, func(o foundToken) bool { return o.text == t.text })
		if out = append(out, t); len(out) > maxTokens {
			out = out[1:]
		}
		from = at + max(t.raw, 3)
	}
	return out
}

// foundToken is a token found in a paste.
type foundToken struct {
	text   string
	joined bool // it was broken across lines and its pieces were joined
	line   int  // 1-based line where it starts, when findJWTs found it
	raw    int  // bytes of the paste it spans, line breaks included
}

// extractToken finds the token in what was pasted: a bare token, a Bearer
// header, quotes, a token response JSON or a token inside other text.
func extractToken(s string) (tok foundToken, kind string, err error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") && len(s) <= maxToken {
		var resp map[string]any
		if json.Unmarshal([]byte(s), &resp) == nil {
			for _, k := range []string{"access_token", "id_token"} {
				if v, ok := resp[k].(string); ok && v != "" {
					return foundToken{text: strings.TrimSpace(v)}, strings.TrimSuffix(k, "_token"), nil
				}
			}
		}
	}
	if t, ok := findJWT(s); ok {
		if len(t.text) > maxToken {
			return foundToken{}, "", fmt.Errorf("the token-like text is %d KB: a token is at most a few KB; paste the token alone", len(t.text)>>10)
		}
		return t, "", nil
	}
	if len(s) > maxToken {
		return foundToken{}, "", nil
	}
	s = strings.Trim(s, "\"'` \t\n")
	for _, prefix := range []string{"authorization:", "bearer "} {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			s = strings.TrimSpace(s[len(prefix):])
		}
	}
	s = strings.Trim(s, "\"'` \t\n")
	if len(s) >= 20 && !strings.ContainsAny(s, " \n\t") && tokenChars().MatchString(s) {
		return foundToken{text: s}, "", nil
	}
	return foundToken{}, "", nil
}

// findJWT finds the first text that starts like a JWT (eyJ, a JSON object
// in base64url) and has at least two parts. A token a chat window broke
// across lines is joined again: a line that ends inside the token carries
// on with the next, as long as the token is not complete yet or the next
// line holds nothing but the token's end.
func findJWT(s string) (foundToken, bool) {
	from := 0
	for {
		i := strings.Index(s[from:], "eyJ")
		if i < 0 {
			return foundToken{}, false
		}
		t := scanJWT(s[from+i:])
		if strings.Count(t.text, ".") >= 1 || len(t.text) > maxToken {
			return t, true
		}
		from += i + 3
	}
}

func isTokenByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '='
}

func scanJWT(s string) foundToken {
	var out foundToken
	var b strings.Builder
	j := 0
	for b.Len() <= maxToken {
		k := j
		for k < len(s) && isTokenByte(s[k]) {
			k++
		}
		b.WriteString(s[j:k])
		j = k
		brk := lineBreakLen(s[j:])
		if brk == 0 {
			break
		}
		cont := s[j+brk:]
		n := 0
		for n < len(cont) && isTokenByte(cont[n]) {
			n++
		}
		if n == 0 {
			break
		}
		if sofar := b.String(); strings.Count(sofar, ".") >= 2 &&
			(strings.HasPrefix(cont, "eyJ") || !onlyClosers(cont[n:]) || fullSignature(sofar[strings.LastIndexByte(sofar, '.')+1:])) {
			break
		}
		out.joined = true
		j += brk
	}
	t := b.String()
	for strings.HasSuffix(t, ".") && strings.Count(t, ".") > 2 {
		t = t[:len(t)-1]
	}
	out.text = t
	out.raw = j
	return out
}

// signatureLengths are the lengths in base64url of the signatures JWTs
// carry: HMAC (32, 48, 64 bytes), ECDSA (64, 96, 132) and RSA (256, 384,
// 512). A signature of one of these lengths is complete, so the next line
// is not part of the token.
var signatureLengths = []int{43, 64, 86, 128, 176, 342, 512, 683}

func fullSignature(sig string) bool {
	return slices.Contains(signatureLengths, len(strings.TrimRight(sig, "=")))
}

// lineBreakLen is the length of a line break at the start of s, with the
// spaces around it and a chat quote mark ("> ") after it; 0 if s does not
// start with one.
func lineBreakLen(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) || s[i] != '\n' {
		return 0
	}
	i++
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '>') {
		i++
	}
	return i
}

// onlyClosers reports whether the rest of a line is only what may close a
// quoted token: quotes, commas, brackets and spaces.
func onlyClosers(s string) bool {
	for i := 0; i < len(s) && s[i] != '\n'; i++ {
		if !strings.ContainsRune("\"'`,;}] \t", rune(s[i])) {
			return false
		}
	}
	return true
}

func fingerprint(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])[:12]
}

// reference is the time a token's dates are compared with: the time of the
// failing call when the paste carries it, otherwise now.
type reference struct {
	at   time.Time
	what string // "Date header 2026-11-19T10:01:00Z", "now"
}

// referenceTime finds the time of the failing call in a paste that carries
// a token with its response (a Date header) or its error (an AADSTS
// timestamp), so that "expired" means expired when the call failed.
func referenceTime(text string, now time.Time) reference {
	if m := reDateHeader().FindStringSubmatch(text); m != nil {
		if t, ok := parseAnyTime(m[1]); ok {
			return reference{t, "Date header " + rfc(t)}
		}
	}
	if m := reTimestamp().FindStringSubmatch(text); m != nil {
		if t, err := time.Parse("2006-01-02 15:04:05", m[1]+" "+m[2]); err == nil {
			return reference{t, "error timestamp " + rfc(t)}
		}
	}
	return reference{now, "now"}
}

func decodeToken(token, kind string, ref reference) Result {
	fp := fingerprint(token)
	cannot := func(why string) Result {
		return Result{
			Status:  StatusUnavailable,
			Summary: "This token cannot be decoded here: " + why,
			Facts:   map[string]any{"jwt.fingerprint": fp, "jwt.decodable": false},
			Details: []string{"fingerprint sha256:" + fp},
		}
	}
	parts := strings.Count(token, ".") + 1
	if parts == 1 {
		return cannot("it is opaque (not a JWT). Tokens for personal Microsoft accounts and some first-party APIs look like this; check the error the API returned instead.")
	}
	d, err := DecodeJWT(token)
	if errors.Is(err, ErrEncryptedToken) {
		return cannot("it is encrypted (JWE, five parts). Only the API it was issued for can read it; check the error the API returned instead.")
	}
	if errors.Is(err, ErrNotJWT) {
		return Result{Status: StatusError, Summary: fmt.Sprintf("Expected a token of three dot-separated parts, but this one has %d: it may have been cut when copied. Copy it again in one piece.", parts)}
	}
	if err != nil {
		return Result{Status: StatusError, Summary: "The token's header or claims could not be read: it is not a valid JWT, or it was cut when copied. Copy it again in one piece.",
			Facts: map[string]any{"jwt.fingerprint": fp}}
	}
	return claimsResult(d.Header, d.Claims, kind, fp, ref, d.Notes)
}

// tokenClaims is what claimsResult reads from a token before judging it.
type tokenClaims struct {
	alg, kid, kind          string
	exp, iat, nbf           *time.Time
	oddTimes                []string // claims written in an unusual way
	auds                    []string
	iss, ver, tid, upn      string
	app, appName, idtyp     string
	scp, roles              []string
	issuerTenant, issuerVer string
}

// readClaims parses the claims deskside uses.
func readClaims(header, c map[string]any, kind string) tokenClaims {
	str := func(k string) string { s, _ := c[k].(string); return s }
	tc := tokenClaims{kind: kind, iss: str("iss"), ver: str("ver"), tid: str("tid"), idtyp: str("idtyp"),
		app: str("appid"), appName: str("app_displayname"), scp: strings.Fields(str("scp")), roles: stringList(c["roles"])}
	tc.alg, _ = header["alg"].(string)
	tc.kid, _ = header["kid"].(string)
	if tc.app == "" {
		tc.app = str("azp")
	}
	if tc.kind == "" {
		if _, ok := c["scp"]; ok {
			tc.kind = "access"
		} else if _, ok := c["roles"]; ok {
			tc.kind = "access"
		} else if _, ok := c["nonce"]; ok {
			tc.kind = "id"
		}
	}
	for _, k := range []struct {
		name string
		to   **time.Time
	}{{"iat", &tc.iat}, {"nbf", &tc.nbf}, {"exp", &tc.exp}} {
		t, odd := claimTime(c[k.name])
		*k.to = t
		if odd != "" {
			tc.oddTimes = append(tc.oddTimes, k.name+" "+odd)
		}
	}
	switch a := c["aud"].(type) {
	case string:
		if a != "" {
			tc.auds = []string{a}
		}
	case []any:
		tc.auds = stringList(a)
	}
	for _, k := range []string{"upn", "preferred_username", "unique_name", "email"} {
		if u := str(k); u != "" {
			tc.upn = u
			break
		}
	}
	if m := issuerTenant().FindStringSubmatch(tc.iss); m != nil {
		tc.issuerTenant = m[1]
		tc.issuerVer = "1.0"
		if m[2] != "" {
			tc.issuerVer = "2.0"
		}
	}
	return tc
}

// claimTime reads a NumericDate claim. A number is the norm; a string of
// digits or an RFC 3339 time is read too, with a word saying the issuer
// wrote it unusually.
func claimTime(v any) (*time.Time, string) {
	switch x := v.(type) {
	case float64:
		t := time.Unix(int64(x), 0).UTC()
		return &t, ""
	case json.Number:
		if f, err := x.Float64(); err == nil {
			t := time.Unix(int64(f), 0).UTC()
			return &t, ""
		}
	case string:
		s := strings.TrimSpace(x)
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 1e11 {
			t := time.Unix(int64(f), 0).UTC()
			return &t, fmt.Sprintf("is written as text (%q), not as a number", Shorten(s, 24))
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			t = t.UTC()
			return &t, fmt.Sprintf("is written as a date (%q), not as seconds since 1970", Shorten(s, 32))
		}
		if s != "" {
			return nil, fmt.Sprintf("could not be read (%q)", Shorten(s, 24))
		}
	}
	return nil, ""
}

func claimsResult(header map[string]any, c map[string]any, kind, fp string, ref reference, notes []string) Result {
	tc := readClaims(header, c, kind)
	b := newBuilder("warning")
	b.countMore = true
	b.set("jwt.fingerprint", fp)
	b.set("jwt.decodable", true)
	b.setString("jwt.alg", tc.alg)
	b.detailf("header: alg %s, kid %s", orDash(tc.alg), orDash(tc.kid))
	b.setString("jwt.kind", tc.kind)
	expSummary := tokenTimes(b, tc, ref)
	tokenIdentity(b, tc)
	tokenPermissions(b, tc)
	b.detail("fingerprint sha256:" + fp)
	for _, odd := range tc.oddTimes {
		b.problem(StatusWarn, odd+": the issuer did something unusual; the time was read anyway")
	}
	for _, n := range notes {
		b.note(n)
	}
	return b.result(tokenHeadline(b, tc) + ", " + expSummary)
}

// tokenTimes sets the time facts, compared with ref, and returns what the
// summary says of the expiry.
func tokenTimes(b *builder, tc tokenClaims, ref reference) string {
	now := ref.at
	if ref.what != "now" {
		b.set("jwt.checked_at", ref.what)
	}
	if tc.iat != nil {
		b.set("jwt.iat", rfc(*tc.iat))
		b.detailf("issued     %s (%s)", human(*tc.iat), relative(*tc.iat, now))
		d := tc.iat.Sub(now)
		b.set("jwt.iat_in_future", d > time.Minute)
		if d > time.Minute {
			b.set("jwt.implied_skew_seconds", int(d.Seconds()))
			b.problem(StatusWarn, fmt.Sprintf("issued %s in the future: this machine's clock or the issuer's is off by about that much", span(d)))
		}
	}
	if tc.nbf != nil {
		b.set("jwt.nbf", rfc(*tc.nbf))
		b.detailf("valid from %s (%s)", human(*tc.nbf), relative(*tc.nbf, now))
		ahead := tc.nbf.After(now)
		b.set("jwt.not_yet_valid", ahead)
		if ahead {
			b.problem(StatusFail, fmt.Sprintf("not valid for another %s: if the token was just issued, a clock is off by about that much", span(tc.nbf.Sub(now))))
			if !b.has("jwt.implied_skew_seconds") {
				b.set("jwt.implied_skew_seconds", int(tc.nbf.Sub(now).Seconds()))
			}
		}
	}
	if tc.exp == nil {
		return "no expiry (exp) claim"
	}
	in := tc.exp.Sub(now)
	b.set("jwt.exp", rfc(*tc.exp))
	b.set("jwt.expires_in", int(in.Seconds()))
	b.set("jwt.expired", in <= 0)
	when := ""
	if ref.what != "now" {
		when = " at the failing call (" + ref.what + ")"
		b.detail("compared  with the " + ref.what + ", the time of the failing call")
	}
	b.detailf("expires    %s (%s)", human(*tc.exp), relative(*tc.exp, now))
	if tc.iat != nil {
		life := tc.exp.Sub(*tc.iat)
		b.set("jwt.lifetime_seconds", int(life.Seconds()))
		b.detail("lifetime   " + span(life))
	}
	if in <= 0 {
		b.raise(StatusFail)
		return fmt.Sprintf("expired %s ago%s (%s)", span(-in), when, human(*tc.exp))
	}
	return fmt.Sprintf("valid for another %s%s (until %s)", span(in), when, human(*tc.exp))
}

// tokenIdentity sets what the token is for and whom: audience, issuer,
// tenant, app and user.
func tokenIdentity(b *builder, tc tokenClaims) {
	if len(tc.auds) > 0 {
		aud := strings.Join(tc.auds, ", ")
		b.set("jwt.aud", aud)
		isGraph := false
		for _, a := range tc.auds {
			if graphAudiences[strings.TrimSuffix(strings.ToLower(a), "/")] {
				isGraph = true
			}
		}
		b.set("jwt.audience_is_graph", isGraph)
		if isGraph {
			b.detail("audience   " + aud + " (Microsoft Graph)")
		} else {
			b.detail("audience   " + aud + " (not Microsoft Graph)")
			b.problem(StatusWarn, "the audience is not Microsoft Graph: Graph rejects this token, even unexpired")
		}
	}
	if tc.iss != "" {
		b.set("jwt.iss", tc.iss)
		ver := tc.ver
		if ver == "" {
			ver = tc.issuerVer
		}
		line := "issuer     " + tc.iss
		if b.setString("jwt.version", ver) != "" {
			line += " (v" + ver + ")"
		}
		b.detail(line)
		if b.setString("jwt.issuer_tenant", tc.issuerTenant) != "" && tc.tid != "" {
			match := strings.EqualFold(tc.issuerTenant, tc.tid)
			b.set("jwt.tenant_matches_issuer", match)
			if !match {
				b.problem(StatusWarn, fmt.Sprintf("the tenant claim %s does not match the issuer's tenant %s", tc.tid, tc.issuerTenant))
			}
		}
	}
	if b.setString("jwt.tid", tc.tid) != "" {
		b.detail("tenant     " + tc.tid)
	}
	if b.setString("jwt.appid", tc.app) != "" {
		line := "app        " + tc.app
		if tc.appName != "" {
			line += " (" + tc.appName + ")"
		}
		b.detail(line)
	}
}

// tokenPermissions sets the scopes, roles, user and identity type.
func tokenPermissions(b *builder, tc tokenClaims) {
	if len(tc.scp) > 0 {
		b.set("jwt.scp", tc.scp)
		b.detail("scopes     " + strings.Join(tc.scp, " "))
	}
	if len(tc.roles) > 0 {
		b.set("jwt.roles", tc.roles)
		b.detail("roles      " + strings.Join(tc.roles, " "))
	}
	hasPerms := len(tc.scp) > 0 || len(tc.roles) > 0
	b.set("jwt.has_permissions", hasPerms)
	if !hasPerms && tc.kind != "id" {
		b.problem(StatusWarn, "no scopes (scp) or roles: an API will refuse this token for lack of permissions")
	}
	if b.setString("jwt.upn", tc.upn) != "" {
		b.detail("user       " + tc.upn)
	}
	if b.setString("jwt.idtyp", tc.idtyp) != "" {
		b.detail("identity   " + tc.idtyp)
	}
}

// tokenHeadline names the token: "Access token v2.0 for Microsoft Graph".
func tokenHeadline(b *builder, tc tokenClaims) string {
	what := "Token"
	switch tc.kind {
	case "access":
		what = "Access token"
	case "id":
		what = "ID token"
	}
	if v := b.str("jwt.version"); v != "" {
		what += " v" + v
	}
	if a := b.str("jwt.aud"); a != "" {
		if b.facts["jwt.audience_is_graph"] == true {
			what += " for Microsoft Graph"
		} else {
			what += " for " + Shorten(a, 40)
		}
	}
	return what
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
	if d > -time.Second && d < time.Second {
		return "now"
	}
	if d < 0 {
		return span(-d) + " ago"
	}
	return "in " + span(d)
}

// span writes a duration the way an operator reads it aloud.
func span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	if d < time.Hour {
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	if d < 48*time.Hour {
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
