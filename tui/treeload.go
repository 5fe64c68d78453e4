package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
)

// TreeLoad is the whole tree, parsed while the start screen was already
// on the terminal, or why it could not be.
type TreeLoad struct {
	Tree  *flows.Tree
	Label string
	Err   error
}

// treeLoadedMsg is the whole tree arriving after a preview.
type treeLoadedMsg TreeLoad

// WithTreeToCome shows the start screen from a preview of the tree (its
// title, start and flows; see flows.Preview) and takes the whole tree from
// load, which runs once the program has started, after the first frame:
// parsing the tree is most of the start-up time, and on two cores it would
// otherwise compete with drawing that frame. The operator reads the start
// screen meanwhile; a session chosen before the tree has arrived opens as
// soon as it does.
func (m Model) WithTreeToCome(preview *flows.Tree, label string, load func() TreeLoad) Model {
	m = m.WithTree(preview, label)
	m.treeToCome = func() tea.Msg { return treeLoadedMsg(load()) }
	return m
}

// TreeErr is why the tree that was to come could not be loaded; the
// wizard quit on it.
func (m Model) TreeErr() error { return m.treeErr }

// treeLoaded takes the whole tree, or quits when it could not be loaded,
// and opens the session the operator chose while waiting.
func (m Model) treeLoaded(msg treeLoadedMsg) (tea.Model, tea.Cmd) {
	if msg.Err != nil {
		m.treeErr = msg.Err
		m.quitting = true
		return m, tea.Quit
	}
	m = m.WithTree(msg.Tree, msg.Label)
	if act := m.waiting; act != nil {
		m.waiting = nil
		return m.startAct(*act, nil)
	}
	return m, nil
}
