package tui

import (
	"io"
	"reflect"
	"testing"

	"github.com/charmbracelet/bubbles/list"
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
				got := r.NewStyle().Foreground(onTerminal(r, c)).Render("deskside")
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
		if got := onTerminal(r, colAccent); got != tc.want {
			t.Errorf("profile %v, dark %v: accent is %#v, want %#v", tc.profile, tc.dark, got, tc.want)
		}
	}
}

// TestSettleKeepsTheLooks: a bubble's styles, settled, draw as before on
// every palette, and hold no adaptive colour left to convert at Render.
func TestSettleKeepsTheLooks(t *testing.T) {
	type bubbleStyles struct {
		Text, Boxed lipgloss.Style
		notAStyle   int
	}
	for _, p := range []termenv.Profile{termenv.ANSI, termenv.ANSI256, termenv.TrueColor} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		r.SetHasDarkBackground(false)
		before := bubbleStyles{
			Text:      r.NewStyle().Foreground(colAccent).Background(colBorder),
			Boxed:     r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colOK).BorderBackground(colWarn),
			notAStyle: 7,
		}
		after := before
		NewStyles(r).settle(&after)
		for _, pair := range [][2]lipgloss.Style{{before.Text, after.Text}, {before.Boxed, after.Boxed}} {
			if got, want := pair[1].Render("deskside"), pair[0].Render("deskside"); got != want {
				t.Errorf("profile %v: settled style draws %q, the bubble's drew %q", p, got, want)
			}
		}
		if after.notAStyle != 7 {
			t.Error("settle changed a field that is not a style")
		}
	}
}

// TestSettleLeavesNoAdaptiveColourInTheList covers the start screen's list
// as bubbles makes it: every colour slot of every style is settled.
func TestSettleLeavesNoAdaptiveColourInTheList(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	s := NewStyles(r)
	ls := list.DefaultStyles()
	items := list.NewDefaultItemStyles()
	s.settle(&ls)
	s.settle(&items)
	for _, v := range []any{ls, items} {
		rv := reflect.ValueOf(v)
		for i := range rv.NumField() {
			st, ok := rv.Field(i).Interface().(lipgloss.Style)
			if !ok {
				continue
			}
			// Read every slot here rather than through colourSlots, so a
			// slot missing there fails this test.
			for side, c := range []lipgloss.TerminalColor{st.GetForeground(), st.GetBackground(),
				st.GetBorderTopForeground(), st.GetBorderRightForeground(), st.GetBorderBottomForeground(), st.GetBorderLeftForeground(),
				st.GetBorderTopBackground(), st.GetBorderRightBackground(), st.GetBorderBottomBackground(), st.GetBorderLeftBackground()} {
				if _, adaptive := c.(lipgloss.AdaptiveColor); adaptive {
					t.Errorf("%s.%s, colour slot %d, still holds an adaptive colour", rv.Type().Name(), rv.Type().Field(i).Name, side)
				}
			}
		}
	}
}
