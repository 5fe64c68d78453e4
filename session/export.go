package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"deskside/flows"
)

// Format is an export format.
type Format string

// The export formats: Markdown for the ticket, JSON for machines, plain
// text for ticket systems that show no Markdown.
const (
	FormatMarkdown Format = "md"
	FormatJSON     Format = "json"
	FormatText     Format = "txt"
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "md", "markdown":
		return FormatMarkdown, nil
	case "json":
		return FormatJSON, nil
	case "txt", "text":
		return FormatText, nil
	}
	return "", fmt.Errorf("unknown export format %q: use md, json or txt", s)
}

// ExportOptions are how an export may differ from the default one, which
// keeps identities: the ticket needs to know whose sign-in failed.
type ExportOptions struct {
	// MaskUsers masks user names, UPNs and e-mail addresses with
	// MaskUsers, for a ticket read outside the team that handles the user.
	MaskUsers bool
}

// Export renders a session for the ticket with the default options.
func Export(s *Summary, f Format) ([]byte, map[string]int, error) {
	return ExportWith(s, f, ExportOptions{})
}

// ExportWith renders a session for the ticket. Every string goes through
// Redact once more on the way out, whatever the journal held; the second
// result counts what this pass masked (with KindUser, the user names
// MaskUsers masked), and Redactions in the summary what was masked when
// the journal was written. Markdown and text are made Safe, so that a
// reader who prints the file runs no control sequence; JSON escapes
// control characters, and the C1 and bidirectional controls encoding/json
// leaves raw are escaped as well.
func ExportWith(s *Summary, f Format, o ExportOptions) ([]byte, map[string]int, error) {
	// The ticket and operator are read as RedactField reads them, as a
	// log written before it did may hold a password there.
	_, tc := RedactField(s.Start.Ticket)
	_, oc := RedactField(s.Start.Operator)
	users := 0
	if o.MaskUsers {
		s, users = maskSummary(s)
	}
	r := render{s: s, masked: o.MaskUsers}
	var out []byte
	var counts map[string]int
	var err error
	switch f {
	case FormatJSON:
		out, counts, err = exportJSON(s, o.MaskUsers)
	case FormatText:
		var text string
		text, counts = Redact(r.text())
		out = []byte(Safe(text))
	case FormatMarkdown:
		var text string
		text, counts = Redact(r.markdown())
		out = []byte(Safe(text))
	default:
		return nil, nil, fmt.Errorf("session: unknown export format %q", f)
	}
	if err != nil {
		return nil, nil, err
	}
	if o.MaskUsers {
		// Whatever the export wrote beyond the summary's own text.
		var more int
		if f == FormatJSON {
			out, more = maskJSON(out)
		} else {
			var text string
			text, more = MaskUsers(string(out))
			out = []byte(text)
		}
		if users += more; users > 0 {
			counts = addCounts(counts, map[string]int{KindUser: users})
		}
	}
	return out, addCounts(addCounts(counts, tc), oc), nil
}

// field is a ticket or operator as exports show it.
func field(s string) string {
	out, _ := RedactField(s)
	return out
}

// Document is the JSON export: the whole session as one object. Its shape
// is versioned by Format ("deskside-session/1").
type Document struct {
	Format   string       `json:"format"`
	Session  DocSession   `json:"session"`
	Symptom  string       `json:"symptom,omitempty"`
	Outcome  *OutcomeInfo `json:"outcome"`
	Path     []PathStep   `json:"path"`
	Backs    int          `json:"back_steps"`
	Probes   []ProbeRun   `json:"probes"`
	Findings []string     `json:"findings"`
	Notes    []NoteEntry  `json:"notes"`
	Packet   []PacketItem `json:"packet,omitempty"`
	// Redactions counts what was masked when the journal was written.
	Redactions map[string]int `json:"redactions"`
	// UsersMasked says user names and addresses were masked for this
	// export (ExportOptions.MaskUsers).
	UsersMasked bool     `json:"users_masked,omitempty"`
	Problems    []string `json:"log_problems,omitempty"`
}

// DocSession describes the session in a Document.
type DocSession struct {
	Ticket          string    `json:"ticket,omitempty"`
	Operator        string    `json:"operator,omitempty"`
	Started         time.Time `json:"started"`
	Ended           time.Time `json:"ended"`
	DurationSeconds int       `json:"duration_seconds"`
	Finished        bool      `json:"finished"`
	CurrentStep     string    `json:"current_step"`
	Version         string    `json:"deskside_version"`
	OS              string    `json:"os"`
	TreeFile        string    `json:"tree_file"`
	TreeTitle       string    `json:"tree_title"`
	TreeSHA256      string    `json:"tree_sha256"`
	StartNode       string    `json:"start_node"`
	Scenario        string    `json:"scenario,omitempty"`
}

// DocumentOf builds the JSON export's document.
func DocumentOf(s *Summary) Document {
	d := Document{
		Format: "deskside-session/1",
		Session: DocSession{
			Ticket: field(s.Start.Ticket), Operator: field(s.Start.Operator), Started: s.Started.UTC(), Ended: s.Ended.UTC(),
			DurationSeconds: int(s.Duration().Seconds()), Finished: s.Finished(), CurrentStep: s.Current,
			Version: s.Start.Version, OS: s.Start.OS, TreeFile: s.Start.TreeFile, TreeTitle: s.Start.TreeTitle,
			TreeSHA256: s.Start.TreeSHA256, StartNode: s.Start.StartNode, Scenario: s.Start.Scenario,
		},
		Symptom: s.Symptom, Outcome: s.Outcome, Path: s.Path, Backs: s.Backs, Probes: s.Probes,
		Findings: s.Findings, Notes: s.Notes, Packet: s.Packet(), Redactions: s.Redactions, Problems: s.Problems,
	}
	if d.Path == nil {
		d.Path = []PathStep{}
	}
	if d.Probes == nil {
		d.Probes = []ProbeRun{}
	}
	if d.Findings == nil {
		d.Findings = []string{}
	}
	if d.Notes == nil {
		d.Notes = []NoteEntry{}
	}
	if d.Redactions == nil {
		d.Redactions = map[string]int{}
	}
	return d
}

func exportJSON(s *Summary, masked bool) ([]byte, map[string]int, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	d := DocumentOf(s)
	d.UsersMasked = masked
	if err := enc.Encode(d); err != nil {
		return nil, nil, err
	}
	out, counts := redactJSON(buf.Bytes())
	return SafeJSON(out), counts, nil
}

// redactJSON masks secrets inside every string literal of a JSON text,
// leaving its layout and field order as they are.
func redactJSON(raw []byte) ([]byte, map[string]int) {
	return mapJSONStrings(raw, Redact)
}

// maskJSON masks user names inside every string literal of a JSON text.
func maskJSON(raw []byte) ([]byte, int) {
	out, counts := mapJSONStrings(raw, func(s string) (string, map[string]int) {
		out, n := MaskUsers(s)
		if n == 0 {
			return out, nil
		}
		return out, map[string]int{KindUser: n}
	})
	return out, counts[KindUser]
}

// mapJSONStrings rewrites every string literal of a JSON text with fn,
// leaving its layout and field order as they are, and adds up fn's
// counts.
func mapJSONStrings(raw []byte, fn func(string) (string, map[string]int)) ([]byte, map[string]int) {
	var out bytes.Buffer
	var counts map[string]int
	for i := 0; i < len(raw); {
		if raw[i] != '"' {
			out.WriteByte(raw[i])
			i++
			continue
		}
		j := i + 1
		for j < len(raw) && raw[j] != '"' {
			if raw[j] == '\\' {
				j++
			}
			j++
		}
		lit := raw[i:min(j+1, len(raw))]
		var str string
		if json.Unmarshal(lit, &str) == nil {
			if masked, c := fn(str); len(c) > 0 {
				counts = addCounts(counts, c)
				lit, _ = json.Marshal(masked)
			}
		}
		out.Write(lit)
		i = j + 1
	}
	return out.Bytes(), counts
}

// keyFacts are the facts that say most about each probe's result, in the
// order a reader wants them. The times among them (jwt.exp, the Date
// header, the error's timestamp, the PRT's renewal) are what a tier-3
// engineer lines up with the sign-in log, so each check that reads one
// shows it.
var keyFacts = map[string][]string{
	"jwt":         {"jwt.expired", "jwt.exp", "jwt.checked_at", "jwt.aud", "jwt.audience_is_graph", "jwt.tid", "jwt.appid", "jwt.upn", "jwt.fingerprint"},
	"aadsts":      {"aadsts.code", "aadsts.category", "oauth.error", "aadsts.timestamp", "aadsts.correlation_id", "aadsts.trace_id"},
	"httpstatus":  {"http.status", "http.class", "http.date", "http.graph_error_code", "http.www_authenticate_error", "http.retry_after", "http.request_id", "http.client_request_id"},
	"clock":       {"clock.skew_seconds", "clock.skewed", "clock.direction", "clock.checked", "clock.reference"},
	"dsregcmd":    {"device.join_type", "device.needs_rejoin", "device.auth_status", "sso.azure_ad_prt", "sso.azure_ad_prt_update_time", "tenant.id", "device.id"},
	"credentials": {"creds.office_count", "creds.onedrive_count", "creds.to_remove"},
	"onedrive":    {"onedrive.running", "onedrive.version"},
	"clienterror": {"client.error_code", "client.error_kind"},
}

func keyFactsOf(p ProbeRun) []string {
	var out []string
	for _, k := range keyFacts[p.Probe] {
		if v, ok := p.Facts[k]; ok {
			out = append(out, k+" = "+shortValue(flows.Format(utcValue(v))))
		}
	}
	return out
}

// utcValue writes a time fact in UTC with a Z, whatever offset a log
// written by another version, or by hand, gave it: the export's times
// are all UTC, and a reader comparing them should not convert one.
func utcValue(v any) any {
	if s, ok := v.(string); ok {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}

func utc(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

func clockTime(t time.Time) string { return t.UTC().Format("15:04:05") }

// humanDuration writes a call length: "11 min 12 s", "1 h 3 min", and
// "under a minute" for a short one, which "0 s" would read as broken.
func humanDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case m > 0:
		return fmt.Sprintf("%d min %d s", m, s)
	}
	return "under a minute"
}

// callTimeText is the time on the call, saying when the time between
// the first and last entries was longer because the session was quit and
// resumed, so that Started and Ended do not seem to contradict it.
func callTimeText(s *Summary) string {
	t := humanDuration(s.Duration())
	if gap := s.Ended.Sub(s.Started) - s.Duration(); gap >= time.Minute {
		t += fmt.Sprintf(" (not counting %s while the session was closed before it was resumed)", humanDuration(gap))
	}
	return t
}

func resultWord(s *Summary) string {
	if s.Outcome == nil {
		return "Unfinished"
	}
	if s.Outcome.Result == flows.ResultEscalate {
		return "Escalated"
	}
	return s.Outcome.Result.Label()
}

// fields are the summary block's rows, shared by Markdown and text.
func fields(s *Summary) [][2]string {
	rows := [][2]string{}
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, [2]string{k, v})
		}
	}
	add("Ticket", field(s.Start.Ticket))
	add("Operator", field(s.Start.Operator))
	add("Started", utc(s.Started))
	add("Ended", utc(s.Ended))
	add("Time on the call", callTimeText(s))
	add("Symptom", s.Symptom)
	if s.Outcome != nil {
		add("Outcome", s.Outcome.Result.Label()+": "+s.Outcome.Title)
		switch s.Outcome.Result {
		case flows.ResultResolved:
			add("What fixed it", s.Outcome.Summary)
		case flows.ResultEscalate:
			add("Why escalated", s.Outcome.Summary)
		default:
			add("Why not this problem", s.Outcome.Summary)
		}
	} else {
		add("Outcome", fmt.Sprintf("not reached; the walk stopped at %q (%s)", s.CurrentTitle, s.Current))
	}
	add("Scenario", s.Start.Scenario)
	add("Tree", fmt.Sprintf("%s (%s, sha256 %s)", s.Start.TreeTitle, s.Start.TreeFile, short(s.Start.TreeSHA256)))
	add("Recorded by", fmt.Sprintf("deskside %s on %s", s.Start.Version, s.Start.OS))
	return rows
}

// short is a hash's first 12 characters, enough to tell trees apart.
func short(h string) string { return h[:min(len(h), 12)] }

func title(s *Summary) string {
	t := "deskside session"
	if s.Start.Ticket != "" {
		// A line break here would start a line of its own in the text
		// export: a forged "Outcome:" line.
		t += " " + field(s.Start.Ticket)
	}
	return t + " — " + resultWord(s)
}

func pathLine(p PathStep) (string, string) {
	when := clockTime(p.At) + " UTC"
	if p.Suggested {
		when += ", suggested by a check"
	}
	if len(p.Done) > 0 {
		when += "; " + doneText(p.Done)
	}
	amend := ""
	if p.Amends != "" {
		amend = "amended: first answered " + flows.Quote(p.Amends)
	}
	return when, amend
}

// doneText says which of a step's steps the operator ticked as done.
func doneText(done []int) string {
	if len(done) == 1 {
		return fmt.Sprintf("step %d ticked as done", done[0])
	}
	parts := make([]string, len(done))
	for i, d := range done {
		parts[i] = fmt.Sprint(d)
	}
	return "steps " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + " ticked as done"
}

// render draws a summary as Markdown or text; masked says the export's
// user names are masked, which its last section tells the reader.
type render struct {
	s      *Summary
	masked bool
}

// about is the last section's text: what was masked, and why.
func (r render) about() []string {
	lines := []string{"Secrets are masked before anything is written: " + DescribeRedactions(r.s.Redactions) + "."}
	if advice := RotateAdvice(r.s.Redactions); advice != "" {
		lines = append(lines, advice)
	}
	if r.masked {
		lines = append(lines, "User names and e-mail addresses are masked in this export, keeping their domain (a…@contoso.com, CONTOSO\\a…).")
	}
	return lines
}

func (r render) markdown() string {
	s := r.s
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdInline(title(s)))
	if s.Outcome != nil {
		fmt.Fprintf(&b, "**%s.** %s\n\n", mdInline(s.Outcome.Title), mdInline(s.Outcome.Summary))
	}
	b.WriteString("| | |\n|---|---|\n")
	for _, r := range fields(s) {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], mdCell(r[1]))
	}

	b.WriteString("\n## Path taken\n\n")
	if len(s.Path) == 0 {
		b.WriteString("No step was answered.\n")
	}
	for i, p := range s.Path {
		when, amend := pathLine(p)
		fmt.Fprintf(&b, "%d. **%s** — %s *(%s)*\n", i+1, mdInline(p.Title), mdInline(p.Answer), when)
		if amend != "" {
			fmt.Fprintf(&b, "   - *%s*\n", mdInline(amend))
		}
	}
	if s.Outcome != nil {
		fmt.Fprintf(&b, "%d. **%s** — outcome: %s *(%s UTC)*\n", len(s.Path)+1, mdInline(s.Outcome.Title), s.Outcome.Result, clockTime(s.Outcome.At))
	} else if s.CurrentTitle != "" {
		fmt.Fprintf(&b, "%d. **%s** — *not answered; the session stopped here*\n", len(s.Path)+1, mdInline(s.CurrentTitle))
	}
	if s.Backs > 0 {
		fmt.Fprintf(&b, "\nThe operator went back %s; the list shows the final path.\n", plural(s.Backs, "time", "times"))
	}

	b.WriteString("\n## Evidence\n\n")
	read, unread := evidence(s.Probes)
	if len(s.Probes) == 0 {
		b.WriteString("No check was run.\n")
	}
	if len(read) > 0 {
		b.WriteString("| Check | Time (UTC) | Result | Summary | Key facts |\n|---|---|---|---|---|\n")
		for _, p := range read {
			fmt.Fprintf(&b, "| %s | %s | %s %s | %s | %s |\n", p.Probe, clockTime(p.At), p.Status.Symbol(), p.Status.Word(),
				mdCell(p.Summary), mdCell(strings.Join(keyFactsOf(p), "; ")))
		}
	}
	if len(read) > 0 && len(unread) > 0 {
		b.WriteString("\n")
	}
	for _, u := range unread {
		fmt.Fprintf(&b, "- %s.\n", mdInline(u.Line()))
	}
	if len(s.Findings) > 0 {
		b.WriteString("\nTaken together:\n\n")
		for _, f := range s.Findings {
			fmt.Fprintf(&b, "- %s\n", mdInline(f))
		}
	}

	b.WriteString("\n## Notes\n\n")
	if len(s.Notes) == 0 {
		b.WriteString("No notes.\n")
	}
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "- %s UTC, at *%s*: %s\n", clockTime(n.At), mdInline(n.Title), mdInline(n.Text))
	}

	if pk := s.Packet(); len(pk) > 0 {
		b.WriteString("\n## Escalation packet\n\n")
		for _, it := range pk {
			if it.Collected() {
				fmt.Fprintf(&b, "- [x] %s — %s\n", mdInline(it.Item), mdInline(strings.Join(it.Evidence, "; ")))
			} else {
				fmt.Fprintf(&b, "- [ ] %s — *%s*\n", mdInline(it.Item), mdInline(toCollect(it)))
			}
		}
	}

	b.WriteString("\n## About this log\n\n")
	b.WriteString(strings.Join(r.about(), "\n\n") + "\n")
	for _, p := range s.Problems {
		fmt.Fprintf(&b, "\nNote: %s.\n", p)
	}
	return b.String()
}

// toCollect says what an item still needs and, when part of it was
// collected, what was.
func toCollect(it PacketItem) string {
	t := "to collect"
	if len(it.Missing) > 0 && len(it.Evidence) > 0 {
		t = "still to collect: " + strings.Join(it.Missing, ", ")
	}
	if len(it.Evidence) > 0 {
		t += "; so far " + strings.Join(it.Evidence, "; ")
	}
	return t
}

// mdInline keeps text on one line and stops it from starting Markdown
// structures by accident.
func mdInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("*", `\*`, "`", "\\`", "<", "&lt;").Replace(s)
}

func mdCell(s string) string { return strings.ReplaceAll(mdInline(s), "|", `\|`) }

// text is the Markdown export without markup, wrapped at 72 columns.
func (r render) text() string {
	s := r.s
	const width = 72
	var b strings.Builder
	head := title(s)
	fmt.Fprintf(&b, "%s\n%s\n\n", head, strings.Repeat("=", min(len([]rune(head)), width)))
	if s.Outcome != nil {
		b.WriteString(wrap(s.Outcome.Title+". "+s.Outcome.Summary, width, "", ""))
		b.WriteString("\n")
	}
	for _, r := range fields(s) {
		b.WriteString(wrap(r[1], width, fmt.Sprintf("%-18s", r[0]+":"), strings.Repeat(" ", 18)))
	}

	section := func(name string) { fmt.Fprintf(&b, "\n%s\n%s\n", name, strings.Repeat("-", len(name))) }
	section("Path taken")
	if len(s.Path) == 0 {
		b.WriteString("No step was answered.\n")
	}
	for i, p := range s.Path {
		when, amend := pathLine(p)
		num := fmt.Sprintf("%2d. ", i+1)
		b.WriteString(wrap(p.Title+" — "+p.Answer+" ("+when+")", width, num, "    "))
		if amend != "" {
			b.WriteString(wrap(amend, width, "    ", "    "))
		}
	}
	if s.Outcome != nil {
		b.WriteString(wrap(fmt.Sprintf("%s — outcome: %s (%s UTC)", s.Outcome.Title, s.Outcome.Result, clockTime(s.Outcome.At)), width, fmt.Sprintf("%2d. ", len(s.Path)+1), "    "))
	} else if s.CurrentTitle != "" {
		b.WriteString(wrap(s.CurrentTitle+" — not answered; the session stopped here", width, fmt.Sprintf("%2d. ", len(s.Path)+1), "    "))
	}
	if s.Backs > 0 {
		b.WriteString("\n" + wrap(fmt.Sprintf("The operator went back %s; the list shows the final path.", plural(s.Backs, "time", "times")), width, "", ""))
	}

	section("Evidence")
	read, unread := evidence(s.Probes)
	if len(s.Probes) == 0 {
		b.WriteString("No check was run.\n")
	}
	for _, p := range read {
		b.WriteString(wrap(fmt.Sprintf("%s at %s UTC: [%s %s] %s", p.Probe, clockTime(p.At), p.Status.Symbol(), p.Status.Word(), p.Summary), width, "* ", "  "))
		for _, f := range keyFactsOf(p) {
			b.WriteString(wrap(f, width, "    ", "      "))
		}
	}
	for _, u := range unread {
		b.WriteString(wrap(u.Line()+".", width, "* ", "  "))
	}
	for _, f := range s.Findings {
		b.WriteString(wrap("Taken together: "+f, width, "* ", "  "))
	}

	section("Notes")
	if len(s.Notes) == 0 {
		b.WriteString("No notes.\n")
	}
	for _, n := range s.Notes {
		b.WriteString(wrap(fmt.Sprintf("%s UTC, at %q: %s", clockTime(n.At), n.Title, n.Text), width, "* ", "  "))
	}

	if pk := s.Packet(); len(pk) > 0 {
		section("Escalation packet")
		for _, it := range pk {
			if it.Collected() {
				b.WriteString(wrap(it.Item+" — "+strings.Join(it.Evidence, "; "), width, "[x] ", "    "))
			} else {
				b.WriteString(wrap(it.Item+" — "+toCollect(it), width, "[ ] ", "    "))
			}
		}
	}

	section("About this log")
	for _, l := range r.about() {
		b.WriteString(wrap(l, width, "", ""))
	}
	for _, p := range s.Problems {
		b.WriteString(wrap("Note: "+p+".", width, "", ""))
	}
	return b.String()
}

// wrap fills text to width columns, the first line after first and the
// others after rest. A word longer than a line is broken, after a
// separator where one is near the end of the line (a cmdkey target, a
// URL), so that an address or an ID stays whole.
func wrap(text string, width int, first, rest string) string {
	var b strings.Builder
	line := first
	lineLen := len([]rune(first))
	empty := true
	for _, w := range strings.Fields(text) {
		wl := len([]rune(w))
		if !empty && lineLen+1+wl > width {
			b.WriteString(strings.TrimRight(line, " "))
			b.WriteByte('\n')
			line, lineLen, empty = rest, len([]rune(rest)), true
		}
		for empty && lineLen+wl > width && wl > 0 {
			room := breakAt([]rune(w), max(width-lineLen, 1))
			r := []rune(w)
			b.WriteString(line + string(r[:room]) + "\n")
			w = string(r[room:])
			wl = len([]rune(w))
			line, lineLen = rest, len([]rune(rest))
		}
		if !empty {
			line += " "
			lineLen++
		}
		line += w
		lineLen += wl
		empty = false
	}
	b.WriteString(strings.TrimRight(line, " "))
	b.WriteByte('\n')
	return b.String()
}

// breakAt is where a word too long for room columns is broken: after the
// last ':', '/', '=', '&', '?', ';' or ',' in its second half, else at room.
func breakAt(r []rune, room int) int {
	for i := room - 1; i >= room/2; i-- {
		if strings.ContainsRune(":/=&?;,", r[i]) {
			return i + 1
		}
	}
	return room
}

// WriteExport writes an export to a path the operator named (export -o).
// A new file is created 0600. An existing regular file is truncated and
// kept, but its mode is tightened to the owner's bits at most, so an
// export written over a 0666 file is not left readable by everyone. A
// device or pipe (-o /dev/stdout) is written as it is.
func WriteExport(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		f, err = os.OpenFile(path, os.O_WRONLY, 0)
		if err == nil {
			err = tighten(f)
		}
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return fmt.Errorf("session: cannot write the export %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("session: cannot write the export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("session: cannot write the export %s: %w", path, err)
	}
	return nil
}

// tighten drops the group and other bits of an existing regular file and
// empties it, before an export is written into it.
func tighten(f *os.File) error {
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		if err := f.Chmod(perm & 0o700); err != nil {
			return err
		}
	}
	return f.Truncate(0)
}

// writeBeside writes a file next to the journal as the journal itself is
// created: a new 0600 file made with O_EXCL, then renamed over path. The
// rename replaces a symbolic link at path instead of writing through it,
// so a link planted there cannot aim the write at another file.
func writeBeside(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".deskside-export-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if info, serr := os.Lstat(path); serr == nil && info.IsDir() {
			err = fmt.Errorf("%s is a folder", path)
		}
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
