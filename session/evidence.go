package session

import (
	"fmt"
	"time"

	"deskside/probes"
)

// Unread is what a check could not read, gathered into one line of the
// evidence: an operator who pastes the wrong thing three times has not
// produced three pieces of evidence, and the ticket's reader wants the
// reading that worked first.
type Unread struct {
	Probe string
	// Pasted is set for pastes, unset for output the check read on this PC.
	Pasted      bool
	First, Last time.Time
	Attempts    int
}

// Line says what the check could not read, when and how often, as one
// sentence without its full stop.
func (u Unread) Line() string {
	what := "a paste"
	if !u.Pasted {
		what = "this PC's output"
	}
	when := "at " + clockTime(u.First) + " UTC"
	if clockTime(u.Last) != clockTime(u.First) {
		when = "between " + clockTime(u.First) + " and " + clockTime(u.Last) + " UTC"
	}
	return fmt.Sprintf("%s check could not read %s %s (%s)", u.Probe, what, when, plural(u.Attempts, "attempt", "attempts"))
}

// unreadRun reports a run that read nothing: an error with no fact.
func unreadRun(p ProbeRun) bool { return p.Status == probes.StatusError && len(p.Facts) == 0 }

// evidence splits the checks run into the readings the evidence leads
// with, in the order they were run, and the attempts that read nothing,
// one Unread per check and source in the order of their first attempt.
func evidence(runs []ProbeRun) ([]ProbeRun, []Unread) {
	var read []ProbeRun
	var unread []Unread
	at := map[string]int{}
	for _, p := range runs {
		if !unreadRun(p) {
			read = append(read, p)
			continue
		}
		k := fmt.Sprintf("%s/%t", p.Probe, p.Pasted)
		i, ok := at[k]
		if !ok {
			i = len(unread)
			at[k] = i
			unread = append(unread, Unread{Probe: p.Probe, Pasted: p.Pasted, First: p.At})
		}
		unread[i].Last = p.At
		unread[i].Attempts++
	}
	return read, unread
}

// plural writes a count with the word that fits it: "1 attempt",
// "2 attempts" (probes.Plural, the one rule for counts).
func plural(n int, one, many string) string { return probes.Plural(n, one, many) }
