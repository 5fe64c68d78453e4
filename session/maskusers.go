package session

import (
	"maps"
	"strings"
	"unicode/utf8"
)

// emailRe finds an e-mail address or UPN. The local part may hold the
// stars a check's own summary already masked with (a***@contoso.com), so
// a masked export shows every address the same way.
var emailRe = lazyRegexp(`[A-Za-z0-9._%+'*-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}`)

// downLevelRe finds a down-level logon name, DOMAIN\user, with the domain
// in capitals as Windows prints it (whoami, cmdkey, dsregcmd), or
// AzureAD\. Requiring capitals keeps an escape in pasted JSON or a path
// ("line\nnext", C:\Windows\System32) from reading as a user. A logon
// name cannot end with a period, so a sentence's full stop after one is
// kept.
var downLevelRe = lazyRegexp(`(?:^|[\s"'(=,:;\[])((?:[A-Z][A-Z0-9-]{1,14}|AzureAD)\\)([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?)`)

// wellKnownDomains are the built-in Windows principals' domains, which
// name no person.
var wellKnownDomains = map[string]bool{`AUTHORITY\`: true, `BUILTIN\`: true, `SERVICE\`: true, `WORKGROUP\`: true, `NT\`: true}

// maskMark replaces the rest of a masked user name.
const maskMark = "…"

// MaskUsers hides who the user is in text bound for a ticket that others
// read, keeping what routes the ticket: the domain. An address or UPN
// keeps its first character and its domain (adele.vance@contoso.com
// becomes a…@contoso.com), a logon name its domain (CONTOSO\adele becomes
// CONTOSO\a…). It returns the masked text and how many names it masked.
// Masking twice changes nothing. Exports keep identities unless asked
// (the ticket needs to know who); the journal keeps them as well, and
// never a secret either way.
func MaskUsers(s string) (string, int) {
	if !strings.ContainsAny(s, `@\`) {
		return s, 0
	}
	n := 0
	s = emailRe().ReplaceAllStringFunc(s, func(addr string) string {
		at := strings.LastIndexByte(addr, '@')
		local := addr[:at]
		if strings.HasSuffix(local, maskMark) || local == "" {
			return addr
		}
		n++
		return firstRune(local) + maskMark + addr[at:]
	})
	if !strings.Contains(s, `\`) {
		return s, n
	}
	var b strings.Builder
	last := 0
	for _, m := range downLevelRe().FindAllStringSubmatchIndex(s, -1) {
		dom, us, ue := s[m[2]:m[3]], m[4], m[5]
		// A path goes on after the name (CONTOSO\share\folder): not a
		// user. A name already masked is left as it is.
		if wellKnownDomains[dom] || ue < len(s) && (s[ue] == '\\' || s[ue] == '/') || strings.HasPrefix(s[ue:], maskMark) {
			continue
		}
		b.WriteString(s[last:us])
		b.WriteString(firstRune(s[us:ue]) + maskMark)
		last = ue
		n++
	}
	b.WriteString(s[last:])
	return b.String(), n
}

// firstRune is the first character of a name, or nothing when the name
// starts with the stars of an earlier mask.
func firstRune(s string) string {
	if s[0] == '*' {
		return ""
	}
	_, size := utf8.DecodeRuneInString(s)
	return s[:size]
}

// maskSummary returns a copy of s with every user name masked, and how
// many were masked. s itself is left as it was.
func maskSummary(s *Summary) (*Summary, int) {
	n := 0
	str := func(p *string) {
		var c int
		*p, c = MaskUsers(*p)
		n += c
	}
	var val func(v any) any
	val = func(v any) any {
		switch x := v.(type) {
		case string:
			out, c := MaskUsers(x)
			n += c
			return out
		case []string:
			out := make([]string, len(x))
			for i, e := range x {
				out[i] = val(e).(string)
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = val(e)
			}
			return out
		}
		return v
	}
	facts := func(f map[string]any) map[string]any {
		if f == nil {
			return nil
		}
		out := make(map[string]any, len(f))
		for k, v := range f {
			out[k] = val(v)
		}
		return out
	}
	c := *s
	str(&c.Start.Ticket)
	str(&c.Start.Operator)
	str(&c.Start.Flow)
	str(&c.Symptom)
	str(&c.CurrentTitle)
	c.Path = append([]PathStep(nil), s.Path...)
	for i := range c.Path {
		p := &c.Path[i]
		str(&p.Title)
		str(&p.Answer)
		str(&p.Amends)
		p.Sets = facts(p.Sets)
	}
	c.Probes = append([]ProbeRun(nil), s.Probes...)
	for i := range c.Probes {
		str(&c.Probes[i].Summary)
		c.Probes[i].Facts = facts(c.Probes[i].Facts)
	}
	c.Findings = append([]string(nil), s.Findings...)
	for i := range c.Findings {
		str(&c.Findings[i])
	}
	c.Notes = append([]NoteEntry(nil), s.Notes...)
	for i := range c.Notes {
		str(&c.Notes[i].Title)
		str(&c.Notes[i].Text)
	}
	if s.Outcome != nil {
		o := *s.Outcome
		str(&o.Title)
		str(&o.Summary)
		o.Packet = append([]string(nil), o.Packet...)
		for i := range o.Packet {
			str(&o.Packet[i])
		}
		c.Outcome = &o
	}
	c.Redactions = maps.Clone(s.Redactions)
	return &c, n
}
