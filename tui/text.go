package tui

import (
	"deskside/session"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// indentAfterFirst puts prefix before the first line and aligns the rest.
func indentAfterFirst(prefix, text string) string {
	pad := strings.Repeat(" ", ansi.StringWidth(prefix))
	lines := strings.Split(text, "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// scrolled draws a viewport in exactly its height, with a sign when text
// is out of sight: "↓ more below" on its last line while there is more
// below, else "↑ more above" on its first. A line the sign covers comes
// into sight by scrolling on, so the sign never hides the text's end.
func scrolled(vp viewport.Model, muted lipgloss.Style) string {
	lines := strings.Split(fitHeight(vp.View(), vp.Height), "\n")
	if vp.TotalLineCount() <= vp.Height || len(lines) == 0 {
		return strings.Join(lines, "\n")
	}
	switch {
	case !vp.AtBottom():
		lines[len(lines)-1] = muted.Render(fmt.Sprintf("↓ more below (pgdn) · %d%%", int(vp.ScrollPercent()*100)))
	case vp.YOffset > 0:
		lines[0] = muted.Render("↑ more above (pgup)")
	}
	return strings.Join(lines, "\n")
}

// hanging wraps text to width with the lines after the first indented by
// indent columns, for numbered lists.
func hanging(text string, width, indent int) string {
	first := strings.Split(wrapText(text, width), "\n")[0]
	rest := strings.TrimSpace(strings.TrimPrefix(text, ansi.Strip(first)))
	if rest == "" {
		return first
	}
	pad := strings.Repeat(" ", indent)
	return first + "\n" + pad + strings.ReplaceAll(wrapText(rest, width-indent), "\n", "\n"+pad)
}

// safe makes text that did not come from deskside (a paste, a check's
// reading of it, a note, a log being replayed, a tree string) safe to show:
// no control sequence of it reaches the terminal (see session.Safe).
func safe(s string) string { return session.Safe(s) }

// safeLine is safe for single-line fields: a ticket, an operator, a
// title, an answer's label.
func safeLine(s string) string { return session.SafeLine(s) }

// safeKeys makes typed or pasted characters safe before a text box takes
// them: a control sequence in them is kept in a visible form. Terminals
// send a pasted line break as a carriage return, some as CR LF: both are
// line breaks, not characters to show.
func safeKeys(msg tea.Msg) tea.Msg {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyRunes {
		k.Runes = []rune(safe(lineBreaks.Replace(string(k.Runes))))
		return k
	}
	return msg
}

// lineBreaks turns the line ends a terminal may send (CR LF, a lone CR)
// into newlines.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// truncate cuts s to width columns with an ellipsis, keeping styles. It
// cuts at the last space when that keeps at least half the width, so a
// title reads "OneDrive…" rather than "OneDrive Cac…"; a long word (a
// path, a token's fingerprint) is cut inside it. It is the one cutting
// helper of the wizard: everything that does not fit goes through it.
func truncate(s string, width int) string {
	if width <= 1 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	cut := width - 1
	col, space := 0, -1
	for _, r := range ansi.Strip(s) {
		w := ansi.StringWidth(string(r))
		if col+w > cut {
			break
		}
		if r == ' ' {
			space = col
		}
		col += w
	}
	if space >= cut/2 {
		cut = space
	}
	return ansi.Truncate(s, cut, "") + "…"
}

// wrapText wraps plain or styled text to width.
func wrapText(s string, width int) string {
	return ansi.Wrap(s, max(width, 10), "")
}

// placeBottom puts foot on the last lines of avail, below body.
func placeBottom(body, foot string, avail int) string {
	return fitHeight(strings.TrimRight(body, "\n"), avail-lipgloss.Height(foot)) + "\n" + foot
}
