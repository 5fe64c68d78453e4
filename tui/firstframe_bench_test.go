package tui

import (
	"io"
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"deskside/flows"
)

// BenchmarkFirstFrame is the in-process part of the first frame on a
// 16-colour terminal: the model made from the tree's preview, sized, and
// drawn, as Run draws it before Bubble Tea starts. Process start and
// package initialisation are measured from outside with ttff.py.
func BenchmarkFirstFrame(b *testing.B) {
	data, err := os.ReadFile("../flows.yaml")
	if err != nil {
		b.Fatal(err)
	}
	o, _ := testOptions(b)
	o.Tree = nil
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	r.SetHasDarkBackground(true)
	o.Renderer = r
	b.ReportAllocs()
	for b.Loop() {
		p, ok := flows.Preview("flows.yaml (embedded)", data)
		if !ok {
			b.Fatal("no preview")
		}
		m := New(o).WithTreeToCome(p, "flows.yaml (embedded)", func() TreeLoad { return TreeLoad{} })
		next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if next.View() == "" {
			b.Fatal("an empty first frame")
		}
	}
}

// BenchmarkKeyPress16Colours is BenchmarkKeyPress on a 16-colour terminal
// (TERM=xterm, older Windows consoles), where every colour drawn must be
// brought to the nearest of sixteen.
func BenchmarkKeyPress16Colours(b *testing.B) {
	o, _ := testOptions(b)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	r.SetHasDarkBackground(true)
	o.Renderer = r
	w, _ := flows.NewWalkAt(defaultTree(b), "od-cause", o.Now)
	o.Walk = w
	var m tea.Model = New(o)
	m = sized(b, m, 120, 40)
	benchKeys(b, m)
}
