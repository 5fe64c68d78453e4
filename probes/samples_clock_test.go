package probes

import (
	"context"
	"strings"
	"testing"
)

// TestClockReadsTheUsersPC: clock readings as Windows and Unix print them
// (testdata/probes/clock, sources in its SOURCES.md, and the formats
// below). The pasted time is the user's PC's.
func TestClockReadsTheUsersPC(t *testing.T) {
	cases := map[string]probeCase{
		"Get-Date long, 9 min behind": {input: "PS C:\\> Get-Date\n\nMonday, November 23, 2026 11:51:00 AM\n", status: StatusFail,
			want:    map[string]any{"clock.skew_seconds": -540, "clock.skewed": true, "clock.checked": "the user's PC", "clock.zone": "UTC+00:00"},
			summary: "The user's PC is 9 min behind this machine's clock"},
		"Get-Date long in UTC+1, in sync": {input: "Monday, November 23, 2026 1:00:20 PM", status: StatusOK,
			want: map[string]any{"clock.skew_seconds": 20, "clock.zone": "UTC+01:00", "clock.skewed": false}, summary: "read in UTC+01:00"},
		"US short with AM/PM":       {input: "11/23/2026 6:58 AM", status: StatusOK, want: map[string]any{"clock.skew_seconds": -120, "clock.zone": "UTC-05:00"}},
		"European short, day first": {input: "23/11/2026 13:06:00", status: StatusFail, want: map[string]any{"clock.skew_seconds": 360, "clock.direction": "ahead"}},
		"German dotted":             {input: "23.11.2026 12:59:30", status: StatusOK, want: map[string]any{"clock.skew_seconds": -30}},
		"date output with UTC": {input: "$ date\nMon Nov 23 12:07:00 UTC 2026", status: StatusFail,
			want: map[string]any{"clock.skew_seconds": 420, "clock.zone": "UTC+00:00"}, summary: "On the user's PC, sync the clock"},
		"date output with a known zone":     {input: "Mon Nov 23 13:10:00 CET 2026", status: StatusFail, want: map[string]any{"clock.skew_seconds": 600}},
		"date output with a numeric offset": {input: "Mon, 23 Nov 2026 07:00:00 -0500 (EST)", status: StatusOK, want: map[string]any{"clock.skew_seconds": 0, "clock.direction": "in-sync"}},
		"India's half-hour zone":            {input: "23/11/2026 17:32:00", status: StatusOK, want: map[string]any{"clock.zone": "UTC+05:30", "clock.skew_seconds": 120}},
		"Korean Get-Date":                   {input: "2026년 11월 23일 월요일 오후 9:03:00", status: StatusOK, want: map[string]any{"clock.zone": "UTC+09:00", "clock.skew_seconds": 180}},
		"French Get-Date":                   {input: "lundi 23 novembre 2026 13:00:00", status: StatusOK, want: map[string]any{"clock.zone": "UTC+01:00", "clock.skew_seconds": 0}},
		"two zones fit equally":             {input: "23/11/2026 17:45:00", status: StatusWarn, summary: "two zones fit it equally"},
		"stripchart, PC 10 min behind": {input: sample(t, "clock/windowsexporter_issue1130_stripchart_dotted_date_600s.txt"), status: StatusFail,
			want: map[string]any{"clock.skew_seconds": -600, "clock.direction": "behind", "clock.checked": "the user's PC"}, summary: "The user's PC is 10 min behind"},
		"stripchart /dataonly, PC 12 h ahead": {input: sample(t, "clock/icinga_issue176_stripchart_dataonly_ddmm_43149s.txt"), status: StatusFail,
			want: map[string]any{"clock.skew_seconds": 43150, "clock.direction": "ahead"}},
		"stripchart without commas and with errors": {input: sample(t, "clock/idx15855683566_stripchart_2017_no_comma_errors.txt"), status: StatusOK,
			want: map[string]any{"clock.skewed": false, "clock.reference": "w32tm /stripchart against time.windows.com"}},
		"stripchart /dataonly, 137 s": {input: sample(t, "clock/idx38269487403_stripchart_dotted_date_137s.txt"), status: StatusOK,
			want: map[string]any{"clock.skew_seconds": -137}},
		"an old Get-Date is not a clock error": {input: sample(t, "clock/idx35960842025_getdate_french_long_no_accents.txt"), status: StatusWarn,
			absent: []string{"clock.skew_seconds", "clock.skewed"}, summary: "not a reading taken just now"},
	}
	runCases(t, Clock{}, cases)
}

// TestClockReadsTheDateItWasGiven pins the date and time read from each
// real reading, whatever its distance from the test's clock.
func TestClockReadsTheDateItWasGiven(t *testing.T) {
	cases := map[string]string{
		"clock/idx28216601179_wsl_getdate_long_and_unix_date_dst.txt": "2018-03-11 19:54:05",
		"clock/idx35960842025_getdate_french_long_no_accents.txt":     "2026-02-19 14:32:07",
		"clock/idx65801984253_getdate_korean_long.txt":                "2026-05-14 18:38:26",
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			r := Clock{}.Run(context.Background(), Input{Text: sample(t, file), Now: clock, OS: "linux"})
			if !strings.Contains(strings.Join(r.Details, "\n"), "the user's clock read "+want) {
				t.Errorf("details %q do not say the clock read %s", r.Details, want)
			}
		})
	}
}

func TestParseClockLineRejects(t *testing.T) {
	for _, l := range []string{"13:99:00 23/11/2026", "25:00:00 23/11/2026", "11/23/2026 13:00 PM", "31/02/2026 10:00:00", "hello 10:00", "23/11/1800 10:00:00"} {
		if got := parseClockLine(l); len(got) != 0 {
			t.Errorf("%q read as %v", l, got[0].wall)
		}
	}
	if got := parseClockLine("05/11/2026 10:00:00"); len(got) != 2 {
		t.Errorf("an ambiguous date gave %d readings, want 2", len(got))
	}
}
