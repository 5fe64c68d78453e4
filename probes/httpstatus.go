package probes

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// HTTPStatus reads a pasted HTTP response (curl -i, a browser's copy, a
// PowerShell error, a bare status line or a Graph error body) and says which
// layer failed: authentication (401), permission (403), throttling (429) or
// the service (5xx). Telling these apart is the first question of the
// three-question test.
type HTTPStatus struct{}

// Name returns "httpstatus".
func (HTTPStatus) Name() string { return "httpstatus" }

// Describe says what to paste.
func (HTTPStatus) Describe() Description {
	return Description{
		Title:   "Read an HTTP response",
		Paste:   "the failing response: status line, headers and body (curl -i, browser dev tools, PowerShell error), or just the status",
		Example: `HTTP/1.1 401 Unauthorized with WWW-Authenticate: Bearer error="invalid_token"`,
	}
}

// Facts declares what the response tells.
func (HTTPStatus) Facts() []FactSpec {
	return []FactSpec{
		{"http.status", FactInt, "the HTTP status code"},
		{"http.class", FactString, "authentication (401), permission (403), throttling (429), server (5xx), success (2xx) or other"},
		{"http.retry_after", FactInt, "seconds the service asks to wait (Retry-After)"},
		{"http.www_authenticate_error", FactString, "the error in the WWW-Authenticate header (invalid_token, insufficient_claims…)"},
		{"http.www_authenticate_description", FactString, "the error_description in the WWW-Authenticate header"},
		{"http.request_id", FactString, "request-id, for Microsoft support"},
		{"http.client_request_id", FactString, "client-request-id"},
		{"http.graph_error_code", FactString, "the Graph error code (InvalidAuthenticationToken, Authorization_RequestDenied, TooManyRequests…)"},
		{"http.message", FactString, "the error message of the body"},
		{"http.says_expired", FactBool, "the response says the token expired"},
		{"http.date", FactString, "the Date header, RFC 3339 UTC"},
		{"http.response_count", FactInt, "how many responses the paste holds, set only when there are several (a log with retries, a network capture): the other facts are the last failing one's"},
	}
}

var (
	reStatusLine = lazyRegexp(`^HTTP/[\d.]+\s+(\d{3})\b`)
	// reStatusWord and reExpiredMsg run on the lower-cased text: a
	// case-insensitive pattern is several times slower on a long paste.
	reStatusWord = lazyRegexp(`\b`, statusFieldPattern)
	reBareStatus = lazyRegexp(`^\s*(\d{3})(?:\s+[A-Za-z][A-Za-z ]*)?\s*$`)
	reGraphCode  = lazyRegexp(`^[A-Za-z][A-Za-z0-9_]{2,60}$`)
	reWWWParam   = lazyRegexp(`(\w+)\s*=\s*"([^"]*)"`)
	// reNoResponse is an SDK saying the call got no response at all
	// ("Status Code: 0"): its error code then names no HTTP status.
	reNoResponse = lazyRegexp(`status\s*code\s*[:=]\s*0\b`)
	reExpiredMsg = lazyRegexp(`token (?:is |has )?expired|lifetime validation failed|access token has expired|expired or is not yet valid|token_expired`)
)

// graphCodeStatus infers a status from a Graph error code when the paste
// holds only the body.
var graphCodeStatus = map[string]int{
	"InvalidAuthenticationToken":     401,
	"Unauthorized":                   401,
	"Authorization_RequestDenied":    403,
	"Forbidden":                      403,
	"accessDenied":                   403,
	"ErrorAccessDenied":              403,
	"TooManyRequests":                429,
	"activityLimitReached":           429,
	"ServiceUnavailable":             503,
	"serviceNotAvailable":            503,
	"generalException":               500,
	"InternalServerError":            500,
	"Request_ResourceNotFound":       404,
	"itemNotFound":                   404,
	"Authentication_ExpiredToken":    401,
	"Authorization_IdentityNotFound": 401,
	// Azure Resource Manager's codes, which Logic Apps and scripts show.
	"AuthenticationFailed":             401,
	"ExpiredAuthenticationToken":       401,
	"InvalidAuthenticationTokenTenant": 401,
	"AuthorizationFailed":              403,
}

// Run reads the response.
func (HTTPStatus) Run(_ context.Context, in Input) Result {
	const expected = "an HTTP response or status line (such as HTTP/1.1 401 Unauthorized) or a Graph error body"
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	resp := readResponses(text)
	if resp.status == 0 {
		if r, ok := tokenNotResponse(text, in.now()); ok {
			return r
		}
	}
	if resp.status == 0 && resp.graphCode == "" && len(resp.headers) == 0 {
		return errorResult(expected, text)
	}
	if resp.status < 100 || resp.status > 599 {
		if resp.status != 0 {
			return Result{Status: StatusError, Summary: fmt.Sprintf("%d is not an HTTP status code: expected 100 to 599.", resp.status)}
		}
		return Result{Status: StatusError, Summary: resp.withoutStatus()}
	}
	b := newBuilder("problem")
	resp.facts(b, in.now())
	b.raise(resp.severity())
	return b.result(resp.headline(b))
}

// withoutStatus says what a response without a status held, and asks for
// the status: deskside does not guess it from headers alone.
func (r response) withoutStatus() string {
	var found []string
	if r.graphCode != "" {
		found = append(found, "the error code "+r.graphCode)
	}
	if v := r.headers["Request-Id"]; v != "" {
		found = append(found, "request-id "+Shorten(v, 40))
	}
	if v := r.headers["Retry-After"]; v != "" {
		found = append(found, "Retry-After "+Shorten(v, 32))
	}
	if len(found) == 0 {
		return "No HTTP status was found: paste the status line (such as HTTP/1.1 401 Unauthorized) too."
	}
	return "Read " + strings.Join(found, ", ") + ", but no HTTP status was found: paste the status line (such as HTTP/1.1 401 Unauthorized) too."
}

// tokenNotResponse recognises a token pasted where a response was
// expected: it says so, and what the token is, so that the operator knows
// the claims check will read it.
func tokenNotResponse(text string, now time.Time) (Result, bool) {
	t, ok := findJWT(text)
	if !ok || len(t.text) > maxToken || len(t.text)*2 < len(strings.TrimSpace(text)) {
		return Result{}, false
	}
	jr := decodeToken(t.text, "", reference{now, "now"})
	if jr.Status == StatusError {
		return Result{}, false
	}
	return Result{Status: StatusError,
		Summary: endSentence("This is a token, not an HTTP response: " + strings.TrimSuffix(jr.Summary, ".") + ". The claims check (jwt) reads it"),
		Details: jr.Details}, true
}

// response is what a pasted HTTP response says.
type response struct {
	status    int
	from      string // where the status was read
	headers   map[string]string
	graphCode string
	codeFrom  string // "the message" when the code was read from a known message
	message   string
	expired   bool
	// count is how many responses the paste holds when it holds several;
	// line is where the one read starts, last whether it is the last one,
	// and others names the rest.
	count  int
	line   int
	last   bool
	others []string
}

// maxResponses bounds how many responses a paste is split into.
const maxResponses = 100

// statusAnchor is where a response starts in a paste: the start of the
// line that gives its status.
type statusAnchor struct {
	at, status int
	// field is the offset of a status field ("HTTP Error 500") when the
	// response has no status line; -1 for a status line (a field can
	// start the paste, at offset 0).
	field int
}

// statusAnchors finds where each response of a paste starts: its status
// lines (HTTP/1.1 401 …), or, in a log without them, the lines whose
// status fields (status: 429, StatusCode: 401) name different statuses.
// A paste with one response, or one status said several ways, gives
// fewer than two.
func statusAnchors(text string) []statusAnchor {
	var out []statusAnchor
	from := 0
	for tries := 0; tries < 1000 && len(out) < maxResponses; tries++ {
		i := strings.Index(text[from:], "HTTP/")
		if i < 0 {
			break
		}
		i += from
		start := strings.LastIndexByte(text[:i], '\n') + 1
		if strings.TrimLeft(text[start:i], " \t<>") == "" {
			if m := reStatusLine().FindStringSubmatch(text[i:min(len(text), i+40)]); m != nil {
				out = append(out, statusAnchor{at: start, status: atoi(m[1]), field: -1})
			}
		}
		from = i + 5
	}
	if len(out) >= 2 {
		return out
	}
	out = out[:0]
	distinct := map[int]bool{}
	for _, ix := range statusFields(asciiLower(text), maxResponses) {
		start := strings.LastIndexByte(text[:ix[0]], '\n') + 1
		if n := len(out); n > 0 && out[n-1].at == start {
			continue
		}
		st := atoi(text[ix[2]:ix[3]])
		out = append(out, statusAnchor{at: start, status: st, field: ix[0]})
		distinct[st] = true
	}
	if len(distinct) < 2 {
		return nil
	}
	return out
}

// isWrapper reports a response part that only wraps an error reported
// elsewhere in the paste: a web server's HTML error page ("<h3>HTTP Error
// 500.0"), or an exception that points to its inner one. field is where
// the part's status field is, or negative when it has a status line; a
// status field is a page's when HTML markup comes just before it.
func isWrapper(part string, field int) bool {
	low := asciiLower(part)
	if containsAny(low, "see inner exception", "see the inner exception") {
		return true
	}
	if field < 0 {
		return containsAny(low, "<html", "<!doctype html")
	}
	before := low[max(0, field-120):field]
	return containsAny(before, "<h1", "<h2", "<h3", "<title", "<body", "<p>", "<div")
}

// asciiLower lower-cases ASCII letters only, so that offsets in the result
// are offsets in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// readResponses reads the response a paste is about. A paste with several
// (a log with retries, a network capture, a console with a first and a
// final call) is about the last that failed: logs run forward, a retry
// that was throttled and then refused ends on the refusal, and a success
// after the failure (a later, unrelated call) is not what the user is
// stuck on, and neither is a web server's error page that only wraps the
// failure before it. Each response is read with its own part of the
// paste, so its headers and body stay with its status.
func readResponses(text string) response {
	as := statusAnchors(text)
	if len(as) < 2 {
		return parseResponse(text)
	}
	parts := make([]response, len(as))
	wrapper := make([]bool, len(as))
	line, from := 1, 0
	for k, a := range as {
		start, end := a.at, len(text)
		if k == 0 {
			start = 0
		}
		if k+1 < len(as) {
			end = as[k+1].at
		}
		line += strings.Count(text[from:a.at], "\n")
		from = a.at
		parts[k] = parseResponse(text[start:end])
		parts[k].line = line
		field := -1 // a status line
		if a.field >= 0 {
			field = a.field - start
		}
		wrapper[k] = isWrapper(text[start:end], field)
	}
	// rank orders what a response can be: a failure the API itself sent
	// beats a wrapper's (a web server's error page around it), which
	// beats a success, which beats an interim 1xx; among equals the
	// later wins.
	rank := func(k int) int {
		st := parts[k].status
		if st >= 400 && !wrapper[k] {
			return 3
		}
		if st >= 400 {
			return 2
		}
		if st >= 200 {
			return 1
		}
		return 0
	}
	pick, count := 0, 0
	for k, p := range parts {
		if p.status >= 200 {
			count++
		}
		if rank(k) >= rank(pick) {
			pick = k
		}
	}
	if count < 2 {
		// one response after interim ones (100 Continue): read it alone.
		return parts[pick]
	}
	r := parts[pick]
	r.count, r.last = count, true
	for k, p := range parts {
		if p.status < 200 || k == pick {
			continue
		}
		if k > pick {
			r.last = false
		}
		r.others = append(r.others, fmt.Sprintf("also in the paste: %d %s at line %d", p.status, http.StatusText(p.status), p.line))
	}
	return r
}

// parseResponse reads the status, the headers and the error body.
func parseResponse(text string) response {
	r := response{headers: map[string]string{}}
	lower := strings.ToLower(text)
	if code, ok := statusLine(text); ok {
		r.status, r.from = code, "status line"
	} else if ms := statusFields(lower, 1); len(ms) > 0 {
		r.status, r.from = atoi(lower[ms[0][2]:ms[0][3]]), "status field"
	} else if m := reBareStatus().FindStringSubmatch(text); m != nil {
		r.status, r.from = atoi(m[1]), "status"
	}
	// last is the header the previous line set, which an indented line
	// without a name of its own carries on (a folded header).
	last := ""
	for _, line := range strings.Split(text, "\n") {
		if name, value, ok := headerLine(line); ok {
			k := http.CanonicalHeaderKey(name)
			last = ""
			if _, seen := r.headers[k]; !seen {
				r.headers[k], last = value, k
			}
			continue
		}
		if t := strings.TrimSpace(line); last != "" && t != "" && (line[0] == ' ' || line[0] == '\t') && len(r.headers[last]) < 4096 {
			r.headers[last] += " " + t
			continue
		}
		last = ""
	}
	r.readBody(jsonBody(text))
	if r.graphCode == "" {
		r.graphCode = r.headers["Errorcode"]
	}
	if r.status == 0 || r.graphCode == "" || r.message == "" {
		r.readLoose(unescapeRepeatedly(text[:looseWindow(text)]))
	}
	if r.graphCode == "" && r.message != "" {
		low := strings.ToLower(r.message)
		for _, m := range graphMessages {
			if strings.Contains(low, m.phrase) {
				r.graphCode, r.codeFrom = m.code, "the message"
				break
			}
		}
	}
	if r.status == 0 && r.graphCode != "" && !reNoResponse().MatchString(lower) {
		if s, ok := graphCodeStatus[r.graphCode]; ok {
			r.status, r.from = s, "error code "+r.graphCode
			if r.codeFrom != "" {
				r.from += ", which the message means"
			}
		}
	}
	if r.message == "" {
		// A PowerShell error puts the message on its first line: "Cmdlet : message".
		first := strings.TrimSpace(strings.SplitN(text, "\n", 2)[0])
		if i := strings.Index(first, " : "); i > 0 && !strings.HasPrefix(first, "HTTP/") {
			r.message = strings.TrimSpace(first[i+3:])
		}
	}
	r.expired = reExpiredMsg().MatchString(lower)
	return r
}

// statusLine finds the first line that starts (after spaces) with a status
// line such as "HTTP/1.1 401". It looks for "HTTP/" first: a pattern
// anchored at every line start is slow on a long paste.
func statusLine(text string) (int, bool) {
	from := 0
	for tries := 0; tries < 1000; tries++ {
		i := strings.Index(text[from:], "HTTP/")
		if i < 0 {
			return 0, false
		}
		i += from
		start := strings.LastIndexByte(text[:i], '\n') + 1
		// curl -v marks response lines "< ", and a chat quote adds "> ".
		if strings.TrimLeft(text[start:i], " \t<>") == "" {
			if m := reStatusLine().FindStringSubmatch(text[i:min(len(text), i+40)]); m != nil {
				return atoi(m[1]), true
			}
		}
		from = i + 5
	}
	return 0, false
}

// graphMessages are messages Graph sends with one error code only: an SDK
// exception that prints the message alone (Kiota's ODataError) still says
// which error it was.
var graphMessages = []struct{ phrase, code string }{
	{"lifetime validation failed, the token is expired", "InvalidAuthenticationToken"},
	{"access token has expired or is not yet valid", "InvalidAuthenticationToken"},
	{"compacttoken parsing failed", "InvalidAuthenticationToken"},
	{"compacttoken validation failed", "InvalidAuthenticationToken"},
	{"access token is empty", "InvalidAuthenticationToken"},
	{"insufficient privileges to complete the operation", "Authorization_RequestDenied"},
}

var (
	// rePair is a key and its value as SDKs print them: JSON, Python dict
	// reprs ('code': 'X'), JavaScript objects (res_status: 429), .NET and
	// Java exception text (Code: X, Error code: X) and key=value logs.
	rePair = lazyRegexp(`["']?\b([A-Za-z][A-Za-z0-9_\-]{1,40})["']?\s*(?:[:=]|=>)\s*\[?\s*(?:"([^"\n]{0,300})"|'([^'\n]{0,300})|([^"'\n,}\]]{1,300}))`)
	// rePrintR is a header as PHP's print_r shows it: [request-id] => Array ( [0] => value ).
	rePrintR = lazyRegexp(`\[([A-Za-z][A-Za-z0-9-]{1,60})\]\s*=>\s*Array\s*\(\s*\[0\]\s*=>\s*([^\n]+)`)
	// reCodeThenMessage is "Error code: X Error message: Y" inside an exception's text.
	reCodeThenMessage = lazyRegexp(`(?i)^(?:error\s*)?code\s*:\s*([A-Za-z][A-Za-z0-9_]{2,60})\s+(?:error\s*)?message\s*:\s*(.*)$`)
	// reExceptionMessage is an SDK exception's message: "ODataError: Lifetime validation failed…".
	reExceptionMessage = lazyRegexp(`\b(?:ODataError|ServiceException|GraphServiceException|ApiException|GraphError)\s*:\s*([^\n]{3,300})`)
	// reFailedWith is a status a script's own message names: "Request
	// failed with ', 503", "failed with status code 401".
	reFailedWith = lazyRegexp(`\b(?:failed|error)\s+with\W{0,6}(?:status(?:\s*code)?\W{0,3})?([1-5]\d\d)\b`)
	// reKeyValueHeader is a header in .NET's serialised list: {"Key": "Retry-After", "Value": ["112"]}.
	reKeyValueHeader = lazyRegexp(`"Key"\s*:\s*"([A-Za-z][A-Za-z0-9-]{1,60})"\s*,\s*"Value"\s*:\s*\[\s*"([^"]*)"`)
	// reStatusPhrase is "401 : Unauthorized" or "Forbidden (403)".
	reStatusPhrase = lazyRegexp(`\b([1-5]\d\d)\)?\s*[:(;]?\s*(?:unauthorized|forbidden|too many requests|bad request|not found|internal server error|service unavailable|gateway timeout|bad gateway)\b|\b(?:unauthorized|forbidden|too many requests|bad request|internal server error|service unavailable|gateway timeout)\s*\(([1-5]\d\d)\)`)
)

// maxLoose is how much of a paste the loose reader reads. An SDK dump is
// a few kilobytes; in a long log the strict readers (status line, headers,
// JSON body) still read everything, and the loose one would cost more than
// every other check together.
const maxLoose = 64 << 10

// looseWindow is where the loose reading of text stops: at maxLoose, on a
// line break so that no pair is cut.
func looseWindow(text string) int {
	if len(text) <= maxLoose {
		return len(text)
	}
	if i := strings.LastIndexByte(text[:maxLoose], '\n'); i > 0 {
		return i
	}
	return maxLoose
}

// firstSentence keeps a message's first sentence: what follows in a log
// line is another field.
func firstSentence(v string) string {
	if i := strings.Index(v, ". "); i > 0 {
		return v[:i+1]
	}
	return v
}

// looseKey normalises a key: lower case, without _, - and spaces.
func looseKey(k string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ':
			return -1
		}
		return unicode.ToLower(r)
	}, k)
}

// readLoose fills what the strict reading left empty from key-value pairs
// in any of the shapes SDKs print. It reads at most 4000 pairs.
func (r *response) readLoose(text string) {
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	header := func(k, v string) {
		if _, ok := r.headers[k]; !ok && v != "" {
			r.headers[k] = v
		}
	}
	for _, m := range reKeyValueHeader().FindAllStringSubmatch(text, 200) {
		header(http.CanonicalHeaderKey(m[1]), strings.TrimSpace(m[2]))
	}
	for _, m := range rePrintR().FindAllStringSubmatch(text, 200) {
		header(http.CanonicalHeaderKey(m[1]), strings.TrimSpace(m[2]))
	}
	for _, m := range rePair().FindAllStringSubmatch(text, 4000) {
		v := strings.TrimSpace(m[2] + m[3] + m[4])
		switch looseKey(m[1]) {
		case "status", "statuscode", "resstatus", "httpstatus", "httpstatuscode", "responsestatuscode", "httpcode":
			if n := atoi(v); r.status == 0 && n >= 100 && n <= 599 && len(v) == 3 {
				r.status, r.from = n, m[1]+" field"
			}
		case "code", "errorcode", "rescode":
			// A connector's error gives the status as its code: "code": 401.
			if n := atoi(v); r.status == 0 && len(v) == 3 && n >= 100 && n <= 599 {
				r.status, r.from = n, m[1]+" field"
				continue
			}
			// "Code: X Message: Y" on one line, as Java and .NET print it.
			first, rest, _ := strings.Cut(v, " ")
			if r.graphCode == "" && reGraphCode().MatchString(first) {
				r.graphCode = first
			}
			if i := strings.Index(strings.ToLower(rest), "message:"); i >= 0 && r.message == "" {
				r.message = firstSentence(strings.TrimSpace(rest[i+len("message:"):]))
			}
		case "message", "resmessage", "errormessage":
			set(&r.message, firstSentence(v))
		case "requestid":
			header("Request-Id", v)
		case "clientrequestid":
			header("Client-Request-Id", v)
		case "retryafter":
			header("Retry-After", v)
		case "date":
			header("Date", v)
		}
	}
	if m := reExceptionMessage().FindStringSubmatch(text); m != nil && r.message == "" {
		msg := strings.TrimSpace(m[1])
		if c := reCodeThenMessage().FindStringSubmatch(msg); c != nil {
			if r.graphCode == "" {
				r.graphCode = c[1]
			}
			msg = c[2]
		}
		r.message = firstSentence(msg)
	}
	if r.status == 0 {
		lower := strings.ToLower(text)
		if m := reStatusPhrase().FindStringSubmatch(lower); m != nil {
			r.status, r.from = atoi(m[1]+m[2]), "status and its reason phrase"
		} else if m := reFailedWith().FindStringSubmatch(lower); m != nil {
			r.status, r.from = atoi(m[1]), "error message"
		}
	}
}

// headerLine reads "Name: value": a name of 2 to 61 letters, digits and
// dashes starting with a letter. A hand-written reader, because a pattern
// run on every line of a long log costs more than every other check.
func headerLine(line string) (name, value string, ok bool) {
	line = strings.TrimLeft(line, " \t")
	// curl -v marks the response's lines "< ".
	line = strings.TrimLeft(strings.TrimPrefix(line, "<"), " ")
	i := strings.IndexByte(line, ':')
	if i < 0 {
		return "", "", false
	}
	name = strings.TrimRight(line[:i], " \t")
	if len(name) < 2 || len(name) > 61 || !isASCIILetter(name[0]) {
		return "", "", false
	}
	for j := 1; j < len(name); j++ {
		if c := name[j]; !isASCIILetter(c) && !isASCIIDigit(c) && c != '-' {
			return "", "", false
		}
	}
	value = strings.TrimSpace(line[i+1:])
	if strings.HasPrefix(value, `"`) {
		// a header copied out of JSON-like text: request-id:"…",
		value = strings.Trim(strings.TrimSuffix(value, ","), `"`)
	}
	return name, value, true
}

// plausibleID reports a value that can be a request id: at least 8
// characters of letters, digits and dashes with a digit among them, so
// that a masked value ("xxx", "[REMOVED]", "<redacted>") is not taken for one.
func plausibleID(v string) bool {
	if len(v) < 8 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !isASCIILetter(c) && !isASCIIDigit(c) && strings.IndexByte("-_.:", c) < 0 {
			return false
		}
	}
	return strings.ContainsAny(v, "0123456789")
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// readBody takes the error code, message, status and request ids from a
// Graph error body ({"error":{"code":…}}) or an OAuth one ({"error":"…"}).
func (r *response) readBody(body map[string]any) {
	if body == nil {
		return
	}
	if e, ok := body["error"].(map[string]any); ok {
		r.graphCode, _ = e["code"].(string)
		r.message, _ = e["message"].(string)
		if inner, ok := e["innerError"].(map[string]any); ok {
			if r.status == 0 {
				if s, ok := inner["status"].(string); ok {
					r.status, r.from = atoi(s), "innerError.status"
				}
			}
			if id, ok := inner["request-id"].(string); ok && r.headers["Request-Id"] == "" {
				r.headers["Request-Id"] = id
			}
			if id, ok := inner["client-request-id"].(string); ok && r.headers["Client-Request-Id"] == "" {
				r.headers["Client-Request-Id"] = id
			}
		}
	} else if e, ok := body["error"].(string); ok {
		r.message, _ = body["error_description"].(string)
		if r.message == "" {
			r.message = e
		}
	}
}

// facts records what the response says.
func (r response) facts(b *builder, now time.Time) {
	b.set("http.status", r.status)
	b.set("http.class", classOf(r.status))
	b.detailf("status %d %s (from the %s)", r.status, http.StatusText(r.status), r.from)
	if b.setString("http.graph_error_code", r.graphCode) != "" {
		if r.codeFrom != "" {
			b.detail("error code " + r.graphCode + " (the message is Graph's for this code; the paste names no code)")
		} else {
			b.detail("error code " + r.graphCode)
		}
	}
	if r.message != "" {
		b.set("http.message", Shorten(r.message, 300))
		b.detail("message " + Shorten(r.message, 200))
	}
	if v := r.headers["Retry-After"]; v != "" {
		if secs, ok := retryAfter(v, r.headers["Date"], now); ok {
			b.set("http.retry_after", secs)
			b.detailf("Retry-After %d s", secs)
		}
	}
	if v := r.headers["Www-Authenticate"]; v != "" {
		for _, m := range reWWWParam().FindAllStringSubmatch(v, -1) {
			switch strings.ToLower(m[1]) {
			case "error":
				b.set("http.www_authenticate_error", m[2])
			case "error_description":
				b.set("http.www_authenticate_description", m[2])
			}
		}
		b.detail("WWW-Authenticate " + Shorten(v, 200))
	}
	for _, h := range []struct{ header, fact, label string }{
		{"Request-Id", "http.request_id", "request-id"},
		{"Client-Request-Id", "http.client_request_id", "client-request-id"},
	} {
		v := r.headers[h.header]
		if plausibleID(v) {
			b.set(h.fact, v)
			b.detail(h.label + " " + v)
		} else if v != "" {
			b.note(fmt.Sprintf("the %s %q is a placeholder or was masked: it is not an id support can look up", h.label, Shorten(v, 40)))
		}
	}
	if v := r.headers["Date"]; v != "" {
		if t, ok := parseAnyTime(v); ok {
			b.set("http.date", rfc(t))
		}
	}
	b.set("http.says_expired", r.expired)
	if r.count > 1 {
		b.set("http.response_count", r.count)
		which := "the last one"
		if !r.last {
			which = "the last failure the service itself sent"
		}
		b.detailf("the paste holds %d responses: this reading is of %s, at line %d", r.count, which, r.line)
		for _, o := range r.others {
			b.detail(o)
		}
	}
}

// severity is how bad the status is for the call: authentication and
// permission failures fail, success is ok, the rest (throttling, service
// faults, other codes) warn.
func (r response) severity() Status {
	switch classOf(r.status) {
	case "authentication", "permission":
		return StatusFail
	case "success":
		return StatusOK
	}
	return StatusWarn
}

// headline is the summary: the status, what it means, and what the
// response adds (an expired token, how long to wait).
func (r response) headline(b *builder) string {
	h := fmt.Sprintf("HTTP %d %s: %s", r.status, http.StatusText(r.status), classMeaning(classOf(r.status)))
	if r.status == 401 && r.expired {
		h += "; the response says the token expired"
	}
	if s, ok := b.facts["http.retry_after"].(int); ok && r.status == 429 {
		h += fmt.Sprintf("; wait %d s before retrying", s)
	}
	if r.count > 1 && r.last {
		h += fmt.Sprintf(" (the last of %d responses in the paste)", r.count)
	} else if r.count > 1 {
		h += fmt.Sprintf(" (read from %d responses in the paste: the last failure the service itself sent)", r.count)
	}
	return h
}

func classOf(status int) string {
	switch status {
	case 401:
		return "authentication"
	case 403:
		return "permission"
	case 429:
		return "throttling"
	}
	if status >= 500 {
		return "server"
	}
	if status >= 200 && status < 300 {
		return "success"
	}
	return "other"
}

func classMeaning(class string) string {
	switch class {
	case "authentication":
		return "authentication failed (token missing, expired or not valid for this API)"
	case "permission":
		return "the token was accepted but lacks permission, or a policy blocks the action; re-authenticating will not help"
	case "throttling":
		return "throttled: the token is probably fine; back off and retry, do not re-authenticate"
	case "server":
		return "a service fault, not an authentication problem; retry later"
	case "success":
		return "the call succeeded"
	}
	return "not an authentication status"
}

// jsonBody finds the error body in a paste: the first JSON object with an
// "error" member, wherever it is. A header whose value is JSON itself
// (Graph's x-ms-ags-diagnostic) comes before the body and is passed over.
func jsonBody(text string) map[string]any {
	return findJSON(text, func(v map[string]any) bool {
		_, ok := v["error"]
		return ok
	})
}

func retryAfter(v, date string, now time.Time) (int, bool) {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return n, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	ref := now
	if d, err := http.ParseTime(date); err == nil {
		ref = d
	}
	secs := int(t.Sub(ref).Seconds())
	return max(secs, 0), true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
