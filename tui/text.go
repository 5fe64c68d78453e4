package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// plural says n things with the right word: "1 event", "2 events".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// cutWords cuts plain text to at most width columns at a word boundary,
// with an ellipsis, so a title reads "OneDrive …" rather than "OneDrive
// Cac…". A single word longer than width is cut inside it.
func cutWords(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width <= 1 {
		return ""
	}
	cut := ansi.Truncate(s, width-1, "")
	if i := strings.LastIndexByte(cut, ' '); i > 0 && i >= len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}
