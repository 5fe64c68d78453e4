package tui

import (
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
	"deskside/session"
)

// writeQueue is how many journal requests may wait for the disk before a
// key press waits for it too. One request is one key press, so a person
// never gets this far ahead of an fsync; if the disk stalls, waiting is
// the right thing to do.
const writeQueue = 1024

type writeKind int

const (
	writeEvents writeKind = iota // append the walk's events
	writeEntry                   // append a session entry, stamped when written
	writeExport                  // write the Markdown export beside the log
	writeCopy                    // read the whole journal back and render the summary
	writePacket                  // read the journal back and fill the outcome's packet
	writeFlush                   // retry what a failed write left in memory
	writeQuit                    // answer once everything before it is on disk
)

// writeReq is one request to the journal writer. Its answer comes back
// on reply, as the message the root model handles.
type writeReq struct {
	kind  writeKind
	j     Journal
	evs   []flows.Event
	entry session.Entry
	now   func() time.Time
	// node is the outcome whose packet a writePacket request fills.
	node string
	// what says, for the error screen, what this request records.
	what []string
	// final marks the export written as a session ends: its answer must
	// not show on whatever screen comes next.
	final bool
	reply chan tea.Msg
	// maskUsers asks writeCopy for the summary with user names masked.
	maskUsers bool
}

// journalWriter is the one goroutine that touches the session's journal.
// The root model sends it requests in the order things happen, from
// Update, and each request's answer returns as a message through the
// command submit gives back. Nothing waits on a request that was never
// sent, and a request whose command is dropped only loses its answer:
// no later write or quit can hang on it.
type journalWriter struct {
	// reqs holds pointers: a request is some 500 bytes, and a buffer of
	// writeQueue of them would be half a megabyte made and zeroed before
	// the first frame.
	reqs chan *writeReq
	once sync.Once
}

func newJournalWriter() *journalWriter {
	return &journalWriter{reqs: make(chan *writeReq, writeQueue)}
}

// submit queues r behind every request sent before it and returns the
// command that waits for its answer.
func (w *journalWriter) submit(r writeReq) tea.Cmd {
	w.once.Do(func() { go w.loop() })
	r.reply = make(chan tea.Msg, 1)
	w.reqs <- &r
	return func() tea.Msg { return <-r.reply }
}

func (w *journalWriter) loop() {
	for r := range w.reqs {
		r.reply <- r.do()
	}
}

// Messages the journal writer answers with.
type (
	// journalDoneMsg reports a journal write; err is set when it failed,
	// and what says what that write was recording.
	journalDoneMsg struct {
		err  error
		what []string
	}
	exportDoneMsg struct {
		path   string
		counts map[string]int
		err    error
		final  bool // the export written as the session ended
	}
	// copyReadyMsg carries the Markdown summary read back after every
	// earlier write, for the operator to confirm before it is copied.
	copyReadyMsg struct {
		out    []byte
		counts map[string]int
		err    error
	}
	// packetMsg brings the outcome's escalation packet as the export of
	// the log fills it in.
	packetMsg struct {
		node   string
		packet []session.PacketItem
		err    error
	}
	// flushedMsg answers a retry after a failed write.
	flushedMsg struct{ err error }
	// quitMsg says every write before the quit is on disk; err is set
	// when the last of them could still not be written.
	quitMsg struct{ err error }
)

func (r writeReq) do() tea.Msg {
	j := r.j
	if j == nil {
		if r.kind == writeQuit {
			return quitMsg{}
		}
		return nil
	}
	switch r.kind {
	case writeEvents:
		return journalDoneMsg{err: j.Append(r.evs...), what: r.what}
	case writeEntry:
		e := r.entry
		if e.TS.Time().IsZero() {
			e.TS = session.Stamp(r.now()) // stamped when written, after what was queued before it
		}
		return journalDoneMsg{err: j.AppendEntry(e), what: r.what}
	case writeExport:
		path, counts, err := j.ExportBeside(r.now())
		if err != nil {
			return exportDoneMsg{err: err, final: r.final}
		}
		// What the export masked itself is only what the log did not
		// already hold masked: the count the operator reads is both.
		sum, err := j.Summary()
		if err != nil {
			return exportDoneMsg{err: err, final: r.final}
		}
		return exportDoneMsg{path: path, counts: masked(sum, counts), final: r.final}
	case writeCopy:
		sum, err := j.Summary()
		if err != nil {
			return copyReadyMsg{err: err}
		}
		out, counts, err := session.ExportWith(sum, session.FormatMarkdown, session.ExportOptions{MaskUsers: r.maskUsers})
		if err != nil {
			return copyReadyMsg{err: err}
		}
		return copyReadyMsg{out: out, counts: masked(sum, counts)}
	case writePacket:
		sum, err := j.Summary()
		if err != nil {
			return packetMsg{node: r.node, err: err}
		}
		return packetMsg{node: r.node, packet: journalPacket(sum)}
	case writeFlush:
		return flushedMsg{err: flush(j)}
	case writeQuit:
		return quitMsg{err: flush(j)}
	}
	return nil
}

// flush retries the writes a journal keeps in memory, when it can.
func flush(j Journal) error {
	if f, ok := j.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// unsaved says how many events a journal holds in memory only, when it
// can tell.
func unsaved(j Journal) int {
	switch u := j.(type) {
	case interface{ Unsaved() int }:
		return u.Unsaved()
	case interface{ Pending() int }:
		return u.Pending()
	}
	return 0
}

// masked adds what the log masked as it was written to what an export of
// it masked: together, every value masked in what leaves the machine.
func masked(sum *session.Summary, export map[string]int) map[string]int {
	all := map[string]int{}
	for _, m := range []map[string]int{sum.Redactions, export} {
		for k, v := range m {
			all[k] += v
		}
	}
	return all
}

// maskedText says how many values were masked, from counts by kind.
func maskedText(counts map[string]int) string {
	total := 0
	for _, v := range counts {
		total += v
	}
	if total == 0 {
		return "nothing needed masking"
	}
	return plural(total, "value", "values") + " masked"
}
