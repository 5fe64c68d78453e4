package tui

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestShownColourRendersAsLipglossWould: each colour worked out once for
// the terminal must draw exactly as lipgloss draws the adaptive colour, on
// every palette and background, or the wizard's looks change with the
// speed-up.
func TestShownColourRendersAsLipglossWould(t *testing.T) {
	palette := []lipgloss.AdaptiveColor{colAccent, colMuted, colOK, colWarn, colFail, colCode, colBorder, colTrain}
	profiles := map[string]termenv.Profile{"ascii": termenv.Ascii, "16 colours": termenv.ANSI, "256 colours": termenv.ANSI256, "true colour": termenv.TrueColor}
	for name, p := range profiles {
		for _, dark := range []bool{true, false} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(p)
			r.SetHasDarkBackground(dark)
			for _, c := range palette {
				want := r.NewStyle().Foreground(c).Render("deskside")
				got := r.NewStyle().Foreground(shown(r, c)).Render("deskside")
				if got != want {
					t.Errorf("%s, dark %v, %v: drawn %q, lipgloss draws %q", name, dark, c, got, want)
				}
			}
		}
	}
}

// TestShownColourIsConvertedOnce: the colour handed to lipgloss must need
// no conversion at Render, so it is already in the terminal's palette.
func TestShownColourIsConvertedOnce(t *testing.T) {
	tests := []struct {
		profile termenv.Profile
		dark    bool
		want    lipgloss.TerminalColor
	}{
		{termenv.Ascii, true, lipgloss.NoColor{}},
		{termenv.ANSI, true, lipgloss.ANSIColor(12)},     // #7aa2f7 on 16 colours: bright blue
		{termenv.ANSI256, true, lipgloss.ANSIColor(111)}, // #7aa2f7 in the 6×6×6 cube
		{termenv.TrueColor, true, lipgloss.Color("#7aa2f7")},
		{termenv.TrueColor, false, lipgloss.Color("#1d4ed8")},
	}
	for _, tc := range tests {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(tc.profile)
		r.SetHasDarkBackground(tc.dark)
		if got := shown(r, colAccent); got != tc.want {
			t.Errorf("profile %v, dark %v: accent is %#v, want %#v", tc.profile, tc.dark, got, tc.want)
		}
	}
}
