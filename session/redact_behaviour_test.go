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
