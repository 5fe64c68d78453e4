package probes

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// AADSTS reads a Microsoft identity platform error as the user or a log
// shows it (token endpoint JSON, a log line, an escaped exception) and says
// what its code means and which branch of the tree it leads to.
type AADSTS struct{}

// Name returns "aadsts".
func (AADSTS) Name() string { return "aadsts" }

// Describe says what to paste.
func (AADSTS) Describe() Description {
	return Description{
		Title:   "Read an AADSTS error",
		Paste:   "the error text or JSON with the AADSTS code (error_description, Trace ID, Correlation ID)",
		Example: `{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity."}`,
	}
}

// Facts declares what the error tells.
func (AADSTS) Facts() []FactSpec {
	return []FactSpec{
		{"aadsts.code", FactInt, "the primary AADSTS code (the one in error_description)"},
		{"aadsts.codes", FactStrings, "every AADSTS code found, first seen first"},
		{"aadsts.category", FactString, "what kind of failure the code is: inactivity, spa-lifetime, revoked, interaction-required, conditional-access, sign-in-frequency, invalid-grant, consent, secret, credentials, account, app-config, tenant, device, clock, seamless-sso, service, retry or unknown"},
		{"aadsts.known", FactBool, "deskside has guidance for the primary code"},
		{"aadsts.name", FactString, "the code's symbolic name in Microsoft's reference"},
		{"aadsts.advice", FactString, "the recommended next move for the category"},
		{"oauth.error", FactString, "the OAuth error (invalid_grant, interaction_required, invalid_client…)"},
		{"oauth.suberror", FactString, "the suberror (consent_required, message_only…)"},
		{"aadsts.trace_id", FactString, "Trace ID, for Microsoft support"},
		{"aadsts.correlation_id", FactString, "Correlation ID, for the tenant's sign-in log"},
		{"aadsts.timestamp", FactString, "when the service raised the error, RFC 3339 UTC"},
		{"aadsts.error_count", FactInt, "how many distinct errors the paste holds, set only when there are several (a log with retries): the other facts are the last one's"},
	}
}

var (
	reCode       = lazyRegexp(`AADSTS(\d{4,9})`)
	reMSALCode   = lazyRegexp(`\b(invalid_grant|invalid_client|interaction_required|consent_required|login_required|invalid_request|invalid_scope|unauthorized_client|access_denied|temporarily_unavailable|server_error|unsupported_grant_type|invalid_resource)\s*:\s*(\d{4,9})\b`)
	reErrorCodes = lazyRegexp(`"error_codes"\s*:\s*\[([\d,\s]*)\]`)
	reOAuthErr   = lazyRegexp(`"error"\s*:\s*"([a-z_]+)"`)
	reErrorCode  = lazyRegexp(`\b[Ee]rror[Cc]ode\s*:\s*([a-z][a-z_]+)\b`)
	reBareOAuth  = lazyRegexp(`\b(invalid_grant|invalid_client|interaction_required|consent_required|login_required|invalid_scope|unauthorized_client|access_denied|temporarily_unavailable|invalid_request|server_error)\b`)
	// reSuberror is the suberror as JSON, a log or MSAL's aligned fields
	// print it: "suberror":"x", SubError: x, subError:   x.
	reSuberror = lazyRegexp(`(?i)"?\bsub_?error"?\s*[:=]\s*"?([a-z][a-z_]{2,40})\b`)
	// reRequestIDLine is the sign-in error page's "Request Id: <guid>",
	// which is what the other forms call the Trace ID.
	reRequestIDLine = lazyRegexp(`(?im)^[\s>*-]*request id\s*:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
	// reQueryError is the error of a redirect URI's query: ?error=invalid_request&…
	reQueryError = lazyRegexp(`[?&#]error=([a-z_]{3,40})\b`)
	reTraceID    = lazyRegexp(`(?i)trace[\s_]*id"?\s*[:=]\s*"?\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
	reCorrID     = lazyRegexp(`(?i)correlation[\s_]*id"?\s*[:=]\s*"?\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
	reOAuthWord  = lazyRegexp(`^[a-z][a-z_]{2,40}$`)
	reGUID       = lazyRegexp(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	reTimestamp  = lazyRegexp(`(?i)"?timestamp"?\s*[:=]\s*"?\s*(\d{4}-\d\d-\d\d)[\sT]+(\d\d:\d\d:\d\d)(?:\.\d+)?Z?`)
)

var oauthCategory = map[string]string{
	"invalid_grant":           catInvalid,
	"interaction_required":    catInteraction,
	"login_required":          catInteraction,
	"consent_required":        catConsent,
	"invalid_client":          catSecret,
	"unauthorized_client":     catConfig,
	"invalid_scope":           catConfig,
	"invalid_resource":        catConfig,
	"temporarily_unavailable": catService,
	"server_error":            catService,
}

// Run reads the error.
func (AADSTS) Run(_ context.Context, in Input) Result {
	const expected = "an identity platform error: an AADSTS code, or a JSON body with error and error_description"
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	e := readErrors(text)
	if len(e.codes) == 0 && e.oauthErr == "" {
		return errorResult(expected, text)
	}
	b := newBuilder("problem")
	b.raise(StatusFail)
	headline := e.facts(b)
	return b.result(headline)
}

// aadstsError is what an identity platform error says, read from its JSON
// body when it has one and from its text otherwise.
type aadstsError struct {
	codes                      []string
	oauthErr, suberror         string
	traceID, corrID, timestamp string
	fromJSON                   bool
	// primary is the code the facts are about when the paste holds
	// several error messages; otherwise the first of codes is.
	primary string
	// errors counts the distinct errors of a paste with several messages;
	// others names the errors before the last, and repeated says where
	// the last one is said again.
	errors   int
	others   []string
	repeated string
}

// addCode records a code once, written without leading zeros so that
// "AADSTS050076" and error_codes' 50076 are one code; 0 is no code.
func (e *aadstsError) addCode(c string) {
	n, err := strconv.Atoi(c)
	if err != nil || n <= 0 {
		return
	}
	if c = strconv.Itoa(n); !slices.Contains(e.codes, c) {
		e.codes = append(e.codes, c)
	}
}

// parseAADSTS reads the error: the JSON body first, because its fields say
// exactly which value is which, then the patterns that find the same
// values in log lines, exception text and bodies too broken to decode.
func parseAADSTS(text string) aadstsError {
	var e aadstsError
	if body := findErrorJSON(text); body != nil {
		e.fromJSON = true
		str := func(k string) string { s, _ := body[k].(string); return strings.TrimSpace(s) }
		if desc := str("error_description"); desc != "" {
			for _, m := range reCode().FindAllStringSubmatch(desc, 16) {
				e.addCode(m[1])
			}
		}
		if list, ok := body["error_codes"].([]any); ok {
			for _, c := range list {
				if n, ok := c.(float64); ok && n > 0 && n < 1e10 {
					e.addCode(strconv.Itoa(int(n)))
				}
			}
		}
		if v := str("error"); reOAuthWord().MatchString(v) {
			e.oauthErr = v
		}
		if v := str("suberror"); reOAuthWord().MatchString(v) {
			e.suberror = v
		}
		if v := str("trace_id"); reGUID().MatchString(v) {
			e.traceID = strings.ToLower(v)
		}
		if v := str("correlation_id"); reGUID().MatchString(v) {
			e.corrID = strings.ToLower(v)
		}
		if t, ok := parseAnyTime(str("timestamp")); ok {
			e.timestamp = rfc(t)
		}
	}
	s := unescapeURL(unescapeRepeatedly(text))
	for _, m := range reCode().FindAllStringSubmatch(s, 64) {
		e.addCode(m[1])
	}
	msal := msalCodes(s)
	for _, h := range msal {
		e.addCode(h.m[2])
	}
	if m := reErrorCodes().FindStringSubmatch(s); m != nil {
		for _, c := range strings.Split(m[1], ",") {
			e.addCode(strings.TrimSpace(c))
		}
	}
	if e.oauthErr == "" {
		e.oauthErr = firstGroup(reOAuthErr(), s)
	}
	if e.oauthErr == "" && len(msal) > 0 {
		e.oauthErr = msal[0].m[1]
	}
	if e.oauthErr == "" {
		e.oauthErr = firstGroup(reErrorCode(), s)
	}
	if e.oauthErr == "" && strings.Contains(s, "error=") {
		e.oauthErr = firstGroup(reQueryError(), s)
	}
	if e.oauthErr == "" {
		e.oauthErr = firstGroup(reBareOAuth(), s)
	}
	// The patterns that ignore case run only when a cheap look finds their
	// word: on a long paste they cost more than the rest together.
	if e.suberror == "" && containsAny(s, "uberror", "ubError", "UBERROR", "ub_error") {
		e.suberror = firstGroup(reSuberror(), s)
	}
	if e.traceID == "" {
		e.traceID = strings.ToLower(firstGroup(reTraceID(), s))
	}
	if e.corrID == "" {
		e.corrID = strings.ToLower(firstGroup(reCorrID(), s))
	}
	if e.traceID == "" && len(e.codes) > 0 && containsAny(s, "equest Id", "equest ID", "equest id", "EQUEST ID") {
		e.traceID = strings.ToLower(firstGroup(reRequestIDLine(), s))
	}
	if e.timestamp == "" {
		if m := reTimestamp().FindStringSubmatch(s); m != nil {
			if t, err := time.Parse("2006-01-02 15:04:05", m[1]+" "+m[2]); err == nil {
				e.timestamp = rfc(t)
			}
		}
	}
	return e
}

// maxMentions bounds how many code mentions a paste is split on: a log
// that repeats one error hundreds of times says nothing new after that.
const maxMentions = 64

// errorMessage is one error message in a paste: a line that names one or
// more AADSTS codes, and where its part of the paste starts.
type errorMessage struct {
	line  int // 1-based
	start int // byte offset of its part of the paste
	codes []string
}

// errorMessages finds the error messages a paste holds, in the order
// they appear. Each line that names an AADSTS code ("AADSTS50076", or
// MSAL's "invalid_grant: 50076") is one message; codes on one line belong
// to one message ("AADSTS70002: … AADSTS70000: …"). A message's part of
// the paste runs to the next one's; it starts at its own line, or earlier
// at the line that opens a JSON object after the previous message, so
// that a pretty-printed body whose "error" comes first is read whole.
func errorMessages(text string) []errorMessage {
	type hit struct {
		at   int
		code string
	}
	var hits []hit
	for _, ix := range reCode().FindAllStringSubmatchIndex(text, maxMentions) {
		if n, _ := strconv.Atoi(text[ix[2]:ix[3]]); n > 0 {
			hits = append(hits, hit{ix[0], strconv.Itoa(n)})
		}
	}
	for _, h := range msalCodes(text) {
		if n, _ := strconv.Atoi(h.m[2]); n > 0 {
			hits = append(hits, hit{h.at, strconv.Itoa(n)})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	var msgs []errorMessage
	line, from, prevEnd := 1, 0, 0
	for _, h := range hits[:min(len(hits), maxMentions)] {
		line += strings.Count(text[from:h.at], "\n")
		from = h.at
		if n := len(msgs); n > 0 && msgs[n-1].line == line {
			if !slices.Contains(msgs[n-1].codes, h.code) {
				msgs[n-1].codes = append(msgs[n-1].codes, h.code)
			}
			continue
		}
		start := strings.LastIndexByte(text[:h.at], '\n') + 1
		if len(msgs) == 0 {
			start = 0
		} else if j := strings.LastIndexByte(text[prevEnd:start], '{'); j >= 0 {
			start = strings.LastIndexByte(text[:prevEnd+j], '\n') + 1
		}
		msgs = append(msgs, errorMessage{line: line, start: start, codes: []string{h.code}})
		prevEnd = len(text)
		if k := strings.IndexByte(text[h.at:], '\n'); k >= 0 {
			prevEnd = h.at + k + 1
		}
	}
	return msgs
}

// readErrors reads the error a paste is about. A paste with one error
// message is read whole. One with several (a log with retries, a console
// with a first and a final attempt) is about the last error: logs run
// forward, so the last is the one the user is stuck on. Each message's
// part of the paste is read apart, so that the IDs and the OAuth error
// come from the same message as the code. Messages in a row with the same
// code and no conflicting Trace or Correlation ID are one error said again
// (MSAL logging a response twice, a summary line or a wrapper repeating
// the code without its IDs), so a repeat never hides the IDs of the
// message it repeats.
func readErrors(text string) aadstsError {
	msgs := errorMessages(text)
	if len(msgs) < 2 {
		return parseAADSTS(text)
	}
	type group struct {
		e     aadstsError
		lines []int
	}
	var groups []group
	var codes []string
	for k, m := range msgs {
		end := len(text)
		if k+1 < len(msgs) {
			end = msgs[k+1].start
		}
		p := parseAADSTS(text[m.start:end])
		for _, c := range m.codes {
			p.addCode(c)
		}
		if len(p.codes) == 0 {
			continue
		}
		for _, c := range p.codes {
			if !slices.Contains(codes, c) {
				codes = append(codes, c)
			}
		}
		if n := len(groups); n > 0 && sameError(groups[n-1].e, p) {
			g := &groups[n-1]
			g.lines = append(g.lines, m.line)
			for _, f := range []struct {
				dst *string
				src string
			}{{&g.e.traceID, p.traceID}, {&g.e.corrID, p.corrID}, {&g.e.timestamp, p.timestamp}, {&g.e.oauthErr, p.oauthErr}, {&g.e.suberror, p.suberror}} {
				if *f.dst == "" {
					*f.dst = f.src
				}
			}
			continue
		}
		groups = append(groups, group{p, []int{m.line}})
	}
	if len(groups) == 0 {
		return parseAADSTS(text)
	}
	last := groups[len(groups)-1]
	e := last.e
	e.primary = e.codes[0]
	e.codes = codes
	e.errors = len(groups)
	for _, g := range groups[:len(groups)-1] {
		e.others = append(e.others, fmt.Sprintf("also in the paste: AADSTS%s at %s", strings.Join(g.e.codes, ", AADSTS"), lineList(g.lines)))
	}
	if len(last.lines) > 1 {
		e.repeated = fmt.Sprintf("AADSTS%s is named %d times in a row, at %s: read as one error", e.primary, len(last.lines), lineList(last.lines))
	}
	return e
}

// sameError reports whether the message b repeats the error a: the same
// first code, and no Trace or Correlation ID that tells them apart (each
// request the service answers has its own).
func sameError(a, b aadstsError) bool {
	differ := func(x, y string) bool { return x != "" && y != "" && x != y }
	return a.codes[0] == b.codes[0] && !differ(a.traceID, b.traceID) && !differ(a.corrID, b.corrID) && !differ(a.timestamp, b.timestamp)
}

// lineList writes line numbers as an operator reads them: "line 3",
// "lines 3 and 9", "lines 1, 5 and 6".
func lineList(lines []int) string {
	if len(lines) == 1 {
		return fmt.Sprintf("line %d", lines[0])
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strconv.Itoa(l)
	}
	return "lines " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// msalWords are the OAuth errors MSAL writes before a code ("invalid_grant: 70000").
var msalWords = []string{"invalid_grant", "invalid_client", "interaction_required", "consent_required", "login_required", "invalid_request",
	"invalid_scope", "unauthorized_client", "access_denied", "temporarily_unavailable", "server_error", "unsupported_grant_type", "invalid_resource"}

// msalHit is a "word: code" pair and where it starts in the text.
type msalHit struct {
	at int
	m  []string
}

// msalCodes finds "word: code" pairs (reMSALCode) in text order, at most
// 16. It looks for the words first: the pattern alone is slow on a long paste.
func msalCodes(s string) []msalHit {
	var hits []msalHit
	for _, w := range msalWords {
		from := 0
		for n := 0; n < 16; n++ {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			if m := reMSALCode().FindStringSubmatch(s[max(0, i-1):min(len(s), i+len(w)+24)]); m != nil && m[1] == w {
				hits = append(hits, msalHit{i, m})
			}
			from = i + len(w)
		}
	}
	slices.SortFunc(hits, func(a, b msalHit) int { return a.at - b.at })
	return hits[:min(len(hits), 16)]
}

// facts records what the error says and returns the summary's headline.
func (e aadstsError) facts(b *builder) string {
	b.setString("oauth.error", e.oauthErr)
	b.setString("oauth.suberror", e.suberror)
	b.setString("aadsts.trace_id", e.traceID)
	b.setString("aadsts.correlation_id", e.corrID)
	b.setString("aadsts.timestamp", e.timestamp)
	category, headline := catUnknown, ""
	if len(e.codes) > 0 {
		b.set("aadsts.codes", e.codes)
		first := e.codes[0]
		if e.primary != "" {
			first = e.primary
		}
		primary, _ := strconv.Atoi(first)
		cat, meaning, name, known := LookupAADSTS(primary)
		b.set("aadsts.code", primary)
		b.set("aadsts.known", known)
		b.setString("aadsts.name", name)
		category = cat
		if known {
			headline = fmt.Sprintf("AADSTS%d (%s): %s", primary, cat, meaning)
		} else if name != "" {
			headline = fmt.Sprintf("AADSTS%d (%s) is not in deskside's table: look it up in Microsoft's AADSTS reference", primary, name)
		} else {
			headline = fmt.Sprintf("AADSTS%d is not a code deskside knows: look it up in Microsoft's AADSTS reference", primary)
		}
		for _, c := range e.codes {
			n, _ := strconv.Atoi(c)
			cat, meaning, name, known := LookupAADSTS(n)
			line := "AADSTS" + c
			if name != "" {
				line += " " + name
			}
			if known {
				line += fmt.Sprintf(" [%s] %s", cat, meaning)
			} else {
				line += " [unknown to deskside]"
			}
			b.detail(line)
		}
	} else {
		if c := oauthCategory[e.oauthErr]; c != "" {
			category = c
		}
		headline = fmt.Sprintf("OAuth error %s with no AADSTS code (%s)", e.oauthErr, category)
	}
	b.set("aadsts.category", category)
	advice := categoryAdvice[category]
	b.set("aadsts.advice", advice)
	if e.oauthErr != "" {
		sub := ""
		if e.suberror != "" {
			sub = ", suberror " + e.suberror
		}
		b.detail("OAuth error " + e.oauthErr + sub)
	}
	for _, k := range []string{"aadsts.timestamp", "aadsts.trace_id", "aadsts.correlation_id"} {
		if v := b.str(k); v != "" {
			b.detail(strings.TrimPrefix(k, "aadsts.") + " " + v)
		}
	}
	if e.errors > 1 {
		b.set("aadsts.error_count", e.errors)
		headline += fmt.Sprintf(" (the last of %d errors in the paste)", e.errors)
		b.detailf("the paste holds %d errors: this reading is of the last one", e.errors)
		for _, o := range e.others {
			b.detail(o)
		}
	}
	if e.repeated != "" {
		b.note(e.repeated)
	}
	b.detail("next: " + advice)
	return headline
}

// unescapeRepeatedly undoes JSON string escaping as many times as it was
// applied: error bodies wrapped in exceptions wrapped in JSON arrive two or
// three times escaped.
func unescapeRepeatedly(s string) string {
	// Each pass reads the whole paste: stop as soon as no escape is left.
	for i := 0; i < 6 && strings.Contains(s, `\`); i++ {
		next := jsonUnescaper().Replace(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

// jsonUnescaper undoes one level of JSON string escaping.
var jsonUnescaper = sync.OnceValue(func() *strings.Replacer {
	return strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\r\n`, "\n", `\n`, "\n", `\r`, "\n", `\t`, " ", `\/`, `/`, `\u0027`, "'")
})

// unescapeURL decodes the URL-encoded runs of a paste: an error that came
// back in a redirect URI (?error=…&error_description=AADSTS90130%3a+…) is
// read like any other. Only runs that decode cleanly and carry an escape
// are replaced; the rest of the text is left as it is.
func unescapeURL(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isURLByte(s[j]) {
			j++
		}
		if j == i {
			b.WriteByte(s[i])
			i++
			continue
		}
		run := s[i:j]
		if strings.Contains(run, "%") {
			if dec, err := url.QueryUnescape(run); err == nil && dec != run {
				b.WriteString(dec)
				changed = true
				i = j
				continue
			}
		}
		b.WriteString(run)
		i = j
	}
	if !changed {
		return s
	}
	return b.String()
}

// isURLByte reports a byte that may stand in a URL's query unescaped.
func isURLByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("%+-._~!*'()=&?/:;,@#$", c) >= 0
}

// containsAny reports whether s contains any of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func firstGroup(re *regexp.Regexp, s string) string {
	if m := re.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// maxJSONTries bounds how many "{" a paste is tried from: a long log may
// hold many, and each try can read far.
const maxJSONTries = 6

// findErrorJSON finds an OAuth error object in a paste: the first JSON
// object, anywhere in the text, that has error_description or error and
// error_codes, looking inside string values that hold JSON themselves (an
// exception whose message is the body).
func findErrorJSON(text string) map[string]any {
	return findJSON(text, func(v map[string]any) bool {
		if _, ok := v["error_description"].(string); ok {
			return true
		}
		_, codes := v["error_codes"]
		_, word := v["error"].(string)
		return codes && word
	})
}

// findJSON returns the first JSON object in text, or inside one (in a
// nested object, or in a string value that holds JSON), for which want is
// true. Objects are searched key by key in sorted order, so the answer
// does not depend on map order.
func findJSON(text string, want func(map[string]any) bool) map[string]any {
	return findJSONAt(text, want, 0)
}

func findJSONAt(text string, want func(map[string]any) bool, depth int) map[string]any {
	if depth > 4 {
		return nil
	}
	tries := 0
	for i := 0; i < len(text) && tries < maxJSONTries; i++ {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			return nil
		}
		i += j
		rest := strings.TrimLeft(text[i+1:], " \t\n")
		if !strings.HasPrefix(rest, `"`) && !strings.HasPrefix(rest, "}") {
			continue
		}
		tries++
		var v map[string]any
		if json.NewDecoder(strings.NewReader(text[i:])).Decode(&v) != nil {
			continue
		}
		if m := jsonObjectIn(v, want, depth); m != nil {
			return m
		}
	}
	return nil
}

// jsonObjectIn returns v or the first object inside it for which want is true.
func jsonObjectIn(v map[string]any, want func(map[string]any) bool, depth int) map[string]any {
	if depth > 4 {
		return nil
	}
	if want(v) {
		return v
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch y := v[k].(type) {
		case map[string]any:
			if m := jsonObjectIn(y, want, depth+1); m != nil {
				return m
			}
		case string:
			if t := strings.TrimSpace(y); strings.HasPrefix(t, "{") {
				if m := findJSONAt(t, want, depth+1); m != nil {
					return m
				}
			}
		}
	}
	return nil
}
