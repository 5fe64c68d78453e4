package probes

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var (
	// reStripLine is a sample of w32tm /stripchart: "10:01:00, d:+00.03s o:-540.12s"
	// (older builds print no comma), or with /dataonly "06:39:15, -43149.73s".
	reStripLine   = lazyRegexp(`(?m)^\s*\d{1,2}:\d\d:\d\d(?:\s*[AaPp][Mm])?(?:,?\s*d:[-+]?[\d.]+s\s+o:|,\s*)([-+]?\d{1,9}(?:\.\d+)?)s\b`)
	reStripTarget = lazyRegexp(`(?m)^\s*Tracking\s+(\S+?)\s*\[`)
	reClockTime   = lazyRegexp(`\b(\d{1,2}):(\d\d)(?::(\d\d))?(?:[.,]\d+)?(?:\s*([AaPp])\.?[Mm]\.?)?`)
	reWord        = lazyRegexp(`\p{L}+\.?`)
	reKoreanDate  = lazyRegexp(`(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일`)
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
		if l = strings.TrimSpace(l); l != "" && !isPrompt(l) {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 || len(lines) > 4 || len(text) > 600 {
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

// isPrompt reports a shell prompt line with its command ("PS C:\> Get-Date",
// "user@host:~$ date"), which a reading is pasted with.
func isPrompt(l string) bool {
	return strings.HasPrefix(l, "PS ") && strings.Contains(l, ">") || strings.Contains(l, "$ ") || strings.HasSuffix(l, "$") ||
		strings.HasPrefix(l, "C:") && strings.Contains(l, ">") || strings.HasPrefix(l, "#")
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
	l = moveDayHalf(l)
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
		if z[1] != "" {
			base.hasZone, base.zoneName = true, z[1]
		} else if z[2] != "" {
			h, _ := strconv.Atoi(z[3])
			m, _ := strconv.Atoi(z[4])
			base.zone = h*60 + m
			if z[2] == "-" {
				base.zone = -base.zone
			}
			base.hasZone, base.zoneName = true, z[0]
		} else if off, ok := zoneAbbrevs[z[5]]; ok {
			base.hasZone, base.zone, base.zoneName = true, off*60, z[5]
		} else if z[5] != "AM" && z[5] != "PM" {
			base.zoneName = z[5]
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
	if m := reKoreanDate().FindStringSubmatch(rest); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		add(y, mo, d, "")
		return out
	}
	if word, mo := monthIn(rest); mo > 0 {
		withoutMonth := strings.Replace(rest, word, " ", 1)
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
	yearFirst := len(m[1]) == 4        // 2026/11/19, as Japanese and Chinese Windows print it
	dotted := m[2] == "."              // 19.11.2026
	monthFirst := ampm != "" || b > 12 // 11/19/2026 10:01 AM
	dayFirst := a > 12                 // 19/11/2026
	switch {
	case yearFirst:
		add(a, b, c, "")
	case dotted:
		add(c, b, a, "")
	case monthFirst:
		add(c, a, b, "")
	case dayFirst:
		add(c, b, a, "")
	default:
		add(c, a, b, "read month first (US); day first would be further from this machine's date")
		add(c, b, a, "read day first; month first (US) would be further from this machine's date")
	}
	return out
}

// monthNames are month names as Get-Date and date print them in the
// languages help desks meet, accents dropped or not, and English
// abbreviations.
var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "décembre": 12,
	"januar": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12, "okt": 10, "dez": 12, "mär": 3,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12,
}

// monthIn finds the first month name in s: the word as written, and its number.
func monthIn(s string) (string, int) {
	for _, w := range reWord().FindAllString(s, 16) {
		if n, ok := monthNames[strings.ToLower(strings.TrimSuffix(w, "."))]; ok {
			return w, n
		}
	}
	return "", 0
}

// dayHalves are the AM and PM words that Korean, Japanese and Chinese
// Windows print before the time.
var dayHalves = map[string]string{"오전": "AM", "오후": "PM", "午前": "AM", "午後": "PM", "上午": "AM", "下午": "PM"}

// moveDayHalf turns "오후 6:38:26" into "6:38:26 PM".
func moveDayHalf(l string) string {
	for w, half := range dayHalves {
		if i := strings.Index(l, w); i >= 0 {
			rest := l[:i] + l[i+len(w):]
			if tm := reClockTime().FindStringIndex(rest); tm != nil && tm[0] >= i {
				return rest[:tm[1]] + " " + half + rest[tm[1]:]
			}
		}
	}
	return l
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
	if !r.hasZone && diff.Abs() > 15*time.Hour {
		// No zone is that far from UTC: the date itself differs.
		b := newBuilder("problem")
		b.set("clock.checked", usersPC)
		b.set("clock.reference", "this machine's clock")
		b.raise(StatusWarn)
		b.detail("the user's clock read " + r.wall.Format("2006-01-02 15:04:05") + " (no time zone); this machine's clock read " + human(now))
		return b.result(fmt.Sprintf("The user's clock reading is %s %s this machine's: the user's date is wrong, or this is not a reading taken just now; ask the user to read the clock again",
			span(diff.Abs()), map[bool]string{true: "ahead of", false: "behind"}[diff > 0]))
	}
	zone, assumed, ambiguous := r.zone, false, false
	if !r.hasZone {
		assumed = true
		best, second := time.Duration(1<<62), time.Duration(1<<62)
		for _, o := range zoneOffsets {
			res := (diff - time.Duration(o)*time.Minute).Abs()
			if res < best {
				best, second, zone = res, best, o
			} else if res < second {
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
	b.detail("allow a minute for the time the user took to send it")
	if skew.Abs() > 24*time.Hour {
		b.status = StatusWarn
		return b.result(fmt.Sprintf("The user's clock reading is %s %s this machine's: the user's date is wrong, or this is not a reading taken just now; ask the user to read the clock again",
			span(skew.Abs()), relation(b.str("clock.direction"), "")))
	}
	headline := skewHeadline(b)
	if ambiguous {
		b.status = StatusWarn
		b.problem(StatusWarn, "the reading has no time zone and two zones fit it equally: ask the user for their time zone before trusting this")
	} else if assumed && r.zoneName != "" {
		headline += fmt.Sprintf(" (read in %s, the offset nearest this machine's time: %s is not a zone deskside knows)", zoneName(zone), r.zoneName)
	} else if assumed {
		headline += fmt.Sprintf(" (the reading names no time zone: read in %s, the offset nearest this machine's time)", zoneName(zone))
	}
	return b.result(headline)
}
