package tui

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestEarlyFramePanicRestoresTheTerminal makes the first frame panic: the
// terminal must be back on the normal screen, with its cursor, before
// the panic reaches the operator.
func TestEarlyFramePanicRestoresTheTerminal(t *testing.T) {
	var out bytes.Buffer
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not come through")
			}
		}()
		_, _ = run(Model{}, &out, true, 80, 24, func(tea.Model, ...tea.ProgramOption) (tea.Model, error) {
			t.Fatal("the program ran after the first frame panicked")
			return nil, nil
		})
	}()
	if s := out.String(); !strings.HasPrefix(s, enterAltScreen) || !strings.HasSuffix(s, leaveAltScreen) {
		t.Errorf("terminal output %q does not leave the alternate screen", s)
	}
}

// TestProgramPanicRestoresTheTerminal has the program fail after the
// early frame: the alternate screen deskside entered is left.
func TestProgramPanicRestoresTheTerminal(t *testing.T) {
	o, _ := testOptions(t)
	var out bytes.Buffer
	_, err := run(New(o), &out, true, 80, 24, func(tea.Model, ...tea.ProgramOption) (tea.Model, error) {
		return nil, tea.ErrProgramPanic
	})
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Errorf("err %v", err)
	}
	s := out.String()
	if !strings.Contains(s, "Start at") || !strings.HasSuffix(s, leaveAltScreen) {
		t.Errorf("terminal output %q", s)
	}
}
