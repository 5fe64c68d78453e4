// Package probes holds the checks deskside runs itself: each reads text the
// operator pasted (a token, an error body, command output) or, on the
// affected Windows PC, runs a fixed program through a Runner, and turns what
// it read into a Result of facts that the decision tree can use.
package probes

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Status is how a probe's check came out. It is ordered from best to worst
// only for ok, warn and fail; unavailable and error say that no check was made.
type Status int

// The statuses a Result can have.
const (
	StatusOK Status = iota
	StatusWarn
	StatusFail
	StatusUnavailable
	StatusError
)

var statusNames = [...]string{"ok", "warn", "fail", "unavailable", "error"}

// String returns the status as it appears in the log and in JSON.
func (s Status) String() string {
	if int(s) < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("status(%d)", int(s))
	}
	return statusNames[s]
}

// Word is the status as an operator and a ticket's reader read it: a
// check that found a problem "found a problem"; it did not fail itself.
// String stays the name written in logs and JSON.
func (s Status) Word() string {
	switch s {
	case StatusOK:
		return "ok"
	case StatusWarn:
		return "warning"
	case StatusFail:
		return "problem"
	case StatusUnavailable:
		return "not available here"
	case StatusError:
		return "could not read"
	}
	return s.String()
}

// Symbol returns a one-character mark so that a status never depends on
// colour alone.
func (s Status) Symbol() string {
	switch s {
	case StatusOK:
		return "✓"
	case StatusWarn:
		return "!"
	case StatusFail:
		return "✗"
	case StatusUnavailable:
		return "–"
	default:
		return "?"
	}
}

// MarshalText writes the status by name so journals stay readable.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a status name written by MarshalText.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if n == string(b) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("probes: unknown status %q (want one of ok, warn, fail, unavailable, error)", b)
}

// FactType is the kind of value a fact holds, so that a tree's `when:`
// conditions can be checked against it when the tree is loaded.
type FactType int

// The fact types. Times are kept as RFC 3339 strings in UTC.
const (
	FactBool FactType = iota
	FactInt
	FactString
	FactStrings
)

var factTypeNames = [...]string{"bool", "int", "string", "strings"}

// String returns the type's name as shown in `probe --list` and the schema.
func (t FactType) String() string {
	if int(t) < 0 || int(t) >= len(factTypeNames) {
		return fmt.Sprintf("facttype(%d)", int(t))
	}
	return factTypeNames[t]
}

// MarshalText writes the type by name.
func (t FactType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// FactSpec declares one fact a probe may set: a tree can only test facts
// that some probe declares, which catches typos when the tree is loaded.
type FactSpec struct {
	Name    string   `json:"name"`
	Type    FactType `json:"type"`
	Meaning string   `json:"meaning"`
}

// Result is what one run of a probe found. Facts hold plain values only
// (bool, int, string, []string) so that they survive a journal round trip.
type Result struct {
	Status  Status         `json:"status"`
	Summary string         `json:"summary"`
	Facts   map[string]any `json:"facts,omitempty"`
	Details []string       `json:"details,omitempty"`
}

// Input is what a probe reads: pasted text, or the PC through Runner.
type Input struct {
	// Text is what the operator pasted. When it is empty the probe reads the
	// PC itself through Runner, if it can.
	Text string
	// Runner runs fixed programs. Nil means this probe may not run programs.
	Runner Runner
	// Now is the clock that probes comparing times use; nil means time.Now.
	Now func() time.Time
	// URL is a reference address for the clock probe (its Date header).
	URL string
	// OS is the operating system the probe runs on ("windows", "linux"…);
	// empty means the one this binary was built for.
	OS string
}

func (in Input) now() time.Time {
	if in.Now != nil {
		return in.Now().UTC()
	}
	return time.Now().UTC()
}

// Description tells the operator and the registry what a probe reads.
type Description struct {
	// Title is a short name for menus ("Decode an access token").
	Title string `json:"title"`
	// Paste says what the operator should paste; empty if the probe takes no paste.
	Paste string `json:"paste,omitempty"`
	// Program is the command line the probe runs on the PC, if any.
	Program string `json:"program,omitempty"`
	// OnlyOS is the one OS where Program exists ("windows"); empty means any.
	OnlyOS string `json:"only_os,omitempty"`
	// Anywhere is what the probe reads on any machine without a paste, when
	// its Program runs only on OnlyOS (the clock: a URL's Date header).
	Anywhere string `json:"anywhere,omitempty"`
	// Example is a one-line example of what it reads, for the message shown
	// when a paste is not recognised.
	Example string `json:"example,omitempty"`
}

// Probe is one compiled-in check. A tree names probes; it never runs commands.
type Probe interface {
	// Name is the id a tree file uses (`probe: { name: jwt }`).
	Name() string
	// Describe says what the probe reads and where it can run.
	Describe() Description
	// Facts declares every fact Run may set.
	Facts() []FactSpec
	// Run performs the check. It never panics: input it cannot read gives
	// StatusError with a sentence saying what it expected.
	Run(ctx context.Context, in Input) Result
}

// errorResult is the Result for input a probe cannot read: what it expected
// and the first characters of what it got.
func errorResult(expected, got string) Result {
	return Result{
		Status:  StatusError,
		Summary: fmt.Sprintf("Expected %s, but got %s.", expected, describeInput(got)),
	}
}

// describeInput names what was pasted without echoing a secret: the
// summary is shown on a shared screen and kept in the journal, and a
// paste a check cannot read is often a password, a refresh token or a
// client secret pasted in the wrong box. Only the plain words it starts
// with are quoted (up to about 24 characters), never a word that mixes
// letters and digits or is long enough to be a key.
func describeInput(s string) string {
	if s == "" {
		return "nothing"
	}
	n := utf8.RuneCountInString(s)
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	var words []string
	length := 0
	for _, w := range strings.Fields(line) {
		if !plainWord(w) || length+len(w) > 24 {
			break
		}
		words = append(words, w)
		length += len(w) + 1
	}
	if len(words) == 0 {
		return fmt.Sprintf("%s not shown here, in case it is a secret", Plural(n, "character", "characters"))
	}
	shown := strings.Join(words, " ")
	more := ""
	if len(shown) < len(strings.TrimSpace(s)) {
		more = "…"
	}
	return fmt.Sprintf("%s starting %q%s", Plural(n, "character", "characters"), shown, more)
}

// plainWord reports a word that cannot be a secret: short, printable,
// and not a mix of letters and digits.
func plainWord(w string) bool {
	if utf8.RuneCountInString(w) > 14 {
		return false
	}
	letters, digits := false, false
	for _, c := range w {
		switch {
		case c < 0x20 || c == 0x7f || c == 0xfffd || c == '=':
			return false
		case unicode.IsLetter(c):
			letters = true
		case unicode.IsDigit(c):
			digits = true
		}
	}
	return !(letters && digits)
}
