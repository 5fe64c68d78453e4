package tui

import (
	"fmt"
	"strings"

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
	// The short line keeps "more keys" and "quit" in sight whatever the
	// width: the other keys are cut (with an ellipsis) first.
	var main, tail []key.Binding
	for _, b := range km.short {
		if b.Help().Key == m.c.keys.Help.Help().Key || b.Help().Key == m.c.keys.Quit.Help().Key || b.Help().Key == m.c.keys.ForceQ.Help().Key {
			tail = append(tail, b)
		} else {
			main = append(main, b)
		}
	}
	right := h.ShortHelpView(tail)
	h.Width = max(m.c.width-lipgloss.Width(right)-3, 10)
	// bubbles v1.0.0's help can overrun its width by one item when the
	// ellipsis does not fit, so the line is cut here as well.
	left := truncate(h.ShortHelpView(main), h.Width)
	if left == "" {
		return right
	}
	if right == "" {
		return left
	}
	return left + m.c.styles.Muted.Render(" • ") + right
}
