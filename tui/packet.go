package tui

import (
	"deskside/flows"
	"deskside/session"
)

// outcomePacket fills the escalation packet of the walk's outcome from
// the walk alone, through session.FillPacket and session.PathAnswers as
// the export does: the facts the checks read and the answers on the path
// that established facts. The export reads the facts from the log, where a
// fact a later reading or answer replaced still counts, so where a log is
// at hand the screens show journalPacket instead; this is what they show
// until it arrives, and when no log is kept.
func outcomePacket(w *flows.Walk) []session.PacketItem {
	n := w.Current()
	if !n.Terminal() || len(n.Packet) == 0 {
		return nil
	}
	read := map[string]any{}
	for k, v := range w.Facts() {
		if src := w.Sources(k); len(src) == 1 && src[0].Probe != "" {
			read[k] = v
		}
	}
	return session.FillPacket(n.Packet, read, session.PathAnswers(w.Path()))
}

// journalPacket is the escalation packet exactly as the export of the
// session's log fills it in (session.Summary.Packet).
func journalPacket(sum *session.Summary) []session.PacketItem { return sum.Packet() }
