package probes

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// readingCase is a clock reading pasted at a given moment and what the
// operator must be told about it.
type readingCase struct {
	input   string
	now     time.Time // testNow when zero
	status  Status
	want    map[string]any
	summary string   // a phrase the summary must contain
	notes   []string // every "note:" detail line, exactly; nil: none
}

// runReadings runs the clock check on each reading and compares status,
// facts, summary and notes: a note is how an ambiguous date was read, and
// an operator trusts the date less when it is there.
func runReadings(t *testing.T, cases map[string]readingCase) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			now := tc.now
			if now.IsZero() {
				now = testNow
			}
			r := Clock{}.Run(context.Background(), Input{Text: tc.input, Now: func() time.Time { return now }, OS: "linux"})
			if r.Status != tc.status {
				t.Errorf("status = %s, want %s (summary %q)", r.Status, tc.status, r.Summary)
			}
			for k, want := range tc.want {
				if got := r.Facts[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("fact %s = %#v, want %#v (summary %q)", k, got, want, r.Summary)
				}
			}
			if !strings.Contains(r.Summary, tc.summary) {
				t.Errorf("summary %q does not say %q", r.Summary, tc.summary)
			}
			var notes []string
			for _, d := range r.Details {
				if n, ok := strings.CutPrefix(d, "note: "); ok {
					notes = append(notes, n)
				}
			}
			if !reflect.DeepEqual(notes, tc.notes) {
				t.Errorf("notes %q, want %q", notes, tc.notes)
			}
		})
	}
}

const (
	noteUSFirst  = "the date read month first (US); day first would be further from this machine's date"
	noteDayFirst = "the date read day first; month first (US) would be further from this machine's date"
)

// TestClockReadingZoneNamesBehindUTC: `date` prints the zone's name; each
// of the names west of UTC is read with its own offset, so a reading in
// that zone taken at the test's moment matches this machine's clock.
func TestClockReadingZoneNamesBehindUTC(t *testing.T) {
	zones := map[string]int{"EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10}
	cases := map[string]readingCase{}
	for name, h := range zones {
		cases[name] = readingCase{
			input:  fmt.Sprintf("Mon Nov 23 %02d:00:00 %s 2026", 12+h, name),
			status: StatusOK,
			want:   map[string]any{"clock.skew_seconds": 0, "clock.direction": "in-sync", "clock.zone": fmt.Sprintf("UTC-%02d:00", -h)},
		}
	}
	runReadings(t, cases)
}

// TestClockReadingZones: readings without a zone are read in the nearest
// offset in use (half hours included, UTC+14 the last); a numeric offset
// or a zone name is taken as printed.
func TestClockReadingZones(t *testing.T) {
	runReadings(t, map[string]readingCase{
		"Marquesas, UTC-09:30": {input: "23/11/2026 02:30:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC-09:30", "clock.skew_seconds": 30}, summary: "read in UTC-09:30"},
		"Newfoundland, UTC-03:30": {input: "23/11/2026 08:30:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC-03:30", "clock.skew_seconds": 30}},
		"Newfoundland summer, UTC-02:30": {input: "23/11/2026 09:30:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC-02:30", "clock.skew_seconds": 30}},
		"Kiribati, UTC+14 on the next day": {input: "24/11/2026 02:00:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+14:00", "clock.skew_seconds": 30}},
		"numeric offset east (Get-Date -Format 'dd/MM/yyyy HH:mm:ss zzz')": {input: "23/11/2026 17:31:00 +05:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+05:30", "clock.skew_seconds": 60}, summary: "The user's PC is 1 min ahead of this machine's clock: within"},
		"numeric offset west": {input: "23/11/2026 08:30:30 -03:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC-03:30", "clock.skew_seconds": 30}},
		"a zone name deskside does not know": {input: "Mon Nov 23 17:31:00 IST 2026", status: StatusOK,
			want:    map[string]any{"clock.zone": "UTC+05:30", "clock.skew_seconds": 60},
			summary: "(read in UTC+05:30, the offset nearest this machine's time: IST is not a zone deskside knows)"},
		"no zone at all": {input: "23/11/2026 12:00:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+00:00", "clock.skew_seconds": 30}, summary: "(the reading names no time zone: read in UTC+00:00"},
		// 17:45 is 15 minutes from UTC+05:30 and from UTC+06:00: the
		// whole hour, first in the list, is the one shown.
		"two zones as near": {input: "23/11/2026 17:45:00", status: StatusWarn,
			want:    map[string]any{"clock.zone": "UTC+06:00", "clock.skew_seconds": -900},
			summary: "The user's PC is 15 min behind this machine's clock: more than the 5 minutes tokens tolerate"},
		// 17:43 is 13 minutes from UTC+05:30 and 17 from UTC+06:00: four
		// minutes apart is enough to tell.
		"one zone 4 minutes nearer": {input: "23/11/2026 17:43:00", status: StatusFail,
			want: map[string]any{"clock.zone": "UTC+05:30", "clock.skew_seconds": 780}, summary: "read in UTC+05:30"},
	})
}

// TestClockReadingDateAndTime: the edges of what a reading may hold.
func TestClockReadingDateAndTime(t *testing.T) {
	runReadings(t, map[string]readingCase{
		"12 PM is noon": {input: "11/23/2026 12:01 PM", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+00:00", "clock.skew_seconds": 60}},
		"1 PM": {input: "11/23/2026 1:01 PM", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+01:00", "clock.skew_seconds": 60}},
		"23 h (Sydney in summer)": {input: "23/11/2026 23:00:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+11:00", "clock.skew_seconds": 30}},
		"59 min": {input: "23/11/2026 11:59:30", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": -30, "clock.direction": "behind"}},
		"a leap second": {input: "Mon Nov 23 11:59:60 UTC 2026", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 0}, summary: "The user's PC matches this machine's clock"},
		"the clock one day ahead, zone given": {input: "Tue Nov 24 12:00:00 UTC 2026", status: StatusFail,
			want:    map[string]any{"clock.skew_seconds": 86400, "clock.skewed": true},
			summary: "The user's PC is 24 h ahead of this machine's clock: more than the 5 minutes tokens tolerate"},
		"15 h ahead, no zone: UTC+14 and 1 h off": {input: "24/11/2026 03:00:00", status: StatusFail,
			want: map[string]any{"clock.zone": "UTC+14:00", "clock.skew_seconds": 3600}, summary: "The user's PC is 1 h ahead"},
		"2 days ahead, no zone": {input: "25/11/2026 12:00:00", status: StatusWarn,
			summary: "The user's clock reading is 2 days ahead of this machine's: the user's date is wrong"},
		"a day half written against the time": {input: "2026/11/23 下午9:03:00", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+09:00", "clock.skew_seconds": 180}},
	})
}

// TestClockReadingDateOrder: a numeric date is read in the order its
// form tells; only when nothing tells is it read both ways, the nearer
// kept, and a note says so.
func TestClockReadingDateOrder(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.DateTime, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	runReadings(t, map[string]readingCase{
		"year first (Japanese Windows)": {input: "2026/11/23 21:00:30", status: StatusOK,
			want: map[string]any{"clock.zone": "UTC+09:00", "clock.skew_seconds": 30}},
		"AM/PM means month first": {input: "12/1/2026 9:00 AM", now: at("2026-12-01 14:00:30"), status: StatusOK,
			want: map[string]any{"clock.zone": "UTC-05:00", "clock.skew_seconds": -30}},
		"a day past 12 second means month first": {input: "11/23/2026 12:00:30", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 30}},
		"a day past 12 first means day first": {input: "23/11/2026 12:00:30", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 30}},
		"12 second: either order, US nearer": {input: "11/12/2026 14:00:00", now: at("2026-11-12 14:00:30"), status: StatusOK,
			want: map[string]any{"clock.skew_seconds": -30}, notes: []string{noteUSFirst}},
		"12 first: either order, day first nearer": {input: "12/11/2026 14:00:00", now: at("2026-11-12 14:00:30"), status: StatusOK,
			want: map[string]any{"clock.skew_seconds": -30}, notes: []string{noteDayFirst}},
		"5 November read day first": {input: "05/11/2026 10:00:00", now: at("2026-11-05 10:01:00"), status: StatusOK,
			want: map[string]any{"clock.skew_seconds": -60, "clock.zone": "UTC+00:00"}, notes: []string{noteDayFirst}},
		// 11 May and 5 November are both 89 days from 8 August: the US
		// reading, the first, is kept.
		"both as far: the US reading": {input: "05/11/2026 10:00:00", now: at("2026-08-08 10:00:00"), status: StatusWarn,
			summary: "The user's clock reading is 89 days behind this machine's"},
	})
}

// TestClockReadingOnTwoLines: cmd's `date /t` and `time /t` (or `date`
// and `time` answered with Enter) print the date and the time on two
// short lines; lines of up to 30 characters are joined.
func TestClockReadingOnTwoLines(t *testing.T) {
	cases := map[string]readingCase{
		"date /t and time /t": {input: "Mon 11/23/2026\n12:01 PM\n", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 60, "clock.zone": "UTC+00:00"}},
		"German date, 30 characters": {input: "Aktuelles Datum: Mo 23.11.2026\nAktuelle Zeit: 13:01:00,12\n", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 60, "clock.zone": "UTC+01:00"}},
		"Spanish time, 30 characters": {input: "23/11/2026\nLa hora actual es: 13:01:00,12\n", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 60, "clock.zone": "UTC+01:00"}},
		"time /t first, Taiwanese Windows": {input: "下午 08:01\n2026/11/23 週一\n", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 60, "clock.zone": "UTC+08:00"}},
	}
	for _, name := range []string{"German date, 30 characters", "Spanish time, 30 characters"} {
		lines := strings.Split(cases[name].input, "\n")
		if len(lines[0]) > 30 || len(lines[1]) > 30 || max(len(lines[0]), len(lines[1])) != 30 {
			t.Fatalf("%s: lines of %d and %d bytes, want one of exactly 30", name, len(lines[0]), len(lines[1]))
		}
	}
	runReadings(t, cases)
}

// TestClockReadingSize: a reading is a few short lines: a line of up to
// 80 characters and a paste of up to 600 are read, longer ones are not
// taken for a reading.
func TestClockReadingSize(t *testing.T) {
	line := "Clock on the user's PC right now: Monday, November 23, 2026 12:01:00 PM (copied)"
	paste := "PS C:\\Users\\alex> Get-Date\n\nMonday, November 23, 2026 12:01:00 PM\n"
	paste += strings.Repeat("\n", 600-len(paste))
	if len(line) != 80 || len(paste) != 600 {
		t.Fatalf("line of %d bytes, paste of %d: want 80 and 600", len(line), len(paste))
	}
	ok := map[string]any{"clock.skew_seconds": 60, "clock.checked": "the user's PC"}
	runReadings(t, map[string]readingCase{
		"a line of 80":    {input: line, status: StatusOK, want: ok},
		"a paste of 600":  {input: paste, status: StatusOK, want: ok},
		"a line of 81":    {input: line + ".", status: StatusError, summary: "Expected a time to compare with"},
		"a paste of 601":  {input: paste + "\n", status: StatusError, summary: "Expected a time to compare with"},
		"five lines":      {input: "Monday, November 23, 2026 12:01:00 PM\nmore\nlines\nthan\nthat", status: StatusError},
		"a clock in JSON": {input: `{"time": "Monday, November 23, 2026 12:01:00 PM"}`, status: StatusError},
	})
}

// TestParseClockLineLimits: the first and last dates a reading may have;
// a PC whose clock battery died shows 1 January 1970.
func TestParseClockLineLimits(t *testing.T) {
	read := map[string]string{
		"Thu Jan  1 00:00:00 UTC 1970": "1970-01-01 00:00:00",
		"31.12.2026 23:59:00":          "2026-12-31 23:59:00",
		"31.12.2200 10:00:00":          "2200-12-31 10:00:00",
		"01.01.27 08:00:00":            "2027-01-01 08:00:00",
	}
	for l, want := range read {
		got := parseClockLine(l)
		if len(got) != 1 || got[0].wall.Format(time.DateTime) != want {
			t.Errorf("%q read as %v, want %s", l, got, want)
		}
	}
	for _, l := range []string{"23.11.100 12:00:00", "31.12.1969 23:59:59", "01.01.2201 00:00:00", "00.11.2026 10:00:00", "23.13.2026 10:00:00", "32.12.2026 10:00:00"} {
		if got := parseClockLine(l); len(got) != 0 {
			t.Errorf("%q read as %v, want no reading", l, got[0].wall)
		}
	}
}
