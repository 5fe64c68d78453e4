package tui

import (
	"reflect"
	"testing"
)

// TestTickedStepsReachTheLog checks that the steps an operator ticks as
// done travel with the answer to the log, so the ticket says what was
// really done.
func TestTickedStepsReachTheLog(t *testing.T) {
	m, mj := startedModel(t, 120, 40)
	// triage → od-connectivity → od-cause → the password-reset sign-out steps
	m = press(t, m, runes("1"), runes("1"), runes("1"))
	r := root(m)
	if n := r.walk.Current(); len(n.Steps) < 3 {
		t.Fatalf("step %s has %d steps to tick", n.ID, len(n.Steps))
	}
	press(t, m, runes(" "), runes(" "), runes(" "), runes("u"), runes("1"))
	s, err := mj.list[0].Summary()
	if err != nil {
		t.Fatal(err)
	}
	last := s.Path[len(s.Path)-1]
	if want := []int{1, 2}; !reflect.DeepEqual(last.Done, want) {
		t.Errorf("the answer at %s records done %v, want %v (three ticked, one unticked)", last.Node, last.Done, want)
	}
	for _, p := range s.Path[:len(s.Path)-1] {
		if len(p.Done) > 0 {
			t.Errorf("the answer at %s records done %v with nothing ticked", p.Node, p.Done)
		}
	}
}

// TestTicksKeptWhenGoingBack checks that going back to a step shows the
// steps already ticked there, and that answering again records them.
func TestTicksKeptWhenGoingBack(t *testing.T) {
	m, mj := startedModel(t, 120, 40)
	m = press(t, m, runes("1"), runes("1"), runes("1"))
	m = press(t, m, runes(" "), runes(" "), runes("1"), runes("b"))
	if got := root(m).step.done(); !reflect.DeepEqual(got, []int{1, 2}) {
		t.Fatalf("back at the step, ticked %v, want [1 2]", got)
	}
	press(t, m, runes("1"))
	s, err := mj.list[0].Summary()
	if err != nil {
		t.Fatal(err)
	}
	if last := s.Path[len(s.Path)-1]; !reflect.DeepEqual(last.Done, []int{1, 2}) {
		t.Errorf("the answer given again records done %v, want [1 2]", last.Done)
	}
}
