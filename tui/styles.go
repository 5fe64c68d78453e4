package tui

import (
	"reflect"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

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

	colours *colourCache
}

// colourCache keeps each adaptive colour as this terminal shows it, so
// that each is converted once however many styles use it.
type colourCache struct {
	mu   sync.Mutex
	seen map[lipgloss.AdaptiveColor]lipgloss.TerminalColor
}

// shown is the colour c becomes on this terminal (see onTerminal),
// converted on first use.
func (s Styles) shown(c lipgloss.AdaptiveColor) lipgloss.TerminalColor {
	s.colours.mu.Lock()
	defer s.colours.mu.Unlock()
	if t, ok := s.colours.seen[c]; ok {
		return t
	}
	t := onTerminal(s.r, c)
	s.colours.seen[c] = t
	return t
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

// onTerminal is the one colour an adaptive colour becomes on this
// renderer's terminal. Given the adaptive colour, lipgloss would pick
// light or dark and convert the hex value to the terminal's palette on every
// Render: on a 16-colour terminal that is sixteen colour-distance
// computations for each styled string of each frame.
func onTerminal(r *lipgloss.Renderer, c lipgloss.AdaptiveColor) lipgloss.TerminalColor {
	hex := c.Light
	if r.HasDarkBackground() {
		hex = c.Dark
	}
	switch v := r.ColorProfile().Color(hex).(type) {
	case termenv.ANSIColor:
		return lipgloss.ANSIColor(v)
	case termenv.ANSI256Color:
		return lipgloss.ANSIColor(v)
	case termenv.RGBColor:
		return lipgloss.Color(v)
	}
	return lipgloss.NoColor{}
}

// colourSlot is one place a style holds a colour: how to read it and how
// to set it.
type colourSlot struct {
	get func(lipgloss.Style) lipgloss.TerminalColor
	set func(lipgloss.Style, lipgloss.TerminalColor) lipgloss.Style
}

// colourSlots are every place a lipgloss style holds a colour.
func colourSlots() []colourSlot {
	return []colourSlot{
		{lipgloss.Style.GetForeground, lipgloss.Style.Foreground},
		{lipgloss.Style.GetBackground, lipgloss.Style.Background},
		{lipgloss.Style.GetBorderTopForeground, lipgloss.Style.BorderTopForeground},
		{lipgloss.Style.GetBorderRightForeground, lipgloss.Style.BorderRightForeground},
		{lipgloss.Style.GetBorderBottomForeground, lipgloss.Style.BorderBottomForeground},
		{lipgloss.Style.GetBorderLeftForeground, lipgloss.Style.BorderLeftForeground},
		{lipgloss.Style.GetBorderTopBackground, lipgloss.Style.BorderTopBackground},
		{lipgloss.Style.GetBorderRightBackground, lipgloss.Style.BorderRightBackground},
		{lipgloss.Style.GetBorderBottomBackground, lipgloss.Style.BorderBottomBackground},
		{lipgloss.Style.GetBorderLeftBackground, lipgloss.Style.BorderLeftBackground},
	}
}

// settle gives every style in the struct p points to (a bubble's Styles:
// the list's, its items', the help's) the colours this terminal shows,
// worked out once (see onTerminal), in place of the adaptive colours the bubble
// chose. The looks stay the bubble's; only the per-Render conversion goes.
func (s Styles) settle(p any) {
	v := reflect.ValueOf(p).Elem()
	styleType := reflect.TypeOf(lipgloss.Style{})
	slots := colourSlots()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Type() != styleType || !f.CanSet() {
			continue
		}
		st := f.Interface().(lipgloss.Style)
		for _, c := range slots {
			if a, ok := c.get(st).(lipgloss.AdaptiveColor); ok {
				st = c.set(st, s.shown(a))
			}
		}
		f.Set(reflect.ValueOf(st))
	}
}

// NewStyles makes the styles for a renderer.
func NewStyles(r *lipgloss.Renderer) Styles {
	s := Styles{r: r, colours: &colourCache{seen: map[lipgloss.AdaptiveColor]lipgloss.TerminalColor{}}}
	n := r.NewStyle
	accent, muted, ok, warn := s.shown(colAccent), s.shown(colMuted), s.shown(colOK), s.shown(colWarn)
	fail, code, border, train := s.shown(colFail), s.shown(colCode), s.shown(colBorder), s.shown(colTrain)
	s.Header = n().Bold(true)
	s.Brand = n().Bold(true).Foreground(accent)
	s.Muted = n().Foreground(muted)
	s.Crumb = n().Foreground(muted)
	s.Title = n().Bold(true)
	s.Body = n()
	s.Label = n().Bold(true).Foreground(accent)
	s.Cursor = n().Bold(true).Foreground(accent)
	s.Choice = n()
	s.Selected = n().Bold(true)
	s.Suggested = n().Foreground(ok).Bold(true)
	s.Ticked = n().Foreground(muted)
	s.Panel = n().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1)
	s.PanelTitle = n().Bold(true)
	s.Why = n().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(border).PaddingLeft(1)
	s.Warn = n().Foreground(warn)
	s.Error = n().Foreground(fail).Bold(true)
	s.Training = n().Bold(true).Foreground(train).Reverse(true).Padding(0, 1)
	s.Dialog = n().Border(lipgloss.DoubleBorder()).BorderForeground(accent).Padding(1, 2)
	s.Input = n().Foreground(accent)

	s.Bold = n().Bold(true)
	s.Italic = n().Italic(true)
	s.Code = n().Foreground(code)
	s.Link = n().Underline(true).Foreground(accent)
	s.H = n().Bold(true).Foreground(accent)
	s.Rule = n().Foreground(border)
	s.Quote = n().Foreground(muted)

	s.statusOK = n().Foreground(ok).Bold(true)
	s.statusWarn = n().Foreground(warn).Bold(true)
	s.statusFail = n().Foreground(fail).Bold(true)
	s.statusNone = n().Foreground(muted).Bold(true)
	s.resolved = n().Foreground(ok).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(ok).Padding(0, 2)
	s.escalate = n().Foreground(warn).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(warn).Padding(0, 2)
	s.notThis = n().Foreground(muted).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(muted).Padding(0, 2)
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
