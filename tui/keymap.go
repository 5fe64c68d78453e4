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

	// Text boxes (paste, note) and a running check.
	Submit      key.Binding
	SubmitPaste key.Binding // Submit as the paste box's help shows it
	SaveNote    key.Binding
	Cancel      key.Binding
	CancelBox   key.Binding // Cancel as a text box's help shows it
	CancelCheck key.Binding // Cancel while a check runs
	ThisPC      key.Binding // run a check on this PC instead of pasting
	Whole       key.Binding // show a check's whole result, or cut it again

	// Outcome screen.
	Export     key.Binding
	Copy       key.Binding
	CopyMasked key.Binding // the copy with user names masked, for outside the help desk
	New        key.Binding

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
		Number:  key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "answer")),
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

		Submit:      key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "submit")),
		SubmitPaste: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "check it (or enter on an empty line)")),
		SaveNote:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save note")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		CancelBox:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		CancelCheck: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the check")),
		ThisPC:      key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "read this PC")),
		Whole:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "whole check result")),

		Export:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		Copy:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		CopyMasked: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "copy, users masked")),
		New:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "new session")),

		Yes: key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),

		Retry: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "write again")),
	}
}

// keyHelp adapts a list of bindings to help.KeyMap.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
	// minor are the short line's keys that leave it first, in this order,
	// when the terminal is too narrow for all of them.
	minor []key.Binding
}

func (k keyHelp) ShortHelp() []key.Binding  { return k.short }
func (k keyHelp) FullHelp() [][]key.Binding { return k.full }

// ReplayKeyMap holds the replay viewer's keys. They follow the wizard's:
// n and p are a note and a check there, so steps move with → and ←.
type ReplayKeyMap struct {
	Next, Prev, First, Last, Scroll, Quit key.Binding
}

// DefaultReplayKeyMap returns the replay viewer's bindings.
func DefaultReplayKeyMap() ReplayKeyMap {
	return ReplayKeyMap{
		Next:   key.NewBinding(key.WithKeys("right", "l", " ", "enter"), key.WithHelp("→", "next step")),
		Prev:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", "previous step")),
		First:  key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Last:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		Scroll: key.NewBinding(key.WithKeys("pgdown", "pgup", "up", "down"), key.WithHelp("↑/↓", "scroll")),
		Quit:   key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp lists the replay's keys for the help line.
func (k ReplayKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.First, k.Last, k.Scroll, k.Quit}
}

// FullHelp lists the same keys: the replay has few.
func (k ReplayKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
