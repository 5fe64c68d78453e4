package probes

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// finding is one thing a probe found wrong, and how bad it is.
type finding struct {
	status Status
	text   string
}

// builder collects what one run of a probe found — facts, detail lines,
// problems and notes — and turns it into a Result: the status is the worst
// of what was raised and found, and the summary leads with its headline and
// the first problem. Every probe builds its Result this way, so none keeps
// its own status ladder or detail format.
type builder struct {
	facts    map[string]any
	details  []string
	problems []finding
	notes    []string
	status   Status
	// label introduces each problem in the details ("warning: …").
	label string
	// countMore adds "(+N more)" to the summary when there are several problems.
	countMore bool
}

// newBuilder starts a Result whose problems are listed in the details as
// "label: text".
func newBuilder(label string) *builder {
	return &builder{facts: map[string]any{}, label: label}
}

// set records a fact.
func (b *builder) set(name string, v any) { b.facts[name] = v }

// setString records a string fact when it is not empty, and returns it.
func (b *builder) setString(name, v string) string {
	if v != "" {
		b.facts[name] = v
	}
	return v
}

// has reports whether a fact was recorded.
func (b *builder) has(name string) bool {
	_, ok := b.facts[name]
	return ok
}

// str returns a string fact, or "".
func (b *builder) str(name string) string {
	s, _ := b.facts[name].(string)
	return s
}

// detail adds a line for the detail panel.
func (b *builder) detail(line string) { b.details = append(b.details, line) }

// detailf adds a formatted line for the detail panel.
func (b *builder) detailf(format string, a ...any) { b.detail(fmt.Sprintf(format, a...)) }

// raise makes the status at least s. Only ok, warn and fail are ordered;
// a probe that cannot read its input returns errorResult instead.
func (b *builder) raise(s Status) {
	if s > b.status && s <= StatusFail {
		b.status = s
	}
}

// problem records something wrong and raises the status to s.
func (b *builder) problem(s Status, text string) {
	b.problems = append(b.problems, finding{s, text})
	b.raise(s)
}

// note records a remark on how the input was read (a damaged part, an
// unusual format): shown in the details, not in the summary.
func (b *builder) note(text string) { b.notes = append(b.notes, text) }

// result returns the Result: headline plus the first problem as summary,
// then the details, each problem and each note.
func (b *builder) result(headline string) Result {
	summary := headline
	if len(b.problems) > 0 {
		summary += "; " + b.problems[0].text
		if b.countMore && len(b.problems) > 1 {
			summary += fmt.Sprintf(" (+%d more)", len(b.problems)-1)
		}
	}
	details := b.details
	for _, p := range b.problems {
		details = append(details, b.label+": "+p.text)
	}
	for _, n := range b.notes {
		details = append(details, "note: "+n)
	}
	return Result{Status: b.status, Summary: endSentence(summary), Facts: b.facts, Details: details}
}

// Text renders the result for a person reading a terminal or a plain-text
// log, the same way everywhere (deskside probe, plain mode): a line with
// the status mark, the status and the summary, then one indented line per
// fact (sorted by name) and per detail. Each field stays on its own line:
// line breaks inside a value become spaces. Text that came from a paste
// is not made safe here; the caller passes the whole text through its
// terminal filter.
func (r Result) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s: %s\n", r.Status.Symbol(), r.Status.Word(), oneLine(r.Summary))
	for _, k := range slices.Sorted(maps.Keys(r.Facts)) {
		fmt.Fprintf(&b, "  %s = %s\n", oneLine(k), oneLine(FormatValue(r.Facts[k])))
	}
	for _, d := range r.Details {
		fmt.Fprintf(&b, "  %s\n", oneLine(d))
	}
	return b.String()
}

// FormatValue writes one fact value for people: yes/no for a bool, a
// comma-separated list, "(none)" for an empty list and "(not set)" for nil.
func FormatValue(v any) string {
	switch x := v.(type) {
	case []string:
		if len(x) == 0 {
			return "(none)"
		}
		return strings.Join(x, ", ")
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case nil:
		return "(not set)"
	}
	return fmt.Sprint(v)
}

// oneLine puts a field on one line: its line breaks become spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}
