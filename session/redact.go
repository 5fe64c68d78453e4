package session

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
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
)

var kindNames = map[string]string{
	KindJWT:           "JWT",
	KindToken:         "token value",
	KindClientSecret:  "client secret or assertion",
	KindPassword:      "password",
	KindAuthCode:      "authorization code",
	KindAuthorization: "Authorization header",
	KindCookie:        "cookie",
	KindSAS:           "SAS signature",
	KindKeyLike:       "key-like string",
}

// KindName returns a kind of secret in words.
func KindName(kind string) string {
	if n, ok := kindNames[kind]; ok {
		return n
	}
	return kind
}

var (
	reJWT = lazyRegexp(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){1,3}`)
	// A header line, in a raw response or a PowerShell dump.
	reAuthHeader   = lazyRegexp(`(?im)^(\s*(?:proxy-)?authorization\s*:\s*)(\S.*?)\s*$`)
	reCookieHeader = lazyRegexp(`(?im)^(\s*(?:set-)?cookie\s*:\s*)(\S.*?)\s*$`)
	// Bearer or Basic credentials anywhere else in text.
	reBearer = lazyRegexp(`(?i)\b(bearer|basic)(\s+)([A-Za-z0-9._~+/=-]{8,})`)
	// key=value, key: value and "key": "value" for secret-bearing names.
	reSecretField = lazyRegexp(`(?i)("?)\b(refresh_token|access_token|id_token|client_secret|client_assertion|password|passwd|pwd)("?\s*[:=]\s*"?)([^"&\s,;}]+)`)
	reCodeParam   = lazyRegexp(`([?&]code=)([^&\s"]{16,})`)
	reSASsig      = lazyRegexp(`(?i)([?&]sig=)([^&\s"]+)`)
	reKeyLike     = lazyRegexp(`[A-Za-z0-9+/=_~.\-]{32,}`)
)

// fieldKind maps a secret field name to its kind.
func fieldKind(name string) string {
	switch strings.ToLower(name) {
	case "refresh_token", "access_token", "id_token":
		return KindToken
	case "client_secret", "client_assertion":
		return KindClientSecret
	}
	return KindPassword
}

// Redact masks every secret in s. It is the one redaction function: the
// journal applies it before writing and every export applies it again. A
// JWT becomes its fingerprint and a few non-secret claims; other secrets
// become a marker naming their kind. It returns the masked text and the
// count of each kind masked.
func Redact(s string) (string, map[string]int) {
	if s == "" {
		return s, nil
	}
	var counts map[string]int
	count := func(kind string) {
		if counts == nil {
			counts = map[string]int{}
		}
		counts[kind]++
	}
	s = reJWT().ReplaceAllStringFunc(s, func(tok string) string {
		count(KindJWT)
		return jwtMarker(tok)
	})
	s = reAuthHeader().ReplaceAllStringFunc(s, func(m string) string {
		sub := reAuthHeader().FindStringSubmatch(m)
		f := strings.Fields(sub[2])
		if isMarker(f[0]) || len(f) > 1 && isMarker(f[1]) {
			return m // already masked
		}
		count(KindAuthorization)
		scheme := ""
		if len(f) > 1 {
			scheme = f[0] + " "
		}
		return sub[1] + scheme + "[redacted]"
	})
	s = reCookieHeader().ReplaceAllStringFunc(s, func(m string) string {
		sub := reCookieHeader().FindStringSubmatch(m)
		count(KindCookie)
		return sub[1] + "[redacted]"
	})
	s = reBearer().ReplaceAllStringFunc(s, func(m string) string {
		sub := reBearer().FindStringSubmatch(m)
		if isMarker(sub[3]) || sub[3] == "[redacted]" {
			return m
		}
		count(KindAuthorization)
		return sub[1] + sub[2] + "[redacted]"
	})
	s = reSecretField().ReplaceAllStringFunc(s, func(m string) string {
		sub := reSecretField().FindStringSubmatch(m)
		if isMarker(sub[4]) || sub[4] == "[redacted]" {
			return m
		}
		count(fieldKind(sub[2]))
		return sub[1] + sub[2] + sub[3] + "[redacted]"
	})
	s = reCodeParam().ReplaceAllStringFunc(s, func(m string) string {
		sub := reCodeParam().FindStringSubmatch(m)
		count(KindAuthCode)
		return sub[1] + "[redacted]"
	})
	s = reSASsig().ReplaceAllStringFunc(s, func(m string) string {
		sub := reSASsig().FindStringSubmatch(m)
		if sub[2] == "[redacted]" {
			return m
		}
		count(KindSAS)
		return sub[1] + "[redacted]"
	})
	s = reKeyLike().ReplaceAllStringFunc(s, func(m string) string {
		if !keyLike(m) {
			return m
		}
		count(KindKeyLike)
		return "[redacted key-like string]"
	})
	return s, counts
}

// keyLike tells a secret-looking run from ordinary long words: it mixes
// upper case, lower case and digits and is not a URL, path or dotted name.
func keyLike(m string) bool {
	var upper, lower, digit bool
	for _, c := range m {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		}
	}
	if !upper || !lower || !digit {
		return false
	}
	// Dotted names with real words (a.b.c), and file paths, are not keys.
	if strings.Count(m, ".") >= 2 && !strings.ContainsAny(m, "+/=~") {
		return false
	}
	return true
}

func isMarker(s string) bool {
	return strings.HasPrefix(s, "[jwt") || strings.HasPrefix(s, "[redacted")
}

// jwtMarker replaces a token by its fingerprint and the claims that say
// what it is for, none of which is secret.
func jwtMarker(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	fp := hex.EncodeToString(sum[:])[:8]
	parts := strings.Split(tok, ".")
	var claims []string
	if len(parts) == 3 {
		if b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "=")); err == nil {
			var c map[string]any
			if json.Unmarshal(b, &c) == nil {
				for _, k := range []string{"aud", "tid", "appid", "azp", "exp"} {
					switch v := c[k].(type) {
					case string:
						claims = append(claims, k+"="+safeClaim(v))
					case float64:
						claims = append(claims, fmt.Sprintf("%s=%d", k, int64(v)))
					}
				}
			}
		}
	} else {
		claims = append(claims, "encrypted")
	}
	marker := "[jwt sha256:" + fp + "…"
	if len(claims) > 0 {
		marker += " " + strings.Join(claims, " ")
	}
	return marker + "]"
}

// safeClaim keeps a claim short and free of anything that could itself
// look like a secret.
func safeClaim(v string) string {
	if len(v) > 80 {
		v = v[:80]
	}
	return strings.Map(func(r rune) rune {
		if r == ']' || r == '[' || r < 0x20 {
			return -1
		}
		return r
	}, v)
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
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], KindName(k)))
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
		do(&st.Ticket)
		do(&st.Operator)
		e.Start = &st
	}
	e.Redacted = addCounts(e.Redacted, counts)
}
