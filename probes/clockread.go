package probes

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var (
	reStripLine   = lazyRegexp(`(?m)^\s*\d{1,2}:\d\d:\d\d(?:\s*[AaPp][Mm])?,\s*d:[-+]?[\d.]+s\s+o:([-+]?\d{1,9}(?:\.\d+)?)s`)
	reStripTarget = lazyRegexp(`(?m)^\s*Tracking\s+(\S+?)\s*\[`)
	reClockTime   = lazyRegexp(`\b(\d{1,2}):(\d\d)(?::(\d\d))?(?:[.,]\d+)?(?:\s*([AaPp])\.?[Mm]\.?)?`)
	reMonthName   = lazyRegexp(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|,|$)`)
	reNumDate     = lazyRegexp(`\b(\d{1,4})([./])(\d{1,2})[./](\d{2,4})\b`)
	reDayNumber   = lazyRegexp(`\b(\d{1,2})(?:st|nd|rd|th|\.)?(?:\s|,|$)`)
	reYear        = lazyRegexp(`\b(\d{4})\b`)
	reZone        = lazyRegexp(`(?:\b(UTC|GMT|Z)\b|(?:UTC|GMT)?([+-])(\d\d):?(\d\d)\b|\b([A-Z]{3,5})\b)`)
)

// readStripchart reads w32tm /stripchart output: the last o: offset, the
// target it tracked, and how many samples there were.
func readStripchart(text string) (offset time.Duration, target string, n int, ok bool) {
	ms := reStripLine().FindAllStringSubmatch(text, 200)
	if len(ms) == 0 {
		return 0, "", 0, false
	}
	o, err := strconv.ParseFloat(ms[len(ms)-1][1], 64)
	if err != nil {
		return 0, "", 0, false
	}
	if m := reStripTarget().FindStringSubmatch(text); m != nil {
		target = m[1]
	}
	return time.Duration(o * float64(time.Second)), target, len(ms), true
}

// zoneAbbrevs are the zone names `date` prints that mean one offset only.
// Names that mean several (IST, CST, BST in some places) are not here: a
// reading in one of them is read as a reading without a zone.
var zoneAbbrevs = map[string]int{
	"UTC": 0, "GMT": 0, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
	"JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "ACST": 9, "AWST": 8, "NZST": 12, "NZDT": 13, "SGT": 8, "HKT": 8,
}

// zoneOffsets are the UTC offsets in use, in minutes: whole hours and the
// half hours some countries keep. A reading without a zone is read in the
// one nearest to this machine's time; quarter-hour zones are left out
// because they would hide a clock that is 15 minutes off.
var zoneOffsets = func() []int {
	var out []int
	for h := -12; h <= 14; h++ {
		out = append(out, h*60)
	}
	return append(out, -570, -210, -150, 210, 270, 330, 390, 570, 630)
}()

// clockReading is a time as a user's PC printed it.
type clockReading struct {
	wall     time.Time // the printed date and time, as if it were UTC
	zone     int       // offset in minutes, when hasZone
	hasZone  bool
	zoneName string
	note     string // how an ambiguous date was read
}

// readUserClock reads a clock reading of the user's PC — Get-Date's long
// and short formats, `date`, `date /t` with `time /t` — and compares it
// with this machine's clock. It takes only pastes that are a reading (a
// few short lines), so a timestamp inside a log is not mistaken for one.
func readUserClock(text string, now time.Time) (Result, bool) {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 || len(lines) > 4 || len(text) > 400 {
		return Result{}, false
	}
	for i, l := range lines {
		if !clockLine(l) {
			continue
		}
		cands := parseClockLine(l)
		if len(cands) == 0 && i+1 < len(lines) && len(l) <= 30 && len(lines[i+1]) <= 30 && clockLine(lines[i+1]) {
			// cmd's `date /t` and `time /t` print the date and the time on two lines.
			cands = parseClockLine(l + " " + lines[i+1])
		}
		if len(cands) > 0 {
			return userClockResult(pickReading(cands, now), now), true
		}
	}
	return Result{}, false
}

// clockLine reports a line that may be a clock reading: short, and not a
// header, a URL or JSON, whose times are not the user's clock.
func clockLine(l string) bool {
	low := strings.ToLower(l)
	return len(l) <= 80 && !strings.HasPrefix(low, "date:") && !reRFC1123().MatchString(l) &&
		!strings.ContainsAny(l, "{}") && !strings.Contains(low, "http")
}

// pickReading takes the reading nearest to now when a numeric date could
// be read two ways (05/11: May 11 or 5 November).
func pickReading(cands []clockReading, now time.Time) clockReading {
	best := cands[0]
	for _, c := range cands[1:] {
		if c.wall.Sub(now).Abs() < best.wall.Sub(now).Abs() {
			best = c
		}
	}
	return best
}

// parseClockLine reads a date and a time from one line. It returns every
// reading the line allows: two when a numeric date has no telling order.
func parseClockLine(l string) []clockReading {
	tm := reClockTime().FindStringSubmatchIndex(l)
	if tm == nil {
		return nil
	}
	hh, _ := strconv.Atoi(l[tm[2]:tm[3]])
	mm, _ := strconv.Atoi(l[tm[4]:tm[5]])
	ss := 0
	if tm[6] >= 0 {
		ss, _ = strconv.Atoi(l[tm[6]:tm[7]])
	}
	ampm := ""
	if tm[8] >= 0 {
		ampm = strings.ToUpper(l[tm[8]:tm[9]])
		if hh < 1 || hh > 12 {
			return nil
		}
		if hh == 12 {
			hh = 0
		}
		if ampm == "P" {
			hh += 12
		}
	}
	if hh > 23 || mm > 59 || ss > 60 {
		return nil
	}
	rest := l[:tm[0]] + " " + l[tm[1]:]
	var base clockReading
	if z := reZone().FindStringSubmatch(l[tm[1]:]); z != nil {
		switch {
		case z[1] != "":
			base.hasZone, base.zoneName = true, z[1]
		case z[2] != "":
			h, _ := strconv.Atoi(z[3])
			m, _ := strconv.Atoi(z[4])
			base.zone = h*60 + m
			if z[2] == "-" {
				base.zone = -base.zone
			}
			base.hasZone, base.zoneName = true, z[0]
		default:
			if off, ok := zoneAbbrevs[z[5]]; ok {
				base.hasZone, base.zone, base.zoneName = true, off*60, z[5]
			} else if z[5] != "AM" && z[5] != "PM" {
				base.zoneName = z[5]
			}
		}
	}
	var out []clockReading
	add := func(y, mo, d int, note string) {
		if y < 100 {
			y += 2000
		}
		if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1970 || y > 2200 {
			return
		}
		t := time.Date(y, time.Month(mo), d, hh, mm, ss, 0, time.UTC)
		if t.Day() != d {
			return
		}
		r := base
		r.wall, r.note = t, note
		out = append(out, r)
	}
	if m := reMonthName().FindStringSubmatch(rest); m != nil {
		mo := monthNumber(strings.ToLower(m[1]))
		withoutMonth := strings.Replace(rest, m[0], " ", 1)
		y := reYear().FindStringSubmatch(withoutMonth)
		if y == nil {
			return nil
		}
		year, _ := strconv.Atoi(y[1])
		withoutYear := strings.Replace(withoutMonth, y[1], " ", 1)
		d := reDayNumber().FindStringSubmatch(withoutYear)
		if d == nil {
			return nil
		}
		day, _ := strconv.Atoi(d[1])
		add(year, mo, day, "")
		return out
	}
	m := reNumDate().FindStringSubmatch(rest)
	if m == nil {
		return nil
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	c, _ := strconv.Atoi(m[4])
	switch {
	case len(m[1]) == 4: // 2026/11/19, as Japanese and Chinese Windows print it
		add(a, b, c, "")
	case m[2] == ".": // 19.11.2026
		add(c, b, a, "")
	case ampm != "" || b > 12: // 11/19/2026 10:01 AM
		add(c, a, b, "")
	case a > 12: // 19/11/2026
		add(c, b, a, "")
	default:
		add(c, a, b, "read month first (US); day first would be further from this machine's date")
		add(c, b, a, "read day first; month first (US) would be further from this machine's date")
	}
	return out
}

func monthNumber(abbr string) int {
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if m == abbr {
			return i + 1
		}
	}
	return 0
}

func zoneName(minutes int) string {
	sign := "+"
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, minutes/60, minutes%60)
}

// userClockResult compares a reading of the user's PC with this machine's
// clock. A reading without a time zone is read in the zone nearest to this
// machine's time, and the result says so; when two zones are as near, the
// result says it cannot tell.
func userClockResult(r clockReading, now time.Time) Result {
	diff := r.wall.Sub(now)
	zone, assumed, ambiguous := r.zone, false, false
	if !r.hasZone {
		assumed = true
		best, second := time.Duration(1<<62), time.Duration(1<<62)
		for _, o := range zoneOffsets {
			res := (diff - time.Duration(o)*time.Minute).Abs()
			switch {
			case res < best:
				best, second, zone = res, best, o
			case res < second:
				second = res
			}
		}
		ambiguous = second-best < 4*time.Minute && best >= 10*time.Minute
	}
	skew := diff - time.Duration(zone)*time.Minute
	b := skewBuilder(skew, usersPC, "this machine's clock")
	b.set("clock.zone", zoneName(zone))
	b.detail("the user's clock read " + r.wall.Format("2006-01-02 15:04:05") + " " + zoneName(zone) + "; this machine's clock read " + human(now) + " when it was pasted")
	b.detail("this machine's clock is taken as right: check it with deskside probe clock --url https://graph.microsoft.com")
	if r.note != "" {
		b.note("the date " + r.note)
	}
	headline := skewHeadline(b)
	switch {
	case skew.Abs() > 24*time.Hour:
		b.status = StatusWarn
		b.problem(StatusWarn, "the dates are a day or more apart: the user's date is wrong, or this is not a reading taken just now")
	case ambiguous:
		b.status = StatusWarn
		b.problem(StatusWarn, "the reading has no time zone and two zones fit it equally: ask the user for their time zone before trusting this")
	case assumed && r.zoneName != "":
		headline += fmt.Sprintf(" (read in %s, the offset nearest this machine's time: %s is not a zone deskside knows)", zoneName(zone), r.zoneName)
	case assumed:
		headline += fmt.Sprintf(" (the reading names no time zone: read in %s, the offset nearest this machine's time)", zoneName(zone))
	}
	b.detail("allow a minute for the time the user took to send it")
	return b.result(headline)
}
