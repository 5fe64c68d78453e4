package tui

import "deskside/flows"

// stepRun is a run of consecutive steps of an action that the same person
// does. Runs keep the action's order: an operator reads the user's steps
// from under "Read to the user:" and never reads an admin's step aloud.
type stepRun struct {
	who   flows.Actor
	first int // index of the run's first step in the action's list
	steps []flows.Instruction
}

// stepRuns splits an action's steps where the person doing them changes.
func stepRuns(steps []flows.Instruction) []stepRun {
	var runs []stepRun
	for i, s := range steps {
		if n := len(runs); n > 0 && runs[n-1].who == s.Who {
			runs[n-1].steps = append(runs[n-1].steps, s)
			continue
		}
		runs = append(runs, stepRun{who: s.Who, first: i, steps: []flows.Instruction{s}})
	}
	return runs
}

// whoHeading is the heading over a run of steps: who does them, said to
// the operator.
func whoHeading(a flows.Actor) string {
	switch a {
	case flows.ActorOperator:
		return "You do:"
	case flows.ActorAdmin:
		return "Ask an admin to:"
	}
	return "Read to the user:"
}
