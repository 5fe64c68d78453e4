package session

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRedactJSONMasksOnlyStrings: the JSON export's last pass masks a
// secret inside any string of the document (a ticket or a note typed
// with a password in it, a journal written before redaction existed)
// and leaves every other byte as the encoder wrote it: numbers, keys,
// escapes, and strings that hold nothing secret, even ones json.Marshal
// would have escaped differently (<, & and \/).
func TestRedactJSONMasksOnlyStrings(t *testing.T) {
	cases := map[string]struct {
		in, want string
		counts   map[string]int
	}{
		"a secret in a value": {
			in:     `{"note": "password=Hunter2Secret!", "n": 5}`,
			want:   `{"note": "password=[redacted]", "n": 5}`,
			counts: map[string]int{"password": 1},
		},
		"escaped quotes before the secret": {
			in:     `{"note": "he said \"ok\" then password=Hunter2Secret!"}`,
			want:   `{"note": "he said \"ok\" then password=[redacted]"}`,
			counts: map[string]int{"password": 1},
		},
		"an escaped backslash ends the string": {
			in:     `["C:\\", "password=Hunter2Secret!"]`,
			want:   `["C:\\", "password=[redacted]"]`,
			counts: map[string]int{"password": 1},
		},
		"nothing secret is left byte for byte": {
			in:   `{"a": "<b> & \/ \u00e9", "b": [1, true, null]}`,
			want: `{"a": "<b> & \/ \u00e9", "b": [1, true, null]}`,
		},
		"a string cut off at the end is copied": {
			in:   `{"a": "password=Hunter2Secret!`,
			want: `{"a": "password=Hunter2Secret!`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			out, counts := redactJSON([]byte(tc.in))
			if string(out) != tc.want {
				t.Errorf("redactJSON:\n got %s\nwant %s", out, tc.want)
			}
			if !maps.Equal(counts, tc.counts) {
				t.Errorf("counts %v, want %v", counts, tc.counts)
			}
		})
	}
}

// TestStampUnmarshal: a journal's plainly quoted times (the fast path
// stats relies on) are read exactly, in UTC, and a time that is not
// RFC 3339 is refused with a sentence that says so. Neither path reads a
// time written with JSON escapes, and a number is not a time.
func TestStampUnmarshal(t *testing.T) {
	want := time.Date(2024, 3, 5, 14, 2, 9, 120_000_000, time.UTC)
	for name, in := range map[string]string{
		"plain":      `"2024-03-05T14:02:09.12Z"`,
		"other zone": `"2024-03-05T15:02:09.12+01:00"`,
	} {
		// Clipped, so that reading a byte past the value would fail.
		b := slices.Clip([]byte(in))
		var s Stamp
		if err := s.UnmarshalJSON(b); err != nil {
			t.Errorf("%s: %v", name, err)
		} else if got := s.Time(); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s: %v, want %v in UTC", name, got, want)
		}
	}
	for _, in := range []string{`"yesterday"`, `""`} {
		var s Stamp
		err := s.UnmarshalJSON(slices.Clip([]byte(in)))
		if err == nil || !strings.Contains(err.Error(), "is not RFC 3339") {
			t.Errorf("%s: error %v, want one saying the time is not RFC 3339", in, err)
		}
	}
	for _, in := range []string{`12`, `"2024-03-05T14:02:09.12\u005a"`} {
		var s Stamp
		if err := s.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s read as a time: %v", in, s.Time())
		}
	}
}

// TestUnfinishedStepIsNumberedAfterThePath: a session that stopped
// before an outcome lists the step it stopped at as the next number after
// the answered steps, in the Markdown and in the plain-text export.
func TestUnfinishedStepIsNumberedAfterThePath(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	s := &Summary{
		Started: at, Ended: at.Add(2 * time.Minute),
		Path: []PathStep{
			{Node: "a", Title: "First question", Answer: "Yes", Next: "b", At: at.Add(time.Minute)},
			{Node: "b", Title: "Second question", Answer: "No", Next: "c", At: at.Add(2 * time.Minute)},
		},
		Current: "c", CurrentTitle: "Third question",
	}
	for f, want := range map[Format]string{
		FormatMarkdown: "\n3. **Third question** — *not answered; the session stopped here*\n",
		FormatText:     "\n 3. Third question — not answered; the session stopped here\n",
	} {
		out, _, err := Export(s, f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), want) {
			t.Errorf("%s export lacks %q:\n%s", f, want, out)
		}
	}
}

// TestWriteBesideRefusesAFolder: an export whose name is taken by a
// folder is refused with a sentence that says so, and leaves no
// temporary file behind.
func TestWriteBesideRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s.md"
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	err := writeBeside(path, []byte("# x\n"))
	if err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("error %v, want one saying %s is a folder", err, path)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only s.md", len(entries))
	}
}
