package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every key binding of the wizard in one place. Screens show
// the bindings that work on them through bubbles/help, so the help line
// never offers a key that does nothing.
type KeyMap struct {
	Up      key.Binding
	Down    key.Binding
	UpDown  key.Binding // shown in the short help for both
	Choose  key.Binding
	Number  key.Binding
	Back    key.Binding
	Probe   key.Binding
	Note    key.Binding
	Why     key.Binding
	Tick    key.Binding
	Untick  key.Binding
	PageUp  key.Binding
	PageDn  key.Binding
	Restart key.Binding
	Help    key.Binding
	Quit    key.Binding
	ForceQ  key.Binding

	// Start screen.
	NextField key.Binding
	PrevField key.Binding
	Start     key.Binding
	Resume    key.Binding
	Filter    key.Binding

	// Text boxes (paste, note).
	Submit key.Binding
	Cancel key.Binding
	ThisPC key.Binding // run a check on this PC instead of pasting

	// Outcome screen.
	Export key.Binding
	Copy   key.Binding
	New    key.Binding

	// Dialogs.
	Yes key.Binding
	No  key.Binding

	// The error screen of a failed journal write.
	Retry key.Binding
}

// DefaultKeyMap returns deskside's bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		UpDown:  key.NewBinding(key.WithKeys("up", "down", "k", "j"), key.WithHelp("↑/↓", "move")),
		Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Number:  key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "answer")),
		Back:    key.NewBinding(key.WithKeys("b", "backspace"), key.WithHelp("b", "back")),
		Probe:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "check")),
		Note:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Why:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why")),
		Tick:    key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", "tick next step")),
		Untick:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "untick")),
		PageUp:  key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "scroll up")),
		PageDn:  key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "scroll down")),
		Restart: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "restart")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more")),
		Quit:    key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQ:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Start:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Resume:    key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "resume unfinished")),
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),

		Submit: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "submit")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		ThisPC: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "read this PC")),

		Export: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		Copy:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		New:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "new session")),

		Yes: key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),

		Retry: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "write again")),
	}
}

// keyHelp adapts a list of bindings to help.KeyMap.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyHelp) ShortHelp() []key.Binding  { return k.short }
func (k keyHelp) FullHelp() [][]key.Binding { return k.full }
