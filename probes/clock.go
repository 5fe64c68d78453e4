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
		Title:    "Compare clocks",
		Paste:    "the user's clock as their PC shows it (Get-Date, date, w32tm /stripchart or w32tm /query /status /verbose), or a current time to compare this machine with: an HTTP Date header, an ISO 8601 time, the timestamp of an AADSTS error",
		Example:  "Thursday, November 19, 2026 10:01:00 AM (the user's Get-Date)",
		Program:  "w32tm /query /status /verbose",
		OnlyOS:   "windows",
		Anywhere: "the Date header of an https:// URL (--url)",
	}
}

// Facts declares what the comparison tells.
func (Clock) Facts() []FactSpec {
	return []FactSpec{
		{"clock.skew_seconds", FactInt, "the checked clock (clock.checked) minus the reference, in seconds: positive when it is ahead"},
		{"clock.checked", FactString, "whose clock was checked: \"this machine\" or \"the user's PC\" (its time was pasted)"},
		{"clock.zone", FactString, "the UTC offset a pasted clock reading without a time zone was read in (UTC+01:00)"},
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
	pasted := strings.TrimSpace(in.Text) != ""
	d := p.Describe()
	text, res := readPC(ctx, in, d, "w32tm", "/query", "/status", "/verbose")
	if res != nil {
		if res.Status == StatusUnavailable {
			res.Summary = "Windows Time can only be read on the user's Windows PC: paste a current time (the user's Get-Date or w32tm /stripchart output, or an HTTP Date header), or give a URL to compare this machine with."
		}
		return *res
	}
	const expected = "a time to compare with: the user's clock (Get-Date, date, w32tm output), an HTTP Date header, an ISO 8601 time or an AADSTS timestamp"
	text, bad := prepare(text, expected)
	if bad != nil {
		return *bad
	}
	if r, ok := readW32tm(text, pasted); ok {
		return r
	}
	if r, ok := readUserClock(text, now); ok {
		return r
	}
	ref, what, ok := findTime(text)
	if !ok {
		return errorResult(expected, text)
	}
	b := skewBuilder(now.Sub(ref), thisMachine, what+" "+human(ref))
	if d := now.Sub(ref); d > 24*time.Hour || d < -24*time.Hour {
		// An old timestamp says nothing of a clock: this is a warning, not
		// the failure a skew that large would otherwise be.
		b.status = StatusWarn
		b.problem(StatusWarn, "a difference of more than a day is more likely an old timestamp than a wrong clock: compare with a time read just now")
	}
	return b.result(skewHeadline(b))
}

// readPaste reads a paste among every check: only a clock reading of the
// user's PC counts. A timestamp inside an error or a response says when
// the call failed, not what anyone's clock shows now.
func (Clock) readPaste(_ context.Context, in Input) Result {
	const expected = "a clock reading (Get-Date, date, w32tm output)"
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	if r, ok := readW32tm(text, true); ok {
		return r
	}
	if r, ok := readUserClock(text, in.now()); ok {
		return r
	}
	return errorResult(expected, text)
}

// readW32tm reads w32tm /query /status (Phase Offset) or w32tm /stripchart
// (o: offsets) output. pasted says it came from the user's PC rather than
// from this machine.
func readW32tm(text string, pasted bool) (Result, bool) {
	who := thisMachine
	if pasted {
		who = usersPC
	}
	if !strings.Contains(text, "Offset") && !strings.Contains(text, "o:") && !strings.Contains(text, "Tracking") {
		return Result{}, false
	}
	if m := rePhaseOffset().FindStringSubmatch(text); m != nil {
		off, err := strconv.ParseFloat(m[1], 64)
		if err != nil || off > 1e9 || off < -1e9 {
			return Result{}, false
		}
		b := skewBuilder(time.Duration(off*float64(time.Second)), who, "Windows Time phase offset")
		if s := reW32Source().FindStringSubmatch(text); s != nil {
			source := s[1]
			b.set("clock.source", source)
			b.detail("time source " + source)
			if strings.Contains(strings.ToLower(source), "local cmos") || strings.Contains(strings.ToLower(source), "free-running") {
				b.raise(StatusWarn)
				r := b.result(skewHeadline(b))
				r.Summary += " " + capitalise(who) + " syncs from no time server (" + source + "): run w32tm /resync as administrator, or fix its time source."
				return r, true
			}
		}
		return b.result(skewHeadline(b)), true
	}
	if o, target, n, ok := readStripchart(text); ok {
		// w32tm reports NTP's offset, the target's time minus this PC's:
		// a PC that is behind shows a positive o:.
		ref := "w32tm /stripchart"
		if target != "" {
			ref += " against " + target
		}
		b := skewBuilder(-o, who, ref)
		b.detailf("%d sample(s); the last o: is used (the target's time minus this PC's)", n)
		return b.result(skewHeadline(b)), true
	}
	return Result{}, false
}

// relation says "ahead of X" or "behind X".
func relation(dir, ref string) string {
	if dir == "ahead" {
		return "ahead of " + ref
	}
	return "behind " + ref
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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
	b := skewBuilder(now.Sub(ref.Add(rtt/2)), thisMachine, "the Date header of "+url)
	b.detailf("round trip %d ms; a Date header is exact to the second", rtt.Milliseconds())
	return b.result(skewHeadline(b))
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

// Whose clock a comparison checked.
const (
	thisMachine = "this machine"
	usersPC     = "the user's PC"
)

// skewBuilder starts the Result of a comparison: who's clock minus the
// reference is skew.
func skewBuilder(skew time.Duration, who, reference string) *builder {
	secs := int(skew.Round(time.Second).Seconds())
	abs := skew.Abs()
	dir := "in-sync"
	if secs > 0 {
		dir = "ahead"
	} else if secs < 0 {
		dir = "behind"
	}
	skewed := abs > SkewLimit
	b := newBuilder("problem")
	b.set("clock.skew_seconds", secs)
	b.set("clock.skewed", skewed)
	b.set("clock.direction", dir)
	b.set("clock.reference", reference)
	b.set("clock.checked", who)
	if skewed {
		b.raise(StatusFail)
	}
	b.detailf("skew %+d s (positive: %s is ahead)", secs, who)
	b.detail("reference " + reference)
	return b
}

// skewHeadline says whose clock is how far off, and what to do about it
// on that machine.
func skewHeadline(b *builder) string {
	secs, _ := b.facts["clock.skew_seconds"].(int)
	who, ref, dir := b.str("clock.checked"), b.str("clock.reference"), b.str("clock.direction")
	abs := (time.Duration(secs) * time.Second).Abs()
	subject := capitalise(who) + "'s clock"
	if who == usersPC {
		subject = "The user's PC"
	}
	if dir == "in-sync" {
		return subject + " matches " + ref
	}
	if b.facts["clock.skewed"] == true && who == usersPC {
		return fmt.Sprintf("%s is %s %s: more than the 5 minutes tokens tolerate. On the user's PC, sync the clock (Settings > Time & language > Date & time > Sync now, or w32tm /resync as administrator)", subject, span(abs), relation(dir, ref))
	}
	if b.facts["clock.skewed"] == true {
		return fmt.Sprintf("%s is %s %s: more than the 5 minutes tokens tolerate. Sync it with NTP (w32tm /resync on Windows)", subject, span(abs), relation(dir, ref))
	}
	return fmt.Sprintf("%s is %s %s: within the 5 minutes tokens tolerate", subject, span(abs), relation(dir, ref))
}
