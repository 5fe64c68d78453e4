package session

import (
	"strings"
)

// fieldAnchors are searched for in the lowered text; a field whose name
// holds one is then read whole and judged by nameKind.
var fieldAnchors = []string{"pass", "pwd", "pw", "secret", "token", "authorization", "cookie", "code", "key", "sig", "credential", "assertion", "session"}

// nameChars may appear in a field name: DB_PASSWORD, x-api-key,
// spring.datasource.password, refreshToken.
var nameChars = charSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")

// keepLast are last words of a field name that say the value is about a
// secret, not the secret: token_type, passwordLastSet, SecretId,
// refresh_token_expires_in.
var keepLast = toSet("type types kind uri url urls endpoint path file filename dir folder location lifetime expires expiry expiration expired expireson exp in count length len size policy hint format status name names version issuer issued time date at on provider source store cache usage required enabled disabled reset change changed last set age max min strength complexity id ids valid validity duration timeout header method scheme audience scope scopes binding protected prompt stdin env var variable field param parameter label description error errors reason message msg state mode rotation request flow grant ttl pattern algorithm alg thumbprint fingerprint created updated modified start end until since challenge broker length attempts policy vault java cs go py js ts cpp dll exe ps1 psm1 kt rb php")

// keyQualifiers turn the word "key" into a secret: api-key, AccountKey,
// Ocp-Apim-Subscription-Key. KeySignTest and NgcKeyId stay readable.
var keyQualifiers = toSet("api apim subscription access account secret private master function functions host primary secondary signing encryption storage client app auth sas instrumentation license product x")

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// nameWords splits a field name into lower-case words at _ - . and at
// camelCase humps: "refreshToken" is refresh, token.
func nameWords(name string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(name[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '_' || c == '-' || c == '.' || c == '$' || c == '@' {
			flush(i)
			continue
		}
		if start >= 0 && isUpper(c) && i > 0 && (name[i-1] >= 'a' && name[i-1] <= 'z' || name[i-1] >= '0' && name[i-1] <= '9') {
			flush(i)
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(name))
	return words
}

// nameKind says which kind of secret a field of this name holds, or ""
// when its value is not secret.
func nameKind(name string) string {
	words := nameWords(name)
	if n := len(words); n >= 2 && words[n-2] == "session" && words[n-1] == "id" {
		return KindCookie
	}
	if len(words) == 0 || keepLast[words[len(words)-1]] {
		return ""
	}
	for i := len(words) - 1; i >= 0; i-- {
		if k := wordKind(words, i); k != "" {
			return k
		}
	}
	return ""
}

// wordKind judges one word of a name, with the word before it for "key".
func wordKind(words []string, i int) string {
	w := words[i]
	if strings.Contains(w, "password") || strings.Contains(w, "passwd") || strings.Contains(w, "passphrase") || strings.Contains(w, "passcode") ||
		w == "pass" || w == "pwd" || w == "pw" || strings.HasSuffix(w, "pwd") || strings.HasPrefix(w, "credential") {
		return KindPassword
	}
	if strings.Contains(w, "secret") || w == "assertion" {
		return KindClientSecret
	}
	if strings.Contains(w, "token") {
		return KindToken
	}
	if w == "authorization" {
		return KindAuthorization
	}
	if strings.Contains(w, "cookie") || strings.Contains(w, "sessionid") {
		return KindCookie
	}
	if w == "code" || w == "authcode" || w == "verifier" {
		return KindAuthCode
	}
	if w == "sig" || w == "signature" {
		return KindSAS
	}
	if w == "key" && i > 0 && keyQualifiers[words[i-1]] ||
		w == "apikey" || w == "accesskey" || w == "accountkey" || w == "subscriptionkey" || w == "masterkey" || w == "secretkey" || w == "sharedaccesskey" {
		if i > 0 && words[i-1] == "private" {
			return KindPrivateKey
		}
		return KindAPIKey
	}
	if w == "privatekey" {
		return KindPrivateKey
	}
	return ""
}

// fields masks the values of secret-bearing fields in every notation
// people paste: key=value, key: value, "key": "value" (JSON escaped once
// or more), 'key': 'value', env assignments with prefixes, headers,
// connection strings, command-line flags (--client-secret x, -Password x,
// /pass:x) and XML elements.
func (m *masker) fields() {
	// The names judged already, one bit per offset: a name holds
	// several anchors ("passwordToken").
	seen := make([]uint64, len(m.s)/64+1)
	for _, a := range fieldAnchors {
		for from := 0; ; {
			i := strings.Index(m.low[from:], a)
			if i < 0 {
				break
			}
			i += from
			from = i + len(a)
			ns, ne := i, i+len(a)
			for ns > 0 && nameChars[m.s[ns-1]] {
				ns--
			}
			for ne < len(m.s) && nameChars[m.s[ne]] {
				ne++
			}
			from = max(from, ne)
			if seen[ns/64]&(1<<(ns%64)) != 0 {
				continue
			}
			seen[ns/64] |= 1 << (ns % 64)
			m.field(ns, ne)
		}
	}
}

// field judges the name s[ns:ne] and masks the value that follows it.
func (m *masker) field(ns, ne int) {
	s := m.s
	flag := false
	name := s[ns:ne]
	if strings.HasPrefix(name, "-") {
		flag = ns == 0 || strings.IndexByte(" \t\n\"'(", s[ns-1]) >= 0
	} else if ns > 0 && s[ns-1] == '/' && (ns == 1 || s[ns-2] == ' ' || s[ns-2] == '\t' || s[ns-2] == '\n') {
		flag = true
	}
	name = strings.Trim(name, "-.")
	kind := nameKind(name)
	if kind == "" {
		return
	}
	// XML element: <Password>value</Password>
	if ns > 0 && s[ns-1] == '<' {
		gt := ne
		for gt < len(s) && s[gt] != '>' && s[gt] != '<' && s[gt] != '\n' {
			gt++
		}
		if gt < len(s) && s[gt] == '>' && s[gt-1] != '/' {
			vs := gt + 1
			// An element has a closing tag; <CLIENT_SECRET> alone is a
			// placeholder.
			if end := m.index(vs, "</"); end >= 0 && end-vs <= 65536 {
				m.value(vs, end, kind)
			}
		}
		return
	}
	// The name's quote, if any: \" or ' or \\\" before it.
	qs := ns
	nameQuote := byte(0)
	if ns > 0 && isQuote(s[ns-1]) {
		nameQuote, qs = s[ns-1], ns-1
		for qs > 0 && s[qs-1] == '\\' {
			qs--
		}
	}
	// Separator.
	j := ne
	closed := false
	for j < len(s) && s[j] == '\\' {
		j++
	}
	if j < len(s) && isQuote(s[j]) {
		j++
		closed = true
	} else {
		j = ne
	}
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	sep := ""
	switch {
	case strings.HasPrefix(s[k:], "=>"), strings.HasPrefix(s[k:], ":="), strings.HasPrefix(s[k:], "=="):
		sep = s[k : k+2]
	case k < len(s) && (s[k] == '=' || s[k] == ':'):
		sep = s[k : k+1]
	}
	if sep == ":" && (strings.HasPrefix(s[k:], "://") || strings.HasPrefix(s[k:], "::")) {
		return
	}
	if sep == "" && strings.HasPrefix(m.low[k:], "for ") {
		// A prompt: "Enter the password for CONTOSO\admin: …",
		// "Password for 'https://megan@dev.azure.com': …".
		w := m.scanUntil(k+4, stopBlank)
		if w > k+5 && s[w-1] == ':' && kind == KindPassword {
			k, sep = w-1, ":"
		}
	}
	vs := k + len(sep)
	if sep == "" {
		if !flag || k == j || k >= len(s) || s[k] == '\n' || s[k] == '\r' {
			return
		}
	}
	for vs < len(s) && (s[vs] == ' ' || s[vs] == '\t') {
		vs++
	}
	if vs >= len(s) || s[vs] == '\n' || s[vs] == '\r' {
		return
	}
	// Quoted value.
	if q, n := quoteAt(s, vs); q != 0 {
		cs := vs + n + 1
		ce := m.closingQuote(cs, q, n)
		if m.covered(cs, ce) || kind == KindAuthCode && keepCode(s[cs:ce]) {
			return
		}
		m.value(cs, ce, kind)
		return
	}
	var ve int
	switch {
	case kind == KindAuthCode:
		ve = m.scanUntil(vs, stopCode)
		if m.covered(vs, ve) || keepCode(s[vs:ve]) {
			return
		}
	case flag:
		if s[vs] == '-' {
			return
		}
		ve = m.scanUntil(vs, stopWord)
	case sep == "=" && ns > 0 && (s[ns-1] == '?' || s[ns-1] == '&'):
		ve = m.scanUntil(vs, stopQuery)
	case kind == KindToken || kind == KindAPIKey || kind == KindSAS:
		// Tokens and keys are one word; "clientCredentialsToken:
		// received HTTP status 401" is an error message.
		ve = m.scanUntil(vs, stopWord)
		if m.covered(vs, ve) || wordLike(s[vs:ve]) {
			return
		}
	case nameQuote != 0 && !closed:
		// 'Cookie: a=b' or "Password=x;Server=y": the quote opened before
		// the name holds the value too.
		ve = m.closingQuote(vs, nameQuote, ns-qs-1)
	default:
		ve = m.lineEnd(vs)
		if m.oddQuotesBefore(qs) {
			ve = min(ve, m.scanUntil(vs, stopDQuote))
		}
		if n := numberEnd(s, vs, ve); n > 0 && closed {
			// "pin": 123456, in JSON.
			ve = n
		}
	}
	if m.covered(vs, ve) {
		return
	}
	if kind == KindAuthorization {
		vs = skipScheme(s, vs, ve)
		cred := s[vs:m.scanUntil(vs, stopBlank)]
		if len(cred) <= maxProseWord {
			cred = strings.Trim(cred, "`'\",.;:)")
		}
		if cred == "" || proseAfterScheme(cred) {
			// Prose: "the request's Authorization: Bearer header".
			return
		}
	}
	m.value(vs, ve, kind)
}

// value masks s[vs:ve] trimmed, unless it is empty, a marker or a
// placeholder that holds nothing.
func (m *masker) value(vs, ve int, kind string) {
	if m.covered(vs, ve) {
		return
	}
	ve = m.trimValueEnd(vs, ve)
	for vs < ve && strings.IndexByte(" \t\r\n", m.s[vs]) >= 0 {
		vs++
	}
	v := m.s[vs:ve]
	if v == "" || isMarker(v) || placeholder(v) {
		return
	}
	if sc := skipScheme(m.s, vs, ve); sc > vs && sc < ve && !strings.ContainsRune(m.s[vs:sc-1], ' ') {
		// "Bearer …" as a cookie or header value: the scheme stays.
		switch strings.ToLower(m.s[vs : sc-1]) {
		case "bearer", "basic", "negotiate", "ntlm", "digest":
			vs = sc
		}
	}
	m.add(vs, ve, kind, markRedacted)
}

// placeholder reports values that hold no secret: structure that other
// rules read inside, null-like words and masks other tools wrote.
func placeholder(v string) bool {
	if len(v) > len("undefined") {
		return v[0] == '{' || v[0] == '[' || allStars(v)
	}
	switch strings.ToLower(v) {
	case "null", "true", "false", "none", "nil", "undefined", "yes", "no", "{", "[", "(", "{}", "[]", "|", ">", "|-", ">-":
		return true
	}
	if v[0] == '{' || v[0] == '[' {
		return true
	}
	return allStars(v)
}

// allStars reports a value of asterisks only, which another tool masked.
// It reads the value up to its first other character.
func allStars(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != '*' {
			return false
		}
	}
	return true
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// quoteAt reports an opening quote at i, after n backslashes: \" opens a
// string in JSON that was escaped once.
func quoteAt(s string, i int) (byte, int) {
	n := 0
	for i+n < len(s) && s[i+n] == '\\' {
		n++
	}
	if i+n < len(s) && isQuote(s[i+n]) {
		return s[i+n], n
	}
	return 0, 0
}

// numberEnd returns the end of a bare number value followed by JSON
// punctuation ("pin": 123456,), or 0.
func numberEnd(s string, vs, ve int) int {
	j := vs
	if j < ve && s[j] == '-' {
		j++
	}
	d := j
	for j < ve && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == d || j < ve && strings.IndexByte(",}]", s[j]) < 0 {
		return 0
	}
	return j
}

func scanUntil(s string, i int, stop string) int {
	for i < len(s) && strings.IndexByte(stop, s[i]) < 0 {
		i++
	}
	return i
}

// skipScheme keeps an Authorization value's scheme (Bearer, Basic) and
// returns where its credentials start.
func skipScheme(s string, vs, ve int) int {
	j := vs
	for j < ve && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z' || s[j] == '-') {
		j++
	}
	if j > vs && j < ve && s[j] == ' ' {
		return j + 1
	}
	switch strings.ToLower(s[vs:j]) {
	case "bearer", "basic", "negotiate", "ntlm", "digest":
		// The scheme alone, as prose names the header.
		return j
	}
	return vs
}

// keepCode tells an error or status code ("InvalidAuthenticationToken",
// "AADSTS50076", "0x8004de40", "invalid_grant") from an authorization code,
// which is long, random and mixes cases.
func keepCode(v string) bool {
	const maxCodeLen = 256
	if len(v) <= 12 {
		return true
	}
	if len(v) > maxCodeLen {
		// Longer than any error or status code: masked, and not read
		// again from every "code=" in a hostile paste.
		return false
	}
	if strings.Contains(v, "[redacted") || strings.Contains(v, "[jwt") {
		return true
	}
	var lower, other bool
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isLower(c) {
			lower = true
		} else if !isUpper(c) && c != '_' && c != ' ' && c != '-' {
			other = true
		}
	}
	return !lower || !other
}

// tokenLikeValue reports a value that is itself a secret whatever its
// name: a long random string.
func tokenLikeValue(v string) bool {
	return len(v) >= 16 && !strings.ContainsAny(v, " ,;") && keyLike(v)
}

// authCookies are cookie names that carry a sign-in session.
var authCookies = toSet("estsauth estsauthpersistent estsauthlight esctx signinstatecookie buid fpc ccstate stsservicecookie msisauth msisauthenticated msisauth1 fedauth fedauth1 rtfa aadsso wlssc mspauth mspprof mspok kmsi x-ms-refreshtokencredential jsessionid phpsessid asp.net_sessionid .aspnetcore.cookies .aspnet.cookies")

// cookieName reports names of cookies and headers whose value signs in.
func cookieName(n string) bool {
	l := strings.ToLower(n)
	if authCookies[l] {
		return true
	}
	for _, w := range []string{"auth", "sess", "token", "saml", "login", "csrf", "xsrf", "secret", "cookie", "sid"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// namedValues masks values given as name/value pairs, as HAR files hold
// cookies, headers and query parameters ({"name":"ESTSAUTH","value":"…"})
// and app.config holds settings (<add key="ClientSecret" value="…"/>).
func (m *masker) namedValues() {
	s := m.s
	for from := 0; ; {
		i := strings.Index(m.low[from:], "value")
		if i < 0 {
			return
		}
		i += from
		from = i + 5
		if i > 0 && nameChars[s[i-1]] || i+5 < len(s) && nameChars[s[i+5]] {
			continue
		}
		vs, ve, ok := m.quotedAfterSep(i + 5)
		if !ok || vs == ve {
			continue
		}
		v := s[vs:ve]
		if isMarker(v) {
			continue
		}
		name, found := m.pairName(i, ve)
		if strings.Contains(name, "[jwt") || strings.Contains(name, "[redacted") {
			found = false
		}
		if !found && !tokenLikeValue(v) {
			continue
		}
		kind := nameKind(name)
		switch {
		case kind == KindAuthCode && keepCode(v):
			continue
		case kind != "":
		case found && cookieName(name):
			kind = KindCookie
		case tokenLikeValue(v):
			kind = KindKeyLike
		default:
			continue
		}
		if kind == KindAuthorization {
			vs = skipScheme(s, vs, ve)
		}
		m.value(vs, ve, kind)
		from = max(from, ve)
	}
}

// quotedAfterSep reads `"? *[:=] *"…"` after a key ending at i and returns
// the quoted string's content.
func (m *masker) quotedAfterSep(i int) (int, int, bool) {
	s := m.s
	for i < len(s) && (s[i] == '\\' || isQuote(s[i])) && i < len(s) {
		i++
		if i > 0 && isQuote(s[i-1]) {
			break
		}
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) || s[i] != ':' && s[i] != '=' {
		return 0, 0, false
	}
	i++
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	q, n := quoteAt(s, i)
	if q == 0 {
		return 0, 0, false
	}
	cs := i + n + 1
	return cs, m.closingQuote(cs, q, n), true
}

// pairName finds the name that goes with a value keyword at i whose value
// ends at ve: "name" or "key" in the same object or element, before or
// after it.
func (m *masker) pairName(i, ve int) (string, bool) {
	s, low := m.s, m.low
	lo := max(0, i-400)
	before := low[lo:i]
	if b := strings.LastIndexAny(before, "{}<>"); b >= 0 {
		before, lo = before[b+1:], lo+b+1
	}
	for _, key := range []string{"name", "key"} {
		if k := strings.LastIndex(before, key); k >= 0 {
			at := lo + k
			if at > 0 && nameChars[s[at-1]] {
				continue
			}
			if vs, ve2, ok := m.quotedAfterSep(at + len(key)); ok && ve2 <= i {
				return s[vs:ve2], true
			}
		}
	}
	hi := min(len(s), ve+400)
	after := low[ve:hi]
	if b := strings.IndexAny(after, "{}<>"); b >= 0 {
		after = after[:b]
	}
	for _, key := range []string{"name", "key"} {
		if k := strings.Index(after, key); k >= 0 {
			at := ve + k
			if nameChars[s[at-1]] {
				continue
			}
			if vs, ve2, ok := m.quotedAfterSep(at + len(key)); ok {
				return s[vs:ve2], true
			}
		}
	}
	return "", false
}
