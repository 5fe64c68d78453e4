package session

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"deskside/probes"
)

// The kinds of secret Redact masks, as counted in journals and shown
// before anything leaves the machine.
const (
	KindJWT           = "jwt"
	KindToken         = "token"         // refresh_token, access_token, id_token values
	KindClientSecret  = "client-secret" // client_secret, client_assertion
	KindPassword      = "password"
	KindAuthCode      = "auth-code"
	KindAuthorization = "authorization-header"
	KindCookie        = "cookie"
	KindSAS           = "sas-signature"
	KindKeyLike       = "key-like"
	KindAPIKey        = "api-key"     // API, subscription, account and access keys
	KindPrivateKey    = "private-key" // PEM private key blocks
	// KindUser counts the user names and addresses MaskUsers masked in an
	// export: not a secret, and never masked in the journal.
	KindUser = "user"
)

// kindNames names each kind of secret, one and many.
var kindNames = map[string][2]string{
	KindJWT:           {"JWT", "JWTs"},
	KindToken:         {"token value", "token values"},
	KindClientSecret:  {"client secret or assertion", "client secrets or assertions"},
	KindPassword:      {"password", "passwords"},
	KindAuthCode:      {"authorization code", "authorization codes"},
	KindAuthorization: {"Authorization header", "Authorization headers"},
	KindCookie:        {"cookie", "cookies"},
	KindSAS:           {"SAS signature", "SAS signatures"},
	KindKeyLike:       {"key-like string", "key-like strings"},
	KindAPIKey:        {"API or account key", "API or account keys"},
	KindPrivateKey:    {"private key", "private keys"},
	KindUser:          {"user name or address", "user names or addresses"},
}

// KindName returns a kind of secret in words.
func KindName(kind string) string {
	if n, ok := kindNames[kind]; ok {
		return n[0]
	}
	return kind
}

// kindCount writes a count of a kind with the noun that fits it: "1 JWT",
// "2 Authorization headers".
func kindCount(n int, kind string) string {
	if names, ok := kindNames[kind]; ok {
		return plural(n, names[0], names[1])
	}
	return fmt.Sprintf("%d %s", n, kind)
}

// The markers that replace secrets. Redact leaves them alone when it meets
// them again, so redacting twice changes nothing.
const (
	markRedacted = "[redacted]"
	markKeyLike  = "[redacted key-like string]"
	// markPrivateKey replaces a PEM private key block.
	markPrivateKey = "[redacted private key]"
)

// Redact masks every secret in s. It is the one redaction function: the
// journal applies it before writing and every export applies it again. A
// JWT becomes its fingerprint and a few non-secret claims; other secrets
// become a marker naming their kind. It returns the masked text and the
// count of each kind masked.
//
// It errs on the side of masking: an over-masked identifier costs a
// reader little, a credential left in a ticket costs much more. Every
// detector reads the original text; where two claim the same characters
// the first one in the order below wins, so a JWT in a token field keeps
// the claims its marker shows.
func Redact(s string) (string, map[string]int) {
	if s == "" {
		return s, nil
	}
	return runDetectors(s).result()
}

// runDetectors runs every detector of Redact on s, in order, and returns
// the masker holding what they found.
func runDetectors(s string) *masker {
	m := newMasker(s)
	m.privateKeys()
	m.jwts()
	m.commit()
	m.userinfo()
	m.schemes()
	m.commandLines()
	m.commit()
	m.fields()
	m.commit()
	m.prosePasswords()
	m.commit()
	m.namedValues()
	m.prefixedTokens()
	m.commit()
	m.keyLikes()
	m.commit()
	return m
}

// span is a run of s to replace, [start, end).
type span struct {
	start, end int
	repl       string
	keep       bool // a marker found in the text, written back as it is
}

// candidate is one secret a detector found.
type candidate struct {
	span
	kind string
	seq  int // order of finding, which breaks ties
}

// masker collects what the detectors find and builds the masked text. The
// detectors run in order of precedence; each batch is committed before the
// next so that later detectors can ask what is already masked.
type masker struct {
	s   string
	low string // s with ASCII letters lowered; same offsets
	// claimed holds disjoint spans sorted by start.
	claimed []span
	batch   []candidate
	counts  map[string]int
	scanState
}

func newMasker(s string) *masker {
	m := &masker{s: s, low: asciiLower(s)}
	m.keepMarkers()
	return m
}

// keepMarkers claims the markers an earlier pass wrote, as they are, so
// that no detector reads their insides ("[redacted private key]",
// "[jwt sha256:… aud=…]") as arguments or values.
func (m *masker) keepMarkers() {
	for _, open := range []string{"[redacted", "[jwt sha256:"} {
		for from := 0; ; {
			i := strings.Index(m.s[from:], open)
			if i < 0 {
				break
			}
			i += from
			from = i + len(open)
			if n := markerLen(m.s[i:]); n > 0 {
				m.claimed = append(m.claimed, span{start: i, end: i + n, repl: m.s[i : i+n], keep: true})
				from = i + n
			}
		}
	}
	slices.SortFunc(m.claimed, func(a, b span) int { return a.start - b.start })
}

// markerLen returns the length of the marker s starts with, or 0.
func markerLen(s string) int {
	for _, mk := range []string{markRedacted, markKeyLike, markPrivateKey} {
		if strings.HasPrefix(s, mk) {
			return len(mk)
		}
	}
	// [jwt sha256:0011aabb… aud=x tid=y exp=1] as jwtMarker writes it.
	const jwt = "[jwt sha256:"
	i := len(jwt) + 8
	if !strings.HasPrefix(s, jwt) || len(s) < i+len("…]") || strings.Trim(s[len(jwt):i], "0123456789abcdef") != "" || !strings.HasPrefix(s[i:], "…") {
		return 0
	}
	i += len("…")
	for i < len(s) && i < 600 {
		switch {
		case s[i] == ']':
			return i + 1
		case strings.HasPrefix(s[i:], " encrypted"):
			i += len(" encrypted")
			continue
		case s[i] == ' ':
			key, _, ok := strings.Cut(s[i+1:min(len(s), i+8)], "=")
			if !ok || !slices.Contains(markerClaims, key) {
				return 0
			}
			i++ // past the space: the loop reads key=value, whose characters it takes
			for i < len(s) && s[i] > ' ' && s[i] != ']' && s[i] != '[' {
				i++
			}
			continue
		}
		return 0
	}
	return 0
}

// markerClaims are the claims jwtMarker shows.
var markerClaims = []string{"aud", "tid", "appid", "azp", "exp"}

// asciiLower lowers ASCII letters only, so that every offset in the result
// is the same as in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// add proposes masking s[start:end] as kind with repl.
func (m *masker) add(start, end int, kind, repl string) {
	if start < 0 || end > len(m.s) || start >= end {
		return
	}
	if m.covered(start, end) {
		return
	}
	if len(m.batch) == 0 || end > m.cover.end || end == m.cover.end && start < m.cover.start {
		m.cover = span{start: start, end: end}
	}
	m.batch = append(m.batch, candidate{span{start: start, end: end, repl: repl}, kind, len(m.batch)})
}

// unclaimed returns the pieces of [i, j) that no committed span covers.
func (m *masker) unclaimed(i, j int) [][2]int {
	k, _ := slices.BinarySearchFunc(m.claimed, i, func(sp span, i int) int {
		if sp.end <= i {
			return -1
		}
		return 1
	})
	var out [][2]int
	for ; k < len(m.claimed) && m.claimed[k].start < j; k++ {
		if m.claimed[k].start > i {
			out = append(out, [2]int{i, m.claimed[k].start})
		}
		i = max(i, m.claimed[k].end)
	}
	if i < j {
		out = append(out, [2]int{i, j})
	}
	return out
}

// commit takes the batch's candidates, minus what is already claimed, into
// the claimed spans, and counts each candidate that still masks something.
func (m *masker) commit() {
	if len(m.batch) == 0 {
		return
	}
	slices.SortFunc(m.batch, func(a, b candidate) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.seq - b.seq
	})
	var fresh []span
	k := 0 // first claimed span that may overlap
	batchEnd := 0
	for _, c := range m.batch {
		start, end := max(c.start, batchEnd), c.end
		kept := false
		if start < end {
			// The first claimed span that ends after start.
			k, _ = slices.BinarySearchFunc(m.claimed, start, func(sp span, i int) int {
				if sp.end <= i {
					return -1
				}
				return 1
			})
		}
		for start < end {
			for k < len(m.claimed) && m.claimed[k].end <= start {
				k++
			}
			pieceEnd := end
			if k < len(m.claimed) && m.claimed[k].start < end {
				pieceEnd = m.claimed[k].start
			}
			if pieceEnd > start && !blank(m.s[start:pieceEnd]) {
				fresh = append(fresh, span{start: start, end: pieceEnd, repl: c.repl})
				kept = true
			}
			if k < len(m.claimed) && m.claimed[k].start < end {
				start = m.claimed[k].end
			} else {
				start = end
			}
		}
		batchEnd = max(batchEnd, c.end)
		if kept {
			if m.counts == nil {
				m.counts = map[string]int{}
			}
			m.counts[c.kind]++
		}
	}
	m.batch = m.batch[:0]
	if len(fresh) == 0 {
		return
	}
	merged := make([]span, 0, len(m.claimed)+len(fresh))
	i, j := 0, 0
	for i < len(m.claimed) || j < len(fresh) {
		if j == len(fresh) || i < len(m.claimed) && m.claimed[i].start < fresh[j].start {
			merged = append(merged, m.claimed[i])
			i++
		} else {
			merged = append(merged, fresh[j])
			j++
		}
	}
	m.claimed = merged
}

// blank reports a piece not worth a marker of its own: only spaces and
// the quotes or punctuation around a value.
func blank(s string) bool {
	return strings.Trim(s, " \t\r\n\"'`,;") == ""
}

// result builds the masked text; neighbouring markers of the same text
// are written once.
func (m *masker) result() (string, map[string]int) {
	if len(m.counts) == 0 {
		return m.s, nil
	}
	var b strings.Builder
	b.Grow(len(m.s))
	at := 0
	last := ""
	for _, sp := range m.claimed {
		b.WriteString(m.s[at:sp.start])
		if sp.keep || !(sp.start == at && sp.repl == last) {
			b.WriteString(sp.repl)
		}
		at, last = sp.end, sp.repl
		if sp.keep {
			last = ""
		}
	}
	b.WriteString(m.s[at:])
	return b.String(), m.counts
}

// isMarker reports text that starts with a marker Redact writes.
func isMarker(s string) bool {
	s = strings.TrimLeft(s, `"'\`)
	return strings.HasPrefix(s, "[jwt") || strings.HasPrefix(s, "[redacted")
}

// privateKeys masks PEM private key blocks, whole.
func (m *masker) privateKeys() {
	const begin, end = "-----begin ", "-----end "
	for from := 0; ; {
		i := strings.Index(m.low[from:], begin)
		if i < 0 {
			return
		}
		i += from
		from = i + len(begin)
		line := m.low[i:lineEnd(m.low, i)]
		if !strings.Contains(line, "private key") {
			continue
		}
		j := strings.Index(m.low[from:], end)
		stop := len(m.s)
		if j >= 0 {
			stop = lineEnd(m.low, from+j)
		}
		m.add(i, stop, KindPrivateKey, markPrivateKey)
		from = stop
	}
}

// lineEnd returns the offset of the newline ending the line at i, or the
// length of s.
func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		end := i + j
		if end > i && s[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(s)
}

// lineStart returns the offset at which the line holding i starts.
func lineStart(s string, i int) int {
	return strings.LastIndexByte(s[:i], '\n') + 1
}

// b64url holds the characters of base64url, the alphabet of JWTs.
var b64url = charSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

func charSet(chars string) *[256]bool {
	var t [256]bool
	for i := 0; i < len(chars); i++ {
		t[chars[i]] = true
	}
	return &t
}

// jwts masks JSON Web Tokens, signed (three parts) or encrypted (five, the
// key part may be empty). A token is known by its header: base64url of a
// JSON object, so it starts "ey" or "ew" whatever spacing the JSON has. A
// token broken across lines is followed onto the next line while it is
// still in its header or claims, or ends on a dot.
func (m *masker) jwts() {
	s := m.s
	for i := 0; i+2 < len(s); i++ {
		k := strings.IndexByte(s[i:], 'e')
		if k < 0 {
			return
		}
		i += k
		if i+2 >= len(s) {
			return
		}
		if s[i+1] != 'y' && s[i+1] != 'w' || i > 0 && b64url[s[i-1]] {
			continue
		}
		if !mayBeJWT(s, i) {
			continue
		}
		end, dots, compact := scanJWT(s, i)
		m.steps += end - i
		if dots == 0 {
			// The run, across its lines, has no dot; a start further on
			// in it would read the same lines to the same end.
			i = end - 1
			continue
		}
		if !jsonObjectStart(compact) {
			continue
		}
		// Characters a JWT does not hold (+ / ~) mean the run is some
		// other token: mask the run whole.
		for end < len(s) && tokenChars[s[end]] {
			end++
		}
		// A token broken across lines keeps its line breaks after the
		// marker, so the lines after it stay lines of their own.
		m.add(i, end, KindJWT, jwtMarker(compact)+lineBreaks(s[i:end]))
		i = end - 1
	}
}

// mayBeJWT reads the token-like run at i as far as its first segment and
// reports false where scanJWT would find no dot or a first segment that is
// not JSON, without reading on: "+eyAB+eyAB…" or "eyAA.eyAA.…" in a 1 MiB
// paste would otherwise be read to its end from every "ey".
func mayBeJWT(s string, i int) bool {
	k := i
	for k < len(s) && (b64url[s[k]] || s[k] == '=') && k-i < 24 {
		k++
	}
	if k-i == 24 && !strings.Contains(s[i:k], "=") {
		return jsonObjectStart(s[i:k])
	}
	if k == len(s) {
		return false // one segment: no dot
	}
	if s[k] == '.' {
		return jsonObjectStart(s[i:k])
	}
	if s[k] == '\r' || s[k] == '\n' {
		return true // the token may go on on the next line
	}
	return false // not a token character: one segment, no dot
}

// scanJWT reads a token's characters from i, across line breaks where the
// token continues, and returns where it ends, how many dots it has and the
// token without the breaks.
func scanJWT(s string, i int) (end, dots int, compact string) {
	var b strings.Builder
	start := i
	// A signed token has three parts, an encrypted one five.
	maxDots := 2
	if h := scanUntil(s, i, ".\r\n \t\"'"); jweHeader(s[i:h]) {
		maxDots = 4
	}
	for {
		for i < len(s) && (b64url[s[i]] || s[i] == '.' || s[i] == '=') {
			if s[i] == '.' {
				dots++
			}
			i++
		}
		b.WriteString(s[start:i])
		// Continue on the next line?
		j := i
		if j < len(s) && s[j] == '\r' {
			j++
		}
		if j >= len(s) || s[j] != '\n' || !(dots < maxDots || s[i-1] == '.') {
			break
		}
		j++
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j >= len(s) || !(b64url[s[j]] || s[j] == '.') {
			break
		}
		if dots > 0 && jsonObjectStart(s[j:scanUntil(s, j, ".\r\n \t")]) {
			// The next line starts a token of its own.
			break
		}
		i, start = j, j
	}
	return i, dots, b.String()
}

// lineBreaks returns the line ends in s, in order.
func lineBreaks(s string) string {
	if !strings.Contains(s, "\n") {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			b.WriteString("\r\n")
			i++
		} else if s[i] == '\n' {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// jweHeader reports a header segment that names a content encryption
// ("enc"): the token is a JWE.
func jweHeader(seg string) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		n := len(seg) / 4 * 4
		b, _ = base64.RawURLEncoding.DecodeString(seg[:n])
	}
	return strings.Contains(string(b), `"enc"`)
}

// jsonObjectStart reports whether a base64url segment decodes to the
// start of a JSON object: "{" and, after any white space, a quote.
func jsonObjectStart(tok string) bool {
	seg, _, _ := strings.Cut(tok, ".")
	seg = strings.TrimRight(seg, "=")
	if len(seg) < 8 {
		return false
	}
	n := min(len(seg), 24) / 4 * 4
	b, err := base64.RawURLEncoding.DecodeString(seg[:n])
	if err != nil || len(b) < 2 || b[0] != '{' {
		return false
	}
	for _, c := range b[1:] {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '"':
			return true
		}
		return false
	}
	return false
}

// jwtMarker replaces a token by its fingerprint and the claims that say
// what it is for, none of which is secret.
func jwtMarker(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	fp := hex.EncodeToString(sum[:])[:8]
	var claims []string
	d, err := probes.DecodeJWT(tok)
	switch {
	case errors.Is(err, probes.ErrEncryptedToken):
		claims = append(claims, "encrypted")
	case err == nil:
		for _, k := range markerClaims {
			switch v := d.Claims[k].(type) {
			case string:
				claims = append(claims, k+"="+safeClaim(v))
			case float64:
				claims = append(claims, fmt.Sprintf("%s=%d", k, int64(v)))
			}
		}
	}
	marker := "[jwt sha256:" + fp + "…"
	if len(claims) > 0 {
		marker += " " + strings.Join(claims, " ")
	}
	return marker + "]"
}

// safeClaim keeps a claim short and free of anything that could itself
// look like a secret or act on a terminal.
func safeClaim(v string) string {
	if len(v) > 80 {
		v = v[:80]
	}
	v = strings.Map(func(r rune) rune {
		if r == ']' || r == '[' || r < 0x20 || r == ' ' || unsafeRune(r) {
			return -1
		}
		return r
	}, v)
	if len(v) >= 32 && keyLike(v) {
		return "…"
	}
	return v
}

// tokenChars are the characters of opaque tokens, keys and secrets: the
// base64 alphabets, percent-encoding and what Microsoft account tokens add.
var tokenChars = charSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_~.-%!*$")

// keyLikes masks long runs of token characters that look random: client
// secrets, storage keys, opaque refresh tokens, codes and cookies, dotted
// or not.
func (m *masker) keyLikes() {
	s := m.s
	for i := 0; i < len(s); {
		if !tokenChars[s[i]] {
			i++
			continue
		}
		j := i
		for j < len(s) && tokenChars[s[j]] {
			j++
		}
		if j-i >= 32 {
			// Judge apart what other rules left of the run: the
			// "AccountKey=" before a masked key is not itself a key.
			for _, p := range m.unclaimed(i, j) {
				if p[1]-p[0] >= 32 && keyLike(s[p[0]:p[1]]) {
					m.add(p[0], p[1], KindKeyLike, markKeyLike)
				}
			}
		}
		i = j
	}
}

// keyLike tells a random-looking run from long names, paths, host names,
// hashes and identifiers. It holds upper case, lower case and digits, and
// its letters and digits change class often: a word, CamelCase or not,
// keeps a class for three or four characters on average, random base64
// for less than two. Hex digests and GUIDs have one case and are kept.
func keyLike(m string) bool {
	var upper, lower, digit bool
	units, weight, unitLen := 0, 0, 0
	prev := byte(0) // class of the previous character: 'U', 'L', 'D' or 0
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c == '%' && i+2 < len(m) && isHex(m[i+1]) && isHex(m[i+2]) {
			// Percent-encoding (%2F) says nothing about randomness.
			i += 2
			prev = 0
			continue
		}
		var cls byte
		switch {
		case isUpper(c):
			upper, cls = true, 'U'
		case isLower(c):
			lower, cls = true, 'L'
		case isDigit(c):
			digit, cls = true, 'D'
		default:
			prev = 0
			continue
		}
		// A capital followed by lower case ("Plugin") is one unit, as is
		// a run of one class. A unit counts for six characters at most:
		// tokens hold long runs of "A" where their bytes are zero.
		if cls != prev && !(prev == 'U' && cls == 'L' && (i < 2 || !isUpper(m[i-2]))) {
			units++
			unitLen = 0
		}
		unitLen++
		if unitLen <= 6 {
			weight++
		}
		prev = cls
	}
	if !upper || !lower || !digit || units == 0 {
		return false
	}
	return float64(weight)/float64(units) < 2.6
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// tokenPrefixes start API tokens whose issuers mark them, short enough
// to escape keyLike.
var tokenPrefixes = []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xoxs-", "sk_live_", "sk_test_", "rk_live_", "aiza", "npm_", "akia", "asia"}

// prefixedTokens masks tokens that begin with a known issuer's prefix.
func (m *masker) prefixedTokens() {
	s, low := m.s, m.low
	for i := 0; i < len(s); {
		if !b64url[s[i]] {
			i++
			continue
		}
		j := i
		for j < len(s) && b64url[s[j]] {
			j++
		}
		if j-i >= 16 {
			for _, p := range tokenPrefixes {
				if strings.HasPrefix(low[i:j], p) && j-i >= len(p)+12 && strings.ContainsAny(s[i+len(p):j], "0123456789") {
					m.add(i, j, KindAPIKey, markRedacted)
					break
				}
			}
		}
		i = j
	}
}

// addCounts adds b's counts into a.
func addCounts(a map[string]int, b map[string]int) map[string]int {
	if len(b) == 0 {
		return a
	}
	if a == nil {
		a = map[string]int{}
	}
	for k, v := range b {
		a[k] += v
	}
	return a
}

// DescribeRedactions says in words what was masked: "3 items: 1 JWT, 2
// Authorization headers". It is shown before a log leaves the machine.
func DescribeRedactions(counts map[string]int) string {
	if len(counts) == 0 {
		return "nothing needed masking"
	}
	total := 0
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		total += counts[k]
		parts = append(parts, kindCount(counts[k], k))
	}
	noun := "items"
	if total == 1 {
		noun = "item"
	}
	return fmt.Sprintf("%d %s masked: %s", total, noun, strings.Join(parts, ", "))
}

// redactEntry masks every free-text field of a record and records the
// counts in it.
func redactEntry(e *Record) {
	var counts map[string]int
	do := func(s *string) {
		var c map[string]int
		*s, c = Redact(*s)
		counts = addCounts(counts, c)
	}
	do(&e.Input)
	do(&e.Text)
	do(&e.Summary)
	do(&e.Label)
	do(&e.Title)
	for i := range e.Findings {
		do(&e.Findings[i])
	}
	if e.Result != nil {
		r := *e.Result
		do(&r.Summary)
		r.Details = slices.Clone(r.Details)
		for i := range r.Details {
			do(&r.Details[i])
		}
		if r.Facts != nil {
			facts := make(map[string]any, len(r.Facts))
			for k, v := range r.Facts {
				switch x := v.(type) {
				case string:
					do(&x)
					facts[k] = x
				case []string:
					y := slices.Clone(x)
					for i := range y {
						do(&y[i])
					}
					facts[k] = y
				case []any:
					y := make([]any, len(x))
					for i, el := range x {
						if s, ok := el.(string); ok {
							do(&s)
							el = s
						}
						y[i] = el
					}
					facts[k] = y
				default:
					facts[k] = v
				}
			}
			r.Facts = facts
		}
		e.Result = &r
	}
	if e.Start != nil {
		st := *e.Start
		for _, f := range []*string{&st.Ticket, &st.Operator} {
			var c map[string]int
			*f, c = RedactField(*f)
			counts = addCounts(counts, c)
		}
		e.Start = &st
	}
	e.Redacted = addCounts(e.Redacted, counts)
}

// RedactField is Redact for a one-line field an operator typed, such as
// --ticket or --operator, which ends up in a file name and in listings: a
// password typed or pasted there by mistake is a word on its own, with no
// field name to give it away, so a word that mixes three of upper case,
// lower case, digits and symbols is masked too unless it reads as a ticket
// number (INC0012345, Case-4711). The result is on one line (SafeLine).
func RedactField(s string) (string, map[string]int) {
	out, counts := Redact(s)
	var b strings.Builder
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && !isSpace(out[j]) {
			j++
		}
		if w := out[i:j]; passwordLike(w) {
			b.WriteString(markRedacted)
			counts = addCounts(counts, map[string]int{KindPassword: 1})
		} else {
			b.WriteString(w)
		}
		for j < len(out) && isSpace(out[j]) {
			b.WriteByte(out[j])
			j++
		}
		i = j
	}
	return SafeLine(b.String()), counts
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// passwordLike reports a lone word that reads as a password rather than a
// ticket number or a name.
func passwordLike(w string) bool {
	if len(w) < 8 || isMarker(w) || ticketID(w) {
		return false
	}
	var upper, lower, digit, symbol int
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf && isUpper(byte(r)):
			upper = 1
		case r < utf8.RuneSelf && isLower(byte(r)):
			lower = 1
		case r < utf8.RuneSelf && isDigit(byte(r)):
			digit = 1
		case strings.ContainsRune("-_#./:@", r):
		default:
			symbol = 1
		}
	}
	return upper+lower+digit+symbol >= 3
}

// ticketID reports a ticket number: letters, an optional separator and
// digits, possibly in several groups (INC0012345, CHG-2024-0001, Case_4711).
func ticketID(w string) bool {
	i := 0
	for i < len(w) && isLetter(w[i]) {
		i++
	}
	if i > 12 {
		return false
	}
	digits := 0
	for ; i < len(w); i++ {
		c := w[i]
		if isDigit(c) {
			digits++
		} else if strings.IndexByte("-_#/.", c) < 0 {
			return false
		}
	}
	return digits > 0
}
