package probes

import (
	"context"
	"fmt"
	"strings"
)

// Reading is what one paste-reading check found in a paste.
type Reading struct {
	Probe  string `json:"probe"`
	Result Result `json:"result"`
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
// program and fetches no URL. A probe that panics counts as one that
// recognised nothing.
func ReadAny(ctx context.Context, ps []Probe, in Input) []Reading {
	if strings.TrimSpace(in.Text) == "" {
		return nil
	}
	in.Text = cleanText(in.Text)
	in.Runner, in.URL = nil, ""
	others := in
	others.Text = withoutDsregLines(in.Text)
	var out []Reading
	for _, p := range ps {
		if !TakesPaste(p) || ctx.Err() != nil {
			continue
		}
		pin := others
		if p.Name() == (Dsregcmd{}).Name() {
			pin = in
		}
		r, ok := readSafely(ctx, p, pin)
		if !ok || r.Status == StatusError || r.Status == StatusUnavailable {
			continue
		}
		out = append(out, Reading{Probe: p.Name(), Result: r})
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
