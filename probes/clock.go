package probes

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SkewLimit is how far clocks may differ before tokens start failing: the
// usual tolerance of token validation.
const SkewLimit = 5 * time.Minute

// Clock compares this machine's clock with a reference — a pasted time, an
// HTTPS server's Date header, or Windows Time's own offset — because a
// clock that is off makes valid tokens look expired or not yet valid.
type Clock struct {
	// Client fetches the Date header for a URL; nil means a client with a
	// five-second timeout.
	Client *http.Client
}

// Name returns "clock".
func (Clock) Name() string { return "clock" }

// Describe says what to paste and what runs on Windows.
func (Clock) Describe() Description {
	return Description{
		Title:   "Compare clocks",
		Paste:   "a current time to compare with: an HTTP Date header, an ISO 8601 time, the timestamp of an AADSTS error, or w32tm /query /status /verbose output",
		Program: "w32tm /query /status /verbose",
		OnlyOS:  "windows",
	}
}

// Facts declares what the comparison tells.
func (Clock) Facts() []FactSpec {
	return []FactSpec{
		{"clock.skew_seconds", FactInt, "this machine's clock minus the reference, in seconds: positive when this machine is ahead"},
		{"clock.skewed", FactBool, "the clocks differ by more than 5 minutes, the usual token tolerance"},
		{"clock.direction", FactString, "ahead, behind or in-sync"},
		{"clock.reference", FactString, "what the clock was compared with"},
		{"clock.source", FactString, "the time source Windows Time syncs from (w32tm)"},
	}
}

var (
	rePhaseOffset = lazyRegexp(`(?im)^\s*Phase Offset\s*:\s*([-+]?\d+(?:\.\d+)?)s`)
	reW32Source   = lazyRegexp(`(?im)^\s*Source\s*:\s*(.+?)\s*$`)
	reDateHeader  = lazyRegexp(`(?im)^\s*Date\s*:\s*(.+?)\s*$`)
	reISOTime     = lazyRegexp(`\d{4}-\d\d-\d\d[T ]+\d\d:\d\d:\d\d(?:\.\d+)?\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d)?`)
	reRFC1123     = lazyRegexp(`[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d (?:GMT|UTC|[+-]\d{4})`)
)

// Run compares the clocks.
func (p Clock) Run(ctx context.Context, in Input) Result {
	now := in.now()
	if in.URL != "" && strings.TrimSpace(in.Text) == "" {
		return p.fromURL(ctx, in.URL, now)
	}
	d := p.Describe()
	text, res := readPC(ctx, in, d, "w32tm", "/query", "/status", "/verbose")
	if res != nil {
		if res.Status == StatusUnavailable {
			res.Summary = "Windows Time can only be read on the user's Windows PC: paste a current time (an HTTP Date header, or the user's clock), or give a URL to compare with."
		}
		return *res
	}
	const expected = "a time to compare with (an HTTP Date header, an ISO 8601 time, an AADSTS timestamp) or w32tm /query /status /verbose output"
	text, bad := prepare(text, expected)
	if bad != nil {
		return *bad
	}
	if m := rePhaseOffset().FindStringSubmatch(text); m != nil {
		off, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return errorResult(expected, text)
		}
		source := ""
		if s := reW32Source().FindStringSubmatch(text); s != nil {
			source = s[1]
		}
		r := skewResult(time.Duration(off*float64(time.Second)), "Windows Time phase offset")
		if source != "" {
			r.Facts["clock.source"] = source
			r.Details = append(r.Details, "time source "+source)
			if strings.Contains(strings.ToLower(source), "local cmos") || strings.Contains(strings.ToLower(source), "free-running") {
				r.Status = StatusWarn
				r.Summary += " This PC syncs from no time server (" + source + "): run w32tm /resync as administrator, or fix its time source."
			}
		}
		return r
	}
	ref, what, ok := findTime(text)
	if !ok {
		return errorResult(expected, text)
	}
	r := skewResult(now.Sub(ref), what+" "+human(ref))
	if d := now.Sub(ref); d > 24*time.Hour || d < -24*time.Hour {
		r.Status = StatusWarn
		r.Summary += " A difference of more than a day is more likely an old timestamp than a wrong clock: compare with a time read just now."
	}
	return r
}

func (p Clock) fromURL(ctx context.Context, url string, now time.Time) Result {
	if !strings.HasPrefix(url, "https://") {
		return Result{Status: StatusError, Summary: "The reference URL must start with https:// so its Date header can be trusted."}
	}
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return Result{Status: StatusError, Summary: fmt.Sprintf("The reference URL is not valid: %v.", err)}
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return Result{Status: StatusError, Summary: fmt.Sprintf("Could not reach %s for its time: %v. Paste a current time instead.", url, err)}
	}
	resp.Body.Close()
	rtt := time.Since(start)
	ref, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return Result{Status: StatusError, Summary: fmt.Sprintf("%s sent no usable Date header: paste a current time instead.", url)}
	}
	// The server stamped the header about half-way through the round trip.
	r := skewResult(now.Sub(ref.Add(rtt/2)), "the Date header of "+url)
	r.Details = append(r.Details, fmt.Sprintf("round trip %d ms; a Date header is exact to the second", rtt.Milliseconds()))
	return r
}

// findTime finds the reference time in a paste.
func findTime(text string) (time.Time, string, bool) {
	if m := reDateHeader().FindStringSubmatch(text); m != nil {
		if t, ok := parseAnyTime(m[1]); ok {
			return t, "the Date header", true
		}
	}
	if m := reTimestamp().FindStringSubmatch(text); m != nil {
		if t, err := time.Parse("2006-01-02 15:04:05", m[1]+" "+m[2]); err == nil {
			return t, "the error's timestamp", true
		}
	}
	if s := reRFC1123().FindString(text); s != "" {
		if t, ok := parseAnyTime(s); ok {
			return t, "the time", true
		}
	}
	if s := reISOTime().FindString(text); s != "" {
		if t, ok := parseAnyTime(s); ok {
			return t, "the time", true
		}
	}
	return time.Time{}, "", false
}

// parseAnyTime reads the time formats pastes carry. A time with no zone is
// taken as UTC, which is what Microsoft's services write.
func parseAnyTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := http.ParseTime(s); err == nil {
		return t.UTC(), true
	}
	s = strings.Replace(s, " UTC", "Z", 1)
	s = strings.Replace(s, " GMT", "Z", 1)
	for _, layout := range []string{
		time.RFC3339Nano, time.RFC1123Z,
		"2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z", "2006-01-02 15:04:05",
		"2006-01-02 15:04:05.999999999Z", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
		"2006-01-02T15:04:05-0700", "2006-01-02 15:04:05-0700",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func skewResult(skew time.Duration, reference string) Result {
	secs := int(skew.Round(time.Second).Seconds())
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	dir := "in-sync"
	switch {
	case secs > 0:
		dir = "ahead"
	case secs < 0:
		dir = "behind"
	}
	skewed := abs > SkewLimit
	f := map[string]any{
		"clock.skew_seconds": secs,
		"clock.skewed":       skewed,
		"clock.direction":    dir,
		"clock.reference":    reference,
	}
	var summary string
	switch {
	case dir == "in-sync":
		summary = "This machine's clock matches " + reference + "."
	case skewed:
		summary = fmt.Sprintf("This machine's clock is %s %s %s: more than the 5 minutes tokens tolerate. Sync it with NTP (w32tm /resync on Windows).", span(abs), dir, "of "+reference)
	default:
		summary = fmt.Sprintf("This machine's clock is %s %s of %s: within the 5 minutes tokens tolerate.", span(abs), dir, reference)
	}
	st := StatusOK
	if skewed {
		st = StatusFail
	}
	return Result{Status: st, Summary: summary, Facts: f,
		Details: []string{fmt.Sprintf("skew %+d s (positive: this machine is ahead)", secs), "reference " + reference}}
}
