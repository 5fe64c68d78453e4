package session

import (
	"maps"
	"strings"
	"testing"
)

// fakeKeyLike is a run that reads as random (every character changes
// class), long enough for the key-like detector. Built here, not a secret.
var fakeKeyLike = strings.Repeat("aB3", 14)

// TestMarkersFromAnEarlierPassStayAsTheyAre: text that went through
// redaction once and then gained a new secret (a note added to an exported
// log, a journal merged into another) is redacted again. The markers of the
// first pass are written back exactly, wherever they stand and in whatever
// order the two kinds come, and only the new secret is masked and counted.
func TestMarkersFromAnEarlierPassStayAsTheyAre(t *testing.T) {
	secret := "Zx8Q" + strings.Repeat("~k", 3) + ".fake-" + "value"
	tokenMark := "[jwt sha256:0011aabb… aud=https://graph.microsoft.com exp=1700000000]"
	// A marker whose claim reads as key-like: read as text, the key-like
	// detector would mask it.
	oddMark := "[jwt sha256:0011aabb… aud=" + fakeKeyLike + "]"
	for name, kept := range map[string]string{
		"token marker before a redacted marker": tokenMark + " failed; password=[redacted]; retried",
		"marker with a key-like claim first":    oddMark + " then Authorization: Bearer [redacted]",
		"two markers side by side":              "note [redacted]" + oddMark + " end",
		"redacted markers after a token marker": "was " + oddMark + " and [redacted], [redacted key-like string]",
	} {
		t.Run(name, func(t *testing.T) {
			in := kept + "\nclient_secret=" + secret
			want := kept + "\nclient_secret=[redacted]"
			got, counts := Redact(in)
			if got != want {
				t.Errorf("Redact:\n got %q\nwant %q", got, want)
			}
			if wantC := map[string]int{KindClientSecret: 1}; !maps.Equal(counts, wantC) {
				t.Errorf("counts %v, want %v", counts, wantC)
			}
		})
	}
}
