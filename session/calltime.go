package session

import (
	"time"

	"deskside/flows"
)

// callTime adds up the time on a call from a journal's records, in the
// one way every figure uses (the wizard's header, the summary written at
// the outcome, export, stats): a stretch runs from a session-start or
// resume record to the last record before the next resume, so the time
// while a session was quit, or its PC was off, does not count.
type callTime struct {
	done    time.Duration // the stretches before the current one
	from    time.Time     // the current stretch began
	last    time.Time     // the latest record of the current stretch
	started bool
}

// add takes one record's type and time, in journal order.
func (c *callTime) add(typ flows.EventType, at time.Time) {
	switch {
	case !c.started:
		c.from, c.last, c.started = at, at, true
	case typ == EventResume:
		c.done += c.stretch()
		c.from, c.last = at, at
	case at.After(c.last):
		c.last = at
	}
}

func (c *callTime) stretch() time.Duration { return max(c.last.Sub(c.from), 0) }

// total is the time on the call up to the last record, or up to now when
// now is later (a live session: the current stretch is still going on).
func (c *callTime) total(now time.Time) time.Duration {
	if !c.started {
		return 0
	}
	last := c.last
	if now.After(last) {
		last = now
	}
	return c.done + max(last.Sub(c.from), 0)
}

// CallDuration is the time on the call a journal records: from its start
// to its last record, leaving out every gap between a quit (or a crash)
// and the resume that continued it. Summary.Duration, export and stats
// all use it.
func CallDuration(recs []Record) time.Duration {
	var c callTime
	for _, r := range recs {
		c.add(r.Type, r.TS.Time())
	}
	return c.total(time.Time{})
}

// CallDuration is the time on the call so far, for a live session's
// clock: the stretches already recorded (before a quit and resume) plus
// the current one up to now. The wizard's header shows it, so a resumed
// call does not restart at 0:00.
func (j *Journal) CallDuration(now time.Time) time.Duration {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.call.total(now)
}
