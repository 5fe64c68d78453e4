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
		Title: "Read an HTTP response",
		Paste: "the failing response: status line, headers and body (curl -i, browser dev tools, PowerShell error), or just the status",
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
	reStatusLine = lazyRegexp(`(?m)^\s*HTTP/[\d.]+\s+(\d{3})\b`)
	reStatusWord = lazyRegexp(`(?i)\b(?:status(?:\s*code)?|statuscode|http status|http error|response status code does not indicate success)\s*[:=]?\s*"?(\d{3})\b`)
	reBareStatus = lazyRegexp(`^\s*(\d{3})(?:\s+[A-Za-z][A-Za-z ]*)?\s*$`)
	reHeader     = lazyRegexp(`^\s*([A-Za-z][A-Za-z0-9-]{1,60})\s*:\s*(.*?)\s*$`)
	reWWWParam   = lazyRegexp(`(\w+)\s*=\s*"([^"]*)"`)
	reExpiredMsg = lazyRegexp(`(?i)(token (?:is |has )?expired|lifetime validation failed|access token has expired|expired or is not yet valid|token_expired)`)
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
	f := map[string]any{}
	var details []string
	status, from := 0, ""
	if m := reStatusLine().FindStringSubmatch(text); m != nil {
		status, from = atoi(m[1]), "status line"
	} else if m := reStatusWord().FindStringSubmatch(text); m != nil {
		status, from = atoi(m[1]), "status field"
	} else if m := reBareStatus().FindStringSubmatch(text); m != nil {
		status, from = atoi(m[1]), "status"
	}

	headers := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		if m := reHeader().FindStringSubmatch(line); m != nil {
			k := http.CanonicalHeaderKey(m[1])
			if _, seen := headers[k]; !seen {
				headers[k] = m[2]
			}
		}
	}

	body := jsonBody(text)
	graphCode, message := "", ""
	if body != nil {
		if e, ok := body["error"].(map[string]any); ok {
			graphCode, _ = e["code"].(string)
			message, _ = e["message"].(string)
			if inner, ok := e["innerError"].(map[string]any); ok {
				if status == 0 {
					if s, ok := inner["status"].(string); ok {
						status, from = atoi(s), "innerError.status"
					}
				}
				if id, ok := inner["request-id"].(string); ok && headers["Request-Id"] == "" {
					headers["Request-Id"] = id
				}
				if id, ok := inner["client-request-id"].(string); ok && headers["Client-Request-Id"] == "" {
					headers["Client-Request-Id"] = id
				}
			}
		} else if e, ok := body["error"].(string); ok {
			message, _ = body["error_description"].(string)
			if message == "" {
				message = e
			}
		}
	}
	if graphCode == "" {
		if v := headers["Errorcode"]; v != "" {
			graphCode = v
		}
	}
	if status == 0 && graphCode != "" {
		if s, ok := graphCodeStatus[graphCode]; ok {
			status, from = s, "the error code "+graphCode
		}
	}
	if message == "" {
		// A PowerShell error puts the message on its first line: "Cmdlet : message".
		first := strings.TrimSpace(strings.SplitN(text, "\n", 2)[0])
		if i := strings.Index(first, " : "); i > 0 && !strings.HasPrefix(first, "HTTP/") {
			message = strings.TrimSpace(first[i+3:])
		}
	}

	if status == 0 && graphCode == "" && len(headers) == 0 {
		return errorResult(expected, text)
	}
	if status < 100 || status > 599 {
		if status != 0 {
			return Result{Status: StatusError, Summary: fmt.Sprintf("%d is not an HTTP status code: expected 100 to 599.", status)}
		}
		return Result{Status: StatusError, Summary: "No HTTP status was found: paste the status line (such as HTTP/1.1 401 Unauthorized) too."}
	}

	class := classOf(status)
	f["http.status"] = status
	f["http.class"] = class
	details = append(details, fmt.Sprintf("status %d %s (from the %s)", status, http.StatusText(status), from))
	if graphCode != "" {
		f["http.graph_error_code"] = graphCode
		details = append(details, "error code "+graphCode)
	}
	if message != "" {
		f["http.message"] = shorten(message, 300)
		details = append(details, "message "+shorten(message, 200))
	}
	if v := headers["Retry-After"]; v != "" {
		if secs, ok := retryAfter(v, headers["Date"], in.now()); ok {
			f["http.retry_after"] = secs
			details = append(details, fmt.Sprintf("Retry-After %d s", secs))
		}
	}
	if v := headers["Www-Authenticate"]; v != "" {
		for _, m := range reWWWParam().FindAllStringSubmatch(v, -1) {
			switch strings.ToLower(m[1]) {
			case "error":
				f["http.www_authenticate_error"] = m[2]
			case "error_description":
				f["http.www_authenticate_description"] = m[2]
			}
		}
		details = append(details, "WWW-Authenticate "+shorten(v, 200))
	}
	if v := headers["Request-Id"]; v != "" {
		f["http.request_id"] = v
		details = append(details, "request-id "+v)
	}
	if v := headers["Client-Request-Id"]; v != "" {
		f["http.client_request_id"] = v
		details = append(details, "client-request-id "+v)
	}
	if v := headers["Date"]; v != "" {
		if t, ok := parseAnyTime(v); ok {
			f["http.date"] = rfc(t)
		}
	}
	expired := reExpiredMsg().MatchString(text)
	f["http.says_expired"] = expired

	summary := fmt.Sprintf("HTTP %d %s: %s", status, http.StatusText(status), classMeaning(class))
	switch {
	case status == 401 && expired:
		summary += "; the response says the token expired"
	case status == 429:
		if s, ok := f["http.retry_after"].(int); ok {
			summary += fmt.Sprintf("; wait %d s before retrying", s)
		}
	}
	st := StatusWarn
	switch class {
	case "authentication", "permission":
		st = StatusFail
	case "success":
		st = StatusOK
	}
	return Result{Status: st, Summary: endSentence(summary), Facts: f, Details: details}
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
