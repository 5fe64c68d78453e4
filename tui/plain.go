package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// ErrInputEnded is returned by Plain when its input ends before an outcome.
var ErrInputEnded = errors.New("input ended before an outcome")

// ErrQuit is returned by Plain when the operator quits before an outcome.
var ErrQuit = errors.New("quit before an outcome")

// ErrNotSaved is returned by Plain when the walk reached an outcome but
// some of its events could not be written, and the operator left without
// freeing space: the call is not complete on disk.
var ErrNotSaved = errors.New("the outcome was reached but not every event was saved")

// PlainOptions configures the plain-text wizard.
type PlainOptions struct {
	In  io.Reader
	Out io.Writer
	// Walk is the walk to drive, already started (or rebuilt by resume).
	Walk *flows.Walk
	// Probes are the checks a step may offer.
	Probes *probes.Registry
	// ProbeInput gives the base input of a probe run (runner, OS, clock);
	// Plain adds the pasted text.
	ProbeInput func() probes.Input
	// Canned maps a probe name to the text it reads instead of a paste, as
	// in a training scenario.
	Canned map[string]string
	// Record receives the events of every move, before the next prompt. An
	// error from it is shown and the walk goes on: the journal keeps what it
	// could not write for a later retry.
	Record func([]flows.Event) error
	// ProbeTimeout bounds one probe run; zero means 15 seconds.
	ProbeTimeout time.Duration
	// ShowWhy prints why each step is there, as training does.
	ShowWhy bool
	// Unsaved says how many recorded events are not on disk yet (nil: none
	// ever are). While it is not zero an outcome is not declared.
	Unsaved func() int
	// Flush retries writing the unsaved events.
	Flush func() error
	// Summary, when set, reads the session's log back, so the outcome's
	// escalation packet is the one its export fills in.
	Summary func() (*session.Summary, error)
	// Coach, when set, makes this a training walk of its scenario: the
	// expected answer stays hidden until the trainee asks (w) or leaves the
	// path, which is said at once.
	Coach *flows.Coach
}

// Plain runs the walk as numbered prompts on plain input and output, for
// screen readers, dumb terminals and scripts. It returns nil when an
// outcome is reached, ErrQuit when the operator quits and ErrInputEnded
// when the input ends first.
func Plain(ctx context.Context, o PlainOptions) error {
	p := &plain{o: o, w: o.Walk, out: o.Out, in: newLineReader(o.In, probes.MaxPaste)}
	return p.run(ctx)
}

type plain struct {
	o   PlainOptions
	w   *flows.Walk
	out io.Writer
	in  *lineReader
}

func (p *plain) run(ctx context.Context) error {
	p.showStep()
	for {
		if p.w.Ended() {
			if !p.saved() {
				return ErrNotSaved
			}
			p.showOutcome()
			return nil
		}
		p.prompt()
		line, ok := p.next()
		if !ok {
			n := p.w.Current()
			fmt.Fprintf(p.out, "\nInput ended at step %d, %s (%s), before an outcome.\n", p.w.StepNumber(), flows.Quote(session.SafeLine(n.Title)), session.SafeLine(n.ID))
			return ErrInputEnded
		}
		line = strings.TrimSpace(line)
		cmd, arg, _ := strings.Cut(line, " ")
		switch {
		case line == "":
			if sug := p.w.Suggested(); sug >= 0 {
				p.choose(sug)
				continue
			}
			fmt.Fprintln(p.out, "Type the number of an answer, or h for help.")
		case line == "q":
			n := p.w.Current()
			fmt.Fprintf(p.out, "Stopped at step %d, %s (%s).\n", p.w.StepNumber(), flows.Quote(session.SafeLine(n.Title)), session.SafeLine(n.ID))
			return ErrQuit
		case line == "b":
			evs, err := p.w.Back()
			if err != nil {
				fmt.Fprintln(p.out, plainError(err))
				continue
			}
			p.record(evs)
			p.showStep()
		case cmd == "n":
			evs, err := p.w.Note(arg)
			if err != nil {
				fmt.Fprintln(p.out, "A note needs text after the n: n user is on VPN.")
				continue
			}
			p.record(evs)
			fmt.Fprintln(p.out, "Note added.")
		case line == "p":
			p.runProbe(ctx)
		case line == "w":
			// Training shows every answer's why already: w adds the one
			// thing held back, the expected answer.
			if p.o.Coach == nil || !p.o.ShowWhy {
				p.showWhy()
			}
			p.showExpected()
		case line == "h" || line == "?":
			p.showHelp()
		default:
			n, err := strconv.Atoi(line)
			if err != nil {
				fmt.Fprintf(p.out, "%q is not an answer: type a number from 1 to %d, or h for help.\n", shortInput(line), len(p.w.Current().Choices))
				continue
			}
			if n < 1 || n > len(p.w.Current().Choices) {
				fmt.Fprintf(p.out, "There is no answer %d: type a number from 1 to %d.\n", n, len(p.w.Current().Choices))
				continue
			}
			p.choose(n - 1)
		}
	}
}

// saved holds the outcome back while events are not on disk: the
// operator frees space and retries, or leaves with ErrNotSaved.
func (p *plain) saved() bool {
	if p.o.Unsaved == nil {
		return true
	}
	for p.o.Unsaved() > 0 {
		fmt.Fprintf(p.out, "NOT SAVED: the walk reached %s, but %s of this call could not be written to the session log, so it is not complete on disk.\n",
			flows.Quote(session.SafeLine(p.w.Current().Title)), plural(p.o.Unsaved(), "event", "events"))
		fmt.Fprint(p.out, "Free space on the log's disk, then press Enter to write them (q leaves without them)> ")
		line, ok := p.next()
		if !ok || strings.TrimSpace(line) == "q" {
			fmt.Fprintln(p.out)
			return false
		}
		if p.o.Flush != nil {
			if err := p.o.Flush(); err != nil {
				fmt.Fprintf(p.out, "Still failing: %s\n", session.Safe(err.Error()))
			}
		}
	}
	return true
}

// next reads one line, saying so when it was too long to keep whole.
func (p *plain) next() (string, bool) {
	line, cut, ok := p.in.next()
	if cut {
		fmt.Fprintf(p.out, "That line was longer than %s: only its first %s was kept.\n", sizeText(p.in.max), sizeText(p.in.max))
	}
	return line, ok
}

// choose takes answer i; in training it first tells the trainee when the
// answer leaves the scenario's path.
func (p *plain) choose(i int) {
	n := p.w.Current()
	var miss *flows.Miss
	if p.o.Coach != nil {
		miss = p.o.Coach.Answer(p.w, i)
	}
	evs, err := p.w.Choose(i)
	if err != nil {
		fmt.Fprintf(p.out, "There is no answer %d: type a number from 1 to %d.\n", i+1, len(n.Choices))
		return
	}
	p.record(evs)
	if miss != nil {
		fmt.Fprintf(p.out, "\nOff the scenario's path: at this step it expects %s, not %s.\n", flows.Quote(session.SafeLine(miss.Expected)), flows.Quote(session.SafeLine(miss.Answered)))
		if miss.Why != "" {
			fmt.Fprintln(p.out, "Why: "+PlainMarkdown(miss.Why))
		}
		if !p.w.Ended() {
			fmt.Fprintln(p.out, "Type b to go back and answer again, or go on to see where this answer leads.")
		}
	}
	p.showStep()
}

func (p *plain) record(evs []flows.Event) {
	if p.o.Record == nil {
		return
	}
	if err := p.o.Record(evs); err != nil {
		fmt.Fprintf(p.out, "Warning: %s\n", session.Safe(err.Error()))
	}
}

func (p *plain) showStep() {
	n := p.w.Current()
	fmt.Fprintln(p.out)
	if n.Terminal() {
		return
	}
	progress := fmt.Sprintf("Step %d", p.w.StepNumber())
	if r := p.w.Remaining(); r > 0 {
		progress += fmt.Sprintf(", about %d to go", r)
	}
	fmt.Fprintf(p.out, "%s: %s\n", progress, session.SafeLine(n.Title))
	if n.Body != "" {
		fmt.Fprintln(p.out, PlainMarkdown(n.Body))
	}
	p.showInstructions(n.Steps)
	// What the caller says is what the trainee decides from, as in the
	// wizard: the scenario's replies are the user's words, not answers.
	if c := p.o.Coach; c != nil {
		if reply, ok := c.Scenario.Replies[n.ID]; ok {
			fmt.Fprintf(p.out, "The user says: %s.\n", flows.Quote(session.Safe(reply)))
		}
	}
	if p.o.ShowWhy && n.Why != "" {
		fmt.Fprintln(p.out, "Why: "+PlainMarkdown(n.Why))
	}
	p.showChoices()
}

// showInstructions lists an action's steps under who does them ("Read
// to the user:", "You do:", "Ask an admin to:"), so the operator never
// reads an admin's step to the user.
func (p *plain) showInstructions(steps []flows.Instruction) {
	for _, run := range stepRuns(steps) {
		fmt.Fprintln(p.out, whoHeading(run.who))
		for j, s := range run.steps {
			fmt.Fprintf(p.out, "  %d. %s\n", run.first+j+1, PlainMarkdown(s.Text))
		}
	}
}

// showChoices lists the answers once: with what each means when the why
// is shown, as in training.
func (p *plain) showChoices() {
	n := p.w.Current()
	sug := p.w.Suggested()
	fmt.Fprintln(p.out, "Answers:")
	for i, c := range n.Choices {
		line := fmt.Sprintf("  %d) %s", i+1, session.SafeLine(c.Label))
		if i == sug {
			line = fmt.Sprintf(" *%d) %s (suggested)", i+1, session.SafeLine(c.Label))
		}
		if p.o.ShowWhy {
			line += choiceWhy(c)
		}
		fmt.Fprintln(p.out, line)
	}
	if n.Probe != nil {
		fmt.Fprintf(p.out, "  p) run the %s check: %s\n", session.SafeLine(n.Probe.Name), p.probeTitle(n.Probe.Name))
	}
	if sug >= 0 {
		from := p.w.Suggestion().FromText()
		if from == "" {
			from = "the facts known so far"
		}
		fmt.Fprintf(p.out, "Answer %d is suggested from %s; press Enter to take it, or type another number. You still choose.\n", sug+1, from)
	}
}

// choiceWhy is what an answer means, and when the check suggests it.
func choiceWhy(c flows.Choice) string {
	s := ""
	if c.Why != "" {
		s += " — " + PlainMarkdown(c.Why)
	}
	if !c.When.IsZero() {
		s += " [suggested when " + session.SafeLine(c.When.String()) + "]"
	}
	return s
}

func (p *plain) probeTitle(name string) string {
	if pr, ok := p.o.Probes.Lookup(name); ok {
		return pr.Describe().Title
	}
	return name
}

func (p *plain) prompt() {
	if sug := p.w.Suggested(); sug >= 0 {
		fmt.Fprintf(p.out, "Answer (Enter takes %d, the suggested one; a number; b back, n TEXT note, w why, h help, q quit)> ", sug+1)
		return
	}
	fmt.Fprint(p.out, "Answer (a number; b back, n TEXT note, w why, h help, q quit)> ")
}

func (p *plain) showHelp() {
	fmt.Fprintln(p.out, `  1, 2, …   choose that answer (type 12 and Enter for answer 12)
  Enter     take the suggested answer, when the check suggests one
  p         run this step's check (paste text, end with a line holding a single ".")
  b         go back one step
  n TEXT    add a note to the session
  w         why this step is here and what each answer means
  q         quit (the session can be resumed)`)
}

func (p *plain) showWhy() {
	n := p.w.Current()
	if n.Why != "" {
		fmt.Fprintln(p.out, "Why: "+PlainMarkdown(n.Why))
	}
	for i, c := range n.Choices {
		fmt.Fprintf(p.out, "  %d) %s%s\n", i+1, session.SafeLine(c.Label), choiceWhy(c))
	}
}

// showExpected tells a trainee who asks which answer the scenario expects.
func (p *plain) showExpected() {
	c := p.o.Coach
	if c == nil {
		return
	}
	n := p.w.Current()
	e := c.Expected(p.w)
	if e < 0 {
		fmt.Fprintln(p.out, "This step is off the scenario's path: type b to go back towards it.")
		return
	}
	fmt.Fprintf(p.out, "The scenario expects answer %d: %s.\n", e+1, session.SafeLine(n.Choices[e].Label))
	if why := flows.WhyExpected(n, e); why != "" {
		fmt.Fprintln(p.out, "Why: "+PlainMarkdown(why))
	}
}

func (p *plain) showOutcome() {
	n := p.w.Current()
	fmt.Fprintf(p.out, "%s: %s\n", strings.ToUpper(n.Result.Label()), session.SafeLine(n.Title))
	fmt.Fprintln(p.out, PlainMarkdown(n.Summary))
	packet := outcomePacket(p.w)
	if p.o.Summary != nil && len(packet) > 0 {
		if sum, err := p.o.Summary(); err == nil {
			packet = journalPacket(sum)
		}
	}
	if len(packet) > 0 {
		fmt.Fprintln(p.out, "Escalation packet ([x] collected by deskside, [ ] still to collect):")
		for _, it := range packet {
			if it.Collected() {
				fmt.Fprintf(p.out, "  [x] %s: %s\n", session.SafeLine(it.Item), session.SafeLine(strings.Join(it.Evidence, "; ")))
			} else {
				fmt.Fprintf(p.out, "  [ ] %s\n", session.SafeLine(it.Item))
			}
		}
	}
	// One line for scripts: the result and the outcome's title (its summary is above).
	fmt.Fprintf(p.out, "OUTCOME: %s — %s\n", n.Result, session.SafeLine(n.Title))
}

// runProbe runs the step's check, or reads a paste at a step without one.
// Whatever the step's own check cannot read is offered to every check
// that reads pastes: each that recognises part of it adds its facts.
func (p *plain) runProbe(ctx context.Context) {
	n := p.w.Current()
	var pr probes.Probe
	if n.Probe != nil {
		var ok bool
		if pr, ok = p.o.Probes.Lookup(n.Probe.Name); !ok {
			fmt.Fprintf(p.out, "The %s check is not part of this deskside.\n", session.SafeLine(n.Probe.Name))
			return
		}
	}
	in := probes.Input{}
	if p.o.ProbeInput != nil {
		in = p.o.ProbeInput()
	}
	timeout := p.o.ProbeTimeout
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var canned bool
	if pr != nil {
		in.Text, canned = p.o.Canned[pr.Name()]
	}
	switch {
	case canned:
		fmt.Fprintln(p.out, "(training: the scenario's recorded input is used)")
	case pr != nil && ModeOf(n.Probe, pr, in.OS) == ModeRun:
	default:
		mode := ModePaste
		ask := "Paste what the user sent: an error message, a response, a token or a command's output."
		if pr != nil {
			mode = ModeOf(n.Probe, pr, in.OS)
			if ask = n.Probe.Prompt; ask == "" {
				ask = "Paste " + pr.Describe().Paste + "."
			}
			ask += " Anything else the user sent is read too."
		}
		fmt.Fprintln(p.out, session.Safe(ask))
		fmt.Fprintln(p.out, `End the paste with a line holding a single "." (a dot).`)
		first := ""
		if mode == ModeEither {
			fmt.Fprintf(p.out, "Or type %q alone to run %s on this PC instead (only if this is the user's PC).\n", thisPC, pr.Describe().Program)
			first = thisPC
		}
		var cut bool
		in.Text, cut = p.in.paste(first)
		if cut {
			fmt.Fprintf(p.out, "The paste was longer than %s: only its first %s was kept and read.\n", sizeText(p.in.max), sizeText(p.in.max))
		}
		if mode == ModeEither && strings.TrimSpace(in.Text) == thisPC {
			in.Text = ""
			break
		}
		if strings.TrimSpace(in.Text) == "" {
			fmt.Fprintln(p.out, "Nothing was pasted.")
			return
		}
	}
	start := time.Now()
	got := probes.ReadPaste(ctx, pr, p.o.Probes.All(), in)
	p.showPaste(got, in.Text, time.Since(start))
}

// showPaste applies and shows what the checks read (probes.ReadPaste).
// The own check's result is recorded when it read something, or when
// nothing did, so the attempt is logged; otherwise each other reading is.
func (p *plain) showPaste(got probes.Paste, text string, took time.Duration) {
	own := got.Own
	if own != nil && (own.Result.Recognised() || len(got.Others) == 0 && len(got.Kinds) == 0) {
		p.record(p.w.ApplyProbe(own.Probe, text, own.Result, took))
		p.showFound(own.Result)
		// The others read their part of the same paste: a label over
		// the raw response it hides.
		for _, rd := range got.Others {
			p.record(p.w.ApplyProbe(rd.Probe, text, rd.Result, took))
			fmt.Fprintf(p.out, "Also read by the %s check (%s):\n", rd.Probe, p.probeTitle(rd.Probe))
			p.showFound(rd.Result)
		}
		p.showFindings()
		p.showChoices()
		return
	}
	if own != nil {
		fmt.Fprintf(p.out, "The %s check could not read it: %s\n", own.Probe, session.Safe(own.Result.Summary))
	}
	if len(got.Others) == 0 {
		if own != nil {
			p.record(p.w.ApplyProbe(own.Probe, text, own.Result, took))
		}
		fmt.Fprintln(p.out, "No check recognised this paste. deskside reads:")
		for _, k := range got.Kinds {
			fmt.Fprintf(p.out, "  %s\n", k)
		}
		return
	}
	names := make([]string, len(got.Others))
	for i, rd := range got.Others {
		names[i] = rd.Probe
	}
	fmt.Fprintf(p.out, "Read by %s.\n", joinAnd(names))
	for _, rd := range got.Others {
		p.record(p.w.ApplyProbe(rd.Probe, text, rd.Result, took))
		fmt.Fprintf(p.out, "The %s check (%s) found:\n", rd.Probe, p.probeTitle(rd.Probe))
		p.showFound(rd.Result)
	}
	p.showFindings()
	p.showChoices()
}

// joinAnd joins names for a sentence: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// showFound prints one check's result as every text driver does
// (probes.Result.Text), made safe for the terminal.
func (p *plain) showFound(r probes.Result) {
	fmt.Fprint(p.out, session.Safe(r.Text()))
}

// showFindings says what the session's facts imply together.
func (p *plain) showFindings() {
	for _, f := range p.w.Findings() {
		fmt.Fprintf(p.out, "Taken together: %s\n", session.Safe(f.Text))
	}
}

func plainError(err error) string {
	switch {
	case errors.Is(err, flows.ErrAtStart):
		return "This is the first step; there is nothing to go back to."
	case errors.Is(err, flows.ErrEnded):
		return "The walk has ended."
	}
	return err.Error()
}

// shortInput is an unknown answer as plain mode quotes it back.
func shortInput(s string) string { return truncate(s, 21) }

// thisPC is what the operator types in plain mode to read this machine
// instead of pasting.
const thisPC = "this pc"

// lineReader reads answers and pastes line by line. A line of any length
// is read to its end, so an oversized paste never ends the walk; only its
// first max bytes are kept.
type lineReader struct {
	r   *bufio.Reader
	max int
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its line ending, cut to max bytes
// (cut says so); ok is false at the end of the input.
func (l *lineReader) next() (line string, cut, ok bool) {
	var b []byte
	for {
		chunk, more, err := l.r.ReadLine()
		if err != nil {
			// ReadLine fails only at the start of a line: a line cut off by
			// the end of the input was already returned whole.
			if !ok {
				return "", false, false
			}
			break
		}
		ok = true
		if room := l.max - len(b); room < len(chunk) {
			chunk, cut = chunk[:max(room, 0)], true
		}
		b = append(b, chunk...)
		if !more {
			break
		}
	}
	line = string(b)
	if cut {
		line = strings.ToValidUTF8(line, "")
	}
	return strings.TrimSuffix(line, "\r"), cut, true
}

// paste reads lines until one holding a single "." or the end of input.
// A first line equal to word ends it at once (word may be empty). What
// is kept is cut at max bytes; cut says so.
func (l *lineReader) paste(word string) (text string, cut bool) {
	var b strings.Builder
	for {
		line, lineCut, ok := l.next()
		cut = cut || lineCut
		if !ok || strings.TrimSpace(line) == "." {
			return b.String(), cut
		}
		if word != "" && b.Len() == 0 && strings.EqualFold(strings.TrimSpace(line), word) {
			return word, cut
		}
		if room := l.max - b.Len(); room > len(line) {
			b.WriteString(line)
			b.WriteByte('\n')
		} else {
			b.WriteString(strings.ToValidUTF8(line[:max(room, 0)], ""))
			cut = cut || room <= len(line)
		}
	}
}

// sizeText says a byte count as people do.
func sizeText(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
