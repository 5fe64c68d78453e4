package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRedactTwiceChangesNothing: text that went through redaction once
// (an exported log redacted again, a journal replayed into another) keeps
// its markers as they are, wherever they stand, and counts nothing new.
func TestRedactTwiceChangesNothing(t *testing.T) {
	for name, in := range map[string]string{
		"token first":             testJWT + " failed with password=Hunter2Secret!",
		"token after a password":  "password=Hunter2Secret! then Authorization: Bearer " + testJWT,
		"two tokens and a secret": testJWT + " client_secret=abcDEF123456789xyzSECRET " + testJWT,
	} {
		t.Run(name, func(t *testing.T) {
			once, c1 := Redact(in)
			if len(c1) == 0 || strings.Contains(once, "Hunter2") || strings.Contains(once, "eyJhbGci") {
				t.Fatalf("first pass left a secret or masked nothing: %q %v", once, c1)
			}
			if !strings.Contains(once, "[jwt sha256:") {
				t.Fatalf("first pass wrote no token marker: %q", once)
			}
			twice, c2 := Redact(once)
			if twice != once || len(c2) != 0 {
				t.Errorf("second pass changed the text:\n once %q\ntwice %q (%v)", once, twice, c2)
			}
		})
	}
}

// TestRecordedTreeSizeLimit: a tree file of exactly MaxTreeFile bytes is
// loaded; one byte more is refused, naming the limit.
func TestRecordedTreeSizeLimit(t *testing.T) {
	for size, ok := range map[int64]bool{MaxTreeFile: true, MaxTreeFile + 1: false} {
		path := filepath.Join(t.TempDir(), "flows.yaml")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		must(t, f.Truncate(size))
		must(t, f.Close())
		got, err := RecordedTree(path)
		if ok && (err != nil || got != path) {
			t.Errorf("%d bytes: %q, %v; want it loaded", size, got, err)
		}
		if !ok && (err == nil || !strings.Contains(err.Error(), "over the 8 MB")) {
			t.Errorf("%d bytes: %q, %v; want it refused", size, got, err)
		}
	}
}

// TestDescribeDisorder pins the sentence about lines out of sequence:
// each kind of problem in its own words, the first three named, and how
// many more there are only when there are more.
func TestDescribeDisorder(t *testing.T) {
	repeat := SeqProblem{Line: 5, Seq: 4, Prev: 4, Repeat: true}
	back := SeqProblem{Line: 7, Seq: 2, Prev: 5}
	jump := SeqProblem{Line: 9, Seq: 9, Prev: 6}
	const tail = ": lines were repeated, reordered or lost, for example by two programs writing at once or by editing; what is shown follows the file's order and may not be what happened"
	for want, ps := range map[string][]SeqProblem{
		"3 lines of the log are out of sequence (line 5 repeats number 4, line 7 (number 2) comes after number 5, line 9 jumps from number 6 to 9)" + tail:            {repeat, back, jump},
		"5 lines of the log are out of sequence (line 5 repeats number 4, line 7 (number 2) comes after number 5, line 9 jumps from number 6 to 9 and 2 more)" + tail: {repeat, back, jump, jump, jump},
	} {
		if got := describeDisorder(ps); got != want {
			t.Errorf("describeDisorder:\n got %s\nwant %s", got, want)
		}
	}
}

// TestMarkerLen: the token marker an earlier pass wrote is recognised to
// its closing bracket, with the claims and the "encrypted" flag jwtMarker
// writes; anything else that starts like one is not a marker, so the
// detectors still read it.
func TestMarkerLen(t *testing.T) {
	const full = "[jwt sha256:0011aabb… aud=https://graph.microsoft.com tid=72f988bf exp=1700000000]"
	const enc = "[jwt sha256:0011aabb… encrypted]"
	long := "[jwt sha256:0011aabb… aud=" + strings.Repeat("a", 700) + "]"
	// A marker whose closing bracket is its 600th byte, the longest read.
	at599 := "[jwt sha256:0011aabb… aud=" + strings.Repeat("a", 599-len("[jwt sha256:0011aabb… aud=")) + "]"
	for in, want := range map[string]int{
		full + " and then":                          len(full),
		enc + "x":                                   len(enc),
		"[jwt sha256:0011aabb…]":                    len("[jwt sha256:0011aabb…]"),
		"[redacted] x":                              len("[redacted]"),
		"[jwt sha256:0011aabb… aud=x":               0, // no closing bracket
		"[jwt sha256:0011aabb… scope=x]":            0, // not a claim the marker shows
		"[jwt sha256:0011aabb… aud=x\x1b[31m]":      0, // a control ends the value
		"[jwt sha256:0011aabb… aud=x[jwt sha256:1]": 0, // a bracket ends the value
		"[jwt sha256:0011aabb…x]":                   0,
		"[jwt sha256:0011AABB… aud=x]":              0, // not as jwtMarker writes it
		"[jwt sha256:0011aabb aud=x]":               0,
		"[jwt sha256:0011":                          0, // cut inside the fingerprint
		at599:                                       600,
		at599[:len(at599)-1] + "a]":                 0, // its bracket at byte 601 is past the limit
		long:                                        0, // longer than any marker
	} {
		if got := markerLen(in); got != want {
			t.Errorf("markerLen(%.50q) = %d, want %d", in, got, want)
		}
	}
}
