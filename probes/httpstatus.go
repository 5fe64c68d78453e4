package probes

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
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
	}
}

var (
	reStatusLine = lazyRegexp(`^HTTP/[\d.]+\s+(\d{3})\b`)
	// reStatusWord and reExpiredMsg run on the lower-cased text: a
	// case-insensitive pattern is several times slower on a long paste.
	reStatusWord = lazyRegexp(`\b(?:status(?:\s*code)?|statuscode|http status|http error|response status code does not indicate success)\s*[:=]?\s*"?(\d{3})\b`)
	reBareStatus = lazyRegexp(`^\s*(\d{3})(?:\s+[A-Za-z][A-Za-z ]*)?\s*$`)
	reWWWParam   = lazyRegexp(`(\w+)\s*=\s*"([^"]*)"`)
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
}

// Run reads the response.
func (HTTPStatus) Run(_ context.Context, in Input) Result {
	const expected = "an HTTP response or status line (such as HTTP/1.1 401 Unauthorized) or a Graph error body"
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	resp := parseResponse(text)
	if resp.status == 0 && resp.graphCode == "" && len(resp.headers) == 0 {
		return errorResult(expected, text)
	}
	if resp.status < 100 || resp.status > 599 {
		if resp.status != 0 {
			return Result{Status: StatusError, Summary: fmt.Sprintf("%d is not an HTTP status code: expected 100 to 599.", resp.status)}
		}
		return Result{Status: StatusError, Summary: "No HTTP status was found: paste the status line (such as HTTP/1.1 401 Unauthorized) too."}
	}
	b := newBuilder("problem")
	resp.facts(b, in.now())
	b.raise(resp.severity())
	return b.result(resp.headline(b))
}

// response is what a pasted HTTP response says.
type response struct {
	status    int
	from      string // where the status was read
	headers   map[string]string
	graphCode string
	message   string
	expired   bool
}

// parseResponse reads the status, the headers and the error body.
func parseResponse(text string) response {
	r := response{headers: map[string]string{}}
	lower := strings.ToLower(text)
	if code, ok := statusLine(text); ok {
		r.status, r.from = code, "status line"
	} else if m := reStatusWord().FindStringSubmatch(lower); m != nil {
		r.status, r.from = atoi(m[1]), "status field"
	} else if m := reBareStatus().FindStringSubmatch(text); m != nil {
		r.status, r.from = atoi(m[1]), "status"
	}
	for _, line := range strings.Split(text, "\n") {
		if name, value, ok := headerLine(line); ok {
			k := http.CanonicalHeaderKey(name)
			if _, seen := r.headers[k]; !seen {
				r.headers[k] = value
			}
		}
	}
	r.readBody(jsonBody(text))
	if r.graphCode == "" {
		r.graphCode = r.headers["Errorcode"]
	}
	if r.status == 0 && r.graphCode != "" {
		if s, ok := graphCodeStatus[r.graphCode]; ok {
			r.status, r.from = s, "the error code "+r.graphCode
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
		if strings.TrimLeft(text[start:i], " \t") == "" {
			if m := reStatusLine().FindStringSubmatch(text[i:min(len(text), i+40)]); m != nil {
				return atoi(m[1]), true
			}
		}
		from = i + 5
	}
	return 0, false
}

// headerLine reads "Name: value": a name of 2 to 61 letters, digits and
// dashes starting with a letter. A hand-written reader, because a pattern
// run on every line of a long log costs more than every other check.
func headerLine(line string) (name, value string, ok bool) {
	line = strings.TrimLeft(line, " \t")
	i := strings.IndexByte(line, ':')
	if i < 0 {
		return "", "", false
	}
	name = strings.TrimRight(line[:i], " \t")
	if len(name) < 2 || len(name) > 61 || !isASCIILetter(name[0]) {
		return "", "", false
	}
	for j := 1; j < len(name); j++ {
		if c := name[j]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '-' {
			return "", "", false
		}
	}
	return name, strings.TrimSpace(line[i+1:]), true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

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
		b.detail("error code " + r.graphCode)
	}
	if r.message != "" {
		b.set("http.message", shorten(r.message, 300))
		b.detail("message " + shorten(r.message, 200))
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
		b.detail("WWW-Authenticate " + shorten(v, 200))
	}
	if b.setString("http.request_id", r.headers["Request-Id"]) != "" {
		b.detail("request-id " + r.headers["Request-Id"])
	}
	if b.setString("http.client_request_id", r.headers["Client-Request-Id"]) != "" {
		b.detail("client-request-id " + r.headers["Client-Request-Id"])
	}
	if v := r.headers["Date"]; v != "" {
		if t, ok := parseAnyTime(v); ok {
			b.set("http.date", rfc(t))
		}
	}
	b.set("http.says_expired", r.expired)
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
	switch {
	case r.status == 401 && r.expired:
		h += "; the response says the token expired"
	case r.status == 429:
		if s, ok := b.facts["http.retry_after"].(int); ok {
			h += fmt.Sprintf("; wait %d s before retrying", s)
		}
	}
	return h
}

func classOf(status int) string {
	switch {
	case status == 401:
		return "authentication"
	case status == 403:
		return "permission"
	case status == 429:
		return "throttling"
	case status >= 500:
		return "server"
	case status >= 200 && status < 300:
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

// jsonBody finds the JSON object in a response, after the headers.
func jsonBody(text string) map[string]any {
	i := strings.Index(text, "{")
	j := strings.LastIndex(text, "}")
	if i < 0 || j <= i {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(text[i:j+1]), &m) != nil {
		return nil
	}
	return m
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
