package tui

import (
	"deskside/flows"
	"deskside/probes"
)

// ProbeMode is how a step's check gets its input.
type ProbeMode int

// The ways a check reads its input.
const (
	// ModePaste: the operator pastes what the user sends.
	ModePaste ProbeMode = iota
	// ModeRun: the check reads this machine.
	ModeRun
	// ModeEither: the check can read this machine, but the operator is
	// often on their own PC rather than the user's, so they choose; a
	// paste is the default.
	ModeEither
)

// ModeOf decides how a node's check reads its input on this OS.
func ModeOf(ref *flows.ProbeRef, p probes.Probe, goos string) ProbeMode {
	can, paste := probes.CanRun(p, goos), probes.TakesPaste(p)
	switch {
	case ref.Input == "paste" || !can:
		return ModePaste
	case ref.Input == "run" || !paste:
		return ModeRun
	}
	return ModeEither
}
