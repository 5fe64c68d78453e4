package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// View draws the active screen with the help line below it.
func (m Model) View() string {
	if m.quitting {
		return ""
	}
	if m.tooSmall() {
		msg := fmt.Sprintf("window too small, need %d×%d (now %d×%d)", MinWidth, MinHeight, m.c.width, m.c.height)
		return lipgloss.Place(max(m.c.width, 1), max(m.c.height, 1), lipgloss.Center, lipgloss.Center, msg)
	}
	if m.failure != nil {
		return m.failureView()
	}
	if m.dialog != nil {
		return lipgloss.Place(m.c.width, m.c.height, lipgloss.Center, lipgloss.Center, m.dialog.view(m.c))
	}
	helpView := m.helpView()
	status := m.statusView()
	foot := lipgloss.Height(helpView)
	if status != "" {
		foot += lipgloss.Height(status)
	}
	avail := m.c.height - foot
	var body string
	switch m.screen {
	case screenStart:
		body = m.start.view(avail)
	case screenStep:
		body = m.step.view(m.walk, m.began, m.req, avail)
	case screenOutcome:
		body = m.outcome.view(avail)
	}
	body = fitHeight(body, avail)
	parts := []string{body}
	if status != "" {
		parts = append(parts, status)
	}
	parts = append(parts, helpView)
	return strings.Join(parts, "\n")
}

// statusMaxLines bounds the status above the help line: enough for an
// export path or an error that says what to do, even at 60 columns.
const statusMaxLines = 3

// statusView wraps the last status message rather than cutting it, since
// it is often a path to attach to the ticket or the fix for a failure.
func (m Model) statusView() string {
	if m.status == "" {
		return ""
	}
	lines := strings.Split(wrapText(safe(m.status), m.c.width), "\n")
	if len(lines) > statusMaxLines {
		lines = lines[:statusMaxLines]
		lines[statusMaxLines-1] = truncate(lines[statusMaxLines-1]+" …", m.c.width)
	}
	return m.c.styles.Warn.Render(strings.Join(lines, "\n"))
}

func (m Model) tooSmall() bool {
	return m.c.width > 0 && (m.c.width < MinWidth || m.c.height < MinHeight)
}

func (m Model) helpView() string {
	var km keyHelp
	switch m.screen {
	case screenStart:
		km = m.start.help()
	case screenStep:
		km = m.step.help(m.walk)
	case screenOutcome:
		km = m.outcome.help()
	}
	h := m.help
	if m.fullHelp {
		h.ShowAll = true
		lines := strings.Split(h.View(km), "\n")
		for i := range lines {
			lines[i] = truncate(lines[i], m.c.width)
		}
		return strings.Join(lines, "\n")
	}
	k := m.c.keys
	return shortHelpLine(h, km, m.c.width, m.c.styles.Muted, k.Help, k.Quit, k.ForceQ)
}

// shortHelpLine draws a screen's short help in width columns. The keys in
// keep ("more keys", "quit") stay in sight at the right whatever the
// width. When the line does not fit, the screen's minor keys leave it
// first, in the order the screen gives, and an ellipsis says keys were
// left out; only then is the line cut, with an ellipsis too.
func shortHelpLine(h help.Model, km keyHelp, width int, muted lipgloss.Style, keep ...key.Binding) string {
	var main, tail []key.Binding
	for _, b := range km.short {
		if slices.ContainsFunc(keep, func(k key.Binding) bool { return sameKey(b, k) }) {
			tail = append(tail, b)
		} else {
			main = append(main, b)
		}
	}
	h.Width = 0 // measured here, not cut by bubbles
	right := h.ShortHelpView(tail)
	room := width
	if right != "" {
		room -= lipgloss.Width(right) + 3
	}
	left := h.ShortHelpView(main)
	dropped := false
	fits := func() bool {
		w := lipgloss.Width(left)
		if dropped {
			w += 2 // the ellipsis
		}
		return w <= room
	}
	for _, minor := range km.minor {
		if fits() {
			break
		}
		main = slices.DeleteFunc(main, func(b key.Binding) bool { return sameKey(b, minor) })
		dropped = true
		left = h.ShortHelpView(main)
	}
	if dropped {
		left += muted.Render(" …")
	}
	left = truncate(left, max(room, 10))
	if left == "" {
		return right
	}
	if right == "" {
		return left
	}
	return left + muted.Render(" • ") + right
}

// sameKey reports whether two bindings are the same key as help shows it.
func sameKey(a, b key.Binding) bool { return a.Help().Key == b.Help().Key }
