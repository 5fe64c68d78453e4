package tui

import (
	"os"
	"runtime"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"
)

// Run shows the wizard on the terminal until the operator quits.
//
// Bubble Tea v1 draws its first frame on its renderer's first tick, 16 ms
// after start. So on Unix the first frame is drawn here, straight away, on
// the alternate screen deskside enters itself; Bubble Tea then starts on
// that screen and its first paint writes the same lines over it. Windows
// consoles need Bubble Tea's own set-up before any escape sequence, so
// there it enters the alternate screen as usual.
func Run(m Model, out *os.File) (Model, error) {
	opts := []tea.ProgramOption{tea.WithOutput(out)}
	early := runtime.GOOS != "windows"
	if early {
		if w, h, err := term.GetSize(int(out.Fd())); err == nil && w > 0 && h > 0 {
			next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			m = next.(Model)
			frame := strings.ReplaceAll(m.View(), "\n", "\r\n")
			out.WriteString("\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J" + frame + "\x1b[H")
		} else {
			early = false
		}
	}
	if !early {
		opts = append(opts, tea.WithAltScreen())
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if early {
		out.WriteString("\x1b[?25h\x1b[?1049l")
	}
	fm, _ := final.(Model)
	return fm, err
}
