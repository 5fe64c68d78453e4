package tui

import (
	"github.com/charmbracelet/lipgloss"

	"deskside/flows"
	"deskside/probes"
)

// Styles are the wizard's looks, made from one lipgloss renderer so that
// colour profile and light/dark background are decided once and tests can
// pin them. Every colour is adaptive, and every meaning carried by colour
// is also carried by a symbol or a word.
type Styles struct {
	r *lipgloss.Renderer

	Header     lipgloss.Style
	Brand      lipgloss.Style
	Muted      lipgloss.Style
	Crumb      lipgloss.Style
	Title      lipgloss.Style
	Body       lipgloss.Style
	Label      lipgloss.Style
	Cursor     lipgloss.Style
	Choice     lipgloss.Style
	Selected   lipgloss.Style
	Suggested  lipgloss.Style
	Ticked     lipgloss.Style
	Panel      lipgloss.Style
	PanelTitle lipgloss.Style
	Why        lipgloss.Style
	Warn       lipgloss.Style
	Error      lipgloss.Style
	Training   lipgloss.Style
	Dialog     lipgloss.Style
	Input      lipgloss.Style

	// Markdown.
	Bold   lipgloss.Style
	Italic lipgloss.Style
	Code   lipgloss.Style
	Link   lipgloss.Style
	H      lipgloss.Style
	Rule   lipgloss.Style
	Quote  lipgloss.Style

	statusOK, statusWarn, statusFail, statusNone lipgloss.Style
	resolved, escalate, notThis                  lipgloss.Style
}

var (
	colAccent = lipgloss.AdaptiveColor{Light: "#1d4ed8", Dark: "#7aa2f7"}
	colMuted  = lipgloss.AdaptiveColor{Light: "#5c6370", Dark: "#8b93a7"}
	colOK     = lipgloss.AdaptiveColor{Light: "#15803d", Dark: "#9ece6a"}
	colWarn   = lipgloss.AdaptiveColor{Light: "#a16207", Dark: "#e0af68"}
	colFail   = lipgloss.AdaptiveColor{Light: "#b91c1c", Dark: "#f7768e"}
	colCode   = lipgloss.AdaptiveColor{Light: "#7c3aed", Dark: "#bb9af7"}
	colBorder = lipgloss.AdaptiveColor{Light: "#c0c4cc", Dark: "#3b4261"}
	colTrain  = lipgloss.AdaptiveColor{Light: "#7c2d12", Dark: "#ff9e64"}
)

// NewStyles makes the styles for a renderer.
func NewStyles(r *lipgloss.Renderer) Styles {
	s := Styles{r: r}
	n := r.NewStyle
	s.Header = n().Bold(true)
	s.Brand = n().Bold(true).Foreground(colAccent)
	s.Muted = n().Foreground(colMuted)
	s.Crumb = n().Foreground(colMuted)
	s.Title = n().Bold(true)
	s.Body = n()
	s.Label = n().Bold(true).Foreground(colAccent)
	s.Cursor = n().Bold(true).Foreground(colAccent)
	s.Choice = n()
	s.Selected = n().Bold(true)
	s.Suggested = n().Foreground(colOK).Bold(true)
	s.Ticked = n().Foreground(colMuted)
	s.Panel = n().Border(lipgloss.RoundedBorder()).BorderForeground(colBorder).Padding(0, 1)
	s.PanelTitle = n().Bold(true)
	s.Why = n().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(colBorder).PaddingLeft(1)
	s.Warn = n().Foreground(colWarn)
	s.Error = n().Foreground(colFail).Bold(true)
	s.Training = n().Bold(true).Foreground(colTrain).Reverse(true).Padding(0, 1)
	s.Dialog = n().Border(lipgloss.DoubleBorder()).BorderForeground(colAccent).Padding(1, 2)
	s.Input = n().Foreground(colAccent)

	s.Bold = n().Bold(true)
	s.Italic = n().Italic(true)
	s.Code = n().Foreground(colCode)
	s.Link = n().Underline(true).Foreground(colAccent)
	s.H = n().Bold(true).Foreground(colAccent)
	s.Rule = n().Foreground(colBorder)
	s.Quote = n().Foreground(colMuted)

	s.statusOK = n().Foreground(colOK).Bold(true)
	s.statusWarn = n().Foreground(colWarn).Bold(true)
	s.statusFail = n().Foreground(colFail).Bold(true)
	s.statusNone = n().Foreground(colMuted).Bold(true)
	s.resolved = n().Foreground(colOK).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(colOK).Padding(0, 2)
	s.escalate = n().Foreground(colWarn).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(colWarn).Padding(0, 2)
	s.notThis = n().Foreground(colMuted).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(colMuted).Padding(0, 2)
	return s
}

// Status renders a probe status as symbol and word, coloured.
func (s Styles) Status(st probes.Status) string {
	style := s.statusNone
	switch st {
	case probes.StatusOK:
		style = s.statusOK
	case probes.StatusWarn:
		style = s.statusWarn
	case probes.StatusFail, probes.StatusError:
		style = s.statusFail
	}
	return style.Render(st.Symbol() + " " + st.Word())
}

// Result renders an outcome's result as a large banner.
func (s Styles) Result(r flows.Result) string {
	switch r {
	case flows.ResultResolved:
		return s.resolved.Render("✓  RESOLVED")
	case flows.ResultEscalate:
		return s.escalate.Render("↑  ESCALATE")
	}
	return s.notThis.Render("–  NOT THIS PROBLEM")
}
