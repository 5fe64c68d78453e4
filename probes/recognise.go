package probes

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Reading is what one paste-reading check found in a paste.
type Reading struct {
	Probe  string `json:"probe"`
	Result Result `json:"result"`
}

// Recognised reports whether a result read something from its input: a
// check that could not read the paste (StatusError) or could not run here
// (StatusUnavailable) found nothing, whatever it says.
func (r Result) Recognised() bool {
	return r.Status != StatusError && r.Status != StatusUnavailable
}

// Paste is what deskside made of one paste, or of one reading of this PC,
// at a step: the step's own check's result and, when that check read
// nothing, what every other paste-reading check found.
type Paste struct {
	// Own is the step's own check's result, read or not, so that the
	// attempt can be logged; nil when the step names no check.
	Own *Reading `json:"own,omitempty"`
	// Others are the readings of the other checks that recognised the
	// paste, in registry order; never one of the own check.
	Others []Reading `json:"others,omitempty"`
	// Kinds lists what deskside reads, one line each, when the paste was
	// not empty and nothing recognised it.
	Kinds []string `json:"kinds,omitempty"`
}

// Recognised reports whether any check read something.
func (p Paste) Recognised() bool {
	return p.Own != nil && p.Own.Result.Recognised() || len(p.Others) > 0
}

// Readings returns the own check's result (read or not) followed by the
// others' readings: everything to show, in order.
func (p Paste) Readings() []Reading {
	var out []Reading
	if p.Own != nil {
		out = append(out, *p.Own)
	}
	return append(out, p.Others...)
}

// ReadPaste is the one rule for a paste at a step, shared by the wizard,
// plain mode and `deskside probe`: the step's own check reads it first
// (or reads this PC when the text is empty); then, when there is text,
// every other paste-reading check in ps tries, and those that recognise
// part of it contribute — a platform's "token expired" label pasted with
// the raw 429 under it is both, and the next step's question is answered
// by the part the own check did not read. When nothing recognises the
// text, Kinds lists what deskside reads. own may be nil for a step
// without a check. A cancelled context stops after the own check.
func ReadPaste(ctx context.Context, own Probe, ps []Probe, in Input) Paste {
	var out Paste
	hasText := strings.TrimSpace(in.Text) != ""
	if own != nil {
		r, ok := runSafely(ctx, own, in)
		if !ok {
			r = Result{Status: StatusError, Summary: "The check stopped on an internal error."}
		}
		if ctx.Err() != nil && r.Status == StatusError {
			r = Result{Status: StatusError, Summary: "The check was cancelled."}
		}
		out.Own = &Reading{Probe: own.Name(), Result: r}
		if !hasText || ctx.Err() != nil {
			return out
		}
	}
	for _, rd := range ReadAny(ctx, ps, in) {
		if own == nil || rd.Probe != own.Name() {
			out.Others = append(out.Others, rd)
		}
	}
	if len(out.Others) == 0 && (out.Own == nil || !out.Own.Result.Recognised()) && (hasText || own == nil) {
		out.Kinds = PasteKinds(ps)
	}
	return out
}

// runSafely runs a probe's own check; a panic counts as reading nothing.
func runSafely(ctx context.Context, p Probe, in Input) (r Result, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return p.Run(ctx, in), true
}

// pasteReader is a probe that reads a paste more strictly when it was not
// asked for: the clock takes any timestamp at its own step, but among
// every check only a paste that is a clock reading.
type pasteReader interface {
	readPaste(ctx context.Context, in Input) Result
}

// ReadAny runs every probe in ps that reads pasted text (Describe().Paste
// != "") on in.Text and returns the readings of those that recognised
// something (Status not StatusError and not StatusUnavailable), in the
// order of ps. One paste may hold several things — a response whose body is
// an AADSTS error, a log with a token in it — and every check that
// recognises part of it contributes. It reads the paste only: it runs no
// program and fetches no URL. The checks read at once, each in its own
// goroutine. A probe that panics counts as one that recognised nothing.
func ReadAny(ctx context.Context, ps []Probe, in Input) []Reading {
	if strings.TrimSpace(in.Text) == "" {
		return nil
	}
	in.Text = cleanText(in.Text)
	in.Runner, in.URL = nil, ""
	// Every check judges the paste at the same moment, and the caller's
	// clock is read once, here: the checks run at once, and a clock need
	// not be safe for concurrent use.
	now := in.now()
	in.Now = func() time.Time { return now }
	others := in
	others.Text = withoutDsregLines(in.Text)
	// The checks read the same text and share nothing else, so they read
	// it at once, one goroutine each: a long paste is read in the time of
	// its slowest checks, on every core. The readings keep the order of ps.
	got := make([]*Reading, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		if !TakesPaste(p) || ctx.Err() != nil {
			continue
		}
		pin := others
		if p.Name() == (Dsregcmd{}).Name() {
			pin = in
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, ok := readSafely(ctx, p, pin)
			if ok && r.Status != StatusError && r.Status != StatusUnavailable {
				got[i] = &Reading{Probe: p.Name(), Result: r}
			}
		}()
	}
	wg.Wait()
	var out []Reading
	for _, r := range got {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// withoutDsregLines removes the lines of dsregcmd /status output from a
// paste that holds it, for every other check: the AADSTS code and HTTP
// status of the last PRT attempt are part of the device's state, read by
// dsregcmd, not an error the user met.
func withoutDsregLines(text string) string {
	mentioned := false
	for _, k := range knownDsregKeys {
		if strings.Contains(text, k) {
			mentioned = true
			break
		}
	}
	if !mentioned || !parseDsreg(text).recognised() {
		return text
	}
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if reSection().MatchString(line) || isDsregLine(line) {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func readSafely(ctx context.Context, p Probe, in Input) (r Result, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if s, strict := p.(pasteReader); strict {
		return s.readPaste(ctx, in), true
	}
	return p.Run(ctx, in), true
}

// PasteKinds lists what kinds of text deskside reads, one line each with a
// short example, for the message shown when nothing recognised a paste.
func PasteKinds(ps []Probe) []string {
	var out []string
	for _, p := range ps {
		d := p.Describe()
		if d.Paste == "" {
			continue
		}
		line := d.Title
		if d.Example != "" {
			line += fmt.Sprintf(", such as %s", d.Example)
		}
		out = append(out, line)
	}
	return out
}
