package tui

import (
	"io"
	"os"
	"runtime"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"
)

// The sequences deskside writes itself around an early first frame:
// enter the alternate screen, hide the cursor and clear; and the way back.
const (
	enterAltScreen = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"
	leaveAltScreen = "\x1b[?25h\x1b[?1049l"
)

// programRunner runs a Bubble Tea program; tests replace it to check
// what Run does around the program.
type programRunner func(tea.Model, ...tea.ProgramOption) (tea.Model, error)

func runProgram(m tea.Model, opts ...tea.ProgramOption) (tea.Model, error) {
	return tea.NewProgram(m, opts...).Run()
}

// Run shows the wizard on the terminal until the operator quits.
//
// Bubble Tea v1 draws its first frame on its renderer's first tick, 16 ms
// after start. So on Unix the first frame is drawn here, straight away, on
// the alternate screen deskside enters itself; Bubble Tea then starts on
// that screen and its first paint writes the same lines over it. Windows
// consoles need Bubble Tea's own set-up before any escape sequence, so
// there it enters the alternate screen as usual.
//
// The clipboard copy goes through the same output as the frames.
func Run(m Model, out *os.File) (Model, error) {
	tout := &termOut{f: out}
	w, h, err := term.GetSize(int(out.Fd()))
	early := runtime.GOOS != "windows" && err == nil && w > 0 && h > 0
	return run(m, tout, early, w, h, runProgram)
}

// run draws the early frame when asked and runs the program. The way
// back from the alternate screen is deferred as soon as it is entered,
// so a panic anywhere after (in the first frame, or out of the program)
// still gives the operator their terminal back.
func run(m Model, out io.Writer, early bool, w, h int, program programRunner) (Model, error) {
	if m.opts.Clipboard == nil {
		m.opts.Clipboard = out
	}
	opts := []tea.ProgramOption{tea.WithOutput(out)}
	if early {
		_, _ = io.WriteString(out, enterAltScreen)
		defer func() { _, _ = io.WriteString(out, leaveAltScreen) }()
		next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		m = next.(Model)
		frame := strings.ReplaceAll(m.View(), "\n", "\r\n")
		_, _ = io.WriteString(out, frame+"\x1b[H")
	} else {
		opts = append(opts, tea.WithAltScreen())
	}
	final, err := program(m, opts...)
	fm, _ := final.(Model)
	return fm, err
}

// RunReplay shows a recorded session on the terminal until the operator
// quits.
func RunReplay(r Replay, out *os.File) error {
	_, err := runProgram(r, tea.WithAltScreen(), tea.WithOutput(out))
	return err
}
