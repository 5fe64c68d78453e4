package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// dialog is a yes/no question over the screen.
type dialog struct {
	question string
	detail   string
	yes      func(Model) (Model, tea.Cmd)
	// quit marks the quit dialog: ctrl+c there means yes.
	quit bool
}

func (d *dialog) view(c *common) string {
	s := c.styles
	w := min(64, c.width-8)
	body := s.Title.Render(wrapText(d.question, w)) + "\n\n" + wrapText(d.detail, w) + "\n\n" +
		s.Label.Render("y") + s.Muted.Render(" yes   ") + s.Label.Render("n") + s.Muted.Render(" no")
	return s.Dialog.Render(lipgloss.NewStyle().Width(w).Render(body))
}
