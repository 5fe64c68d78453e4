package tui

import (
	"errors"
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"deskside/flows"
)

// previewOptions are the wizard's options before the tree has arrived,
// with the preview the start screen is drawn from and the whole tree.
func previewOptions(t *testing.T) (Options, *memJournals, *flows.Tree, *flows.Tree) {
	t.Helper()
	o, mj := testOptions(t)
	full := o.Tree
	data, err := os.ReadFile("../flows.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := flows.Preview("flows.yaml", data)
	if !ok {
		t.Fatal("no preview of the default tree")
	}
	o.Tree, o.TreeLabel = nil, ""
	return o, mj, p, full
}

// loader stands for the parse of the whole tree: it counts its calls and
// returns next.
type loader struct {
	calls int
	next  *TreeLoad
}

func (l *loader) load() TreeLoad {
	l.calls++
	if l.next == nil {
		return TreeLoad{Err: errors.New("the test gave no tree")}
	}
	return *l.next
}

// arrive delivers what the model's wait for the tree returns.
func arrive(t *testing.T, m tea.Model) (tea.Model, bool) {
	t.Helper()
	wait := root(m).treeToCome
	if wait == nil {
		t.Fatal("the model does not wait for the tree")
	}
	m, cmd := m.Update(wait())
	return drain(t, m, cmd)
}

func TestStartBeforeTheTreeArrives(t *testing.T) {
	o, mj, p, full := previewOptions(t)
	var loads loader
	var m tea.Model = New(o).WithTreeToCome(p, "flows.yaml (embedded)", loads.load)
	m = sized(t, m, 120, 40)
	view := root(m).View()
	for _, f := range full.Flows {
		if !strings.Contains(view, f.Title) {
			t.Errorf("the start screen drawn from the preview lacks the flow %q:\n%s", f.Title, view)
		}
	}
	m = press(t, m, enter)
	if root(m).screen != screenStart || len(mj.list) != 0 {
		t.Fatalf("a session opened on the preview (screen %s, %d sessions)", root(m).screen, len(mj.list))
	}
	if loads.calls != 0 {
		t.Fatalf("the tree was parsed %d times before the program ran its first commands", loads.calls)
	}
	loads.next = &TreeLoad{Tree: full, Label: "flows.yaml (embedded) (sha256 0123456789ab)"}
	m, quit := arrive(t, m)
	r := root(m)
	if quit || r.screen != screenStep || len(mj.list) != 1 || r.walk.Current().ID != full.Start {
		t.Fatalf("after the tree arrived: quit %v, screen %s, %d sessions", quit, r.screen, len(mj.list))
	}
	if r.opts.Tree != full || r.walk.Current().Choices == nil {
		t.Error("the walk is not on the whole tree")
	}
}

func TestTreeArrivesBeforeAnyChoice(t *testing.T) {
	o, mj, p, full := previewOptions(t)
	var loads loader
	var m tea.Model = New(o).WithTreeToCome(p, "flows.yaml (embedded)", loads.load)
	m = sized(t, m, 60, 20)
	loads.next = &TreeLoad{Tree: full, Label: "flows.yaml (embedded) (sha256 0123456789ab)"}
	m, _ = arrive(t, m)
	if root(m).screen != screenStart || len(mj.list) != 0 {
		t.Fatal("the tree's arrival opened a session nobody chose")
	}
	m = press(t, m, enter)
	if root(m).screen != screenStep || len(mj.list) != 1 {
		t.Fatalf("enter after the tree arrived: screen %s", root(m).screen)
	}
}

func TestTreeThatCannotLoadQuits(t *testing.T) {
	o, mj, p, _ := previewOptions(t)
	var loads loader
	var m tea.Model = New(o).WithTreeToCome(p, "flows.yaml (embedded)", loads.load)
	m = sized(t, m, 120, 40)
	m = press(t, m, enter)
	bad := errors.New("flows.yaml:3:1: start names no node")
	loads.next = &TreeLoad{Err: bad}
	m, quit := arrive(t, m)
	if !quit || !errors.Is(root(m).TreeErr(), bad) || len(mj.list) != 0 {
		t.Fatalf("quit %v, TreeErr %v, %d sessions", quit, root(m).TreeErr(), len(mj.list))
	}
}
