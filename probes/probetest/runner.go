// Package probetest provides a fake probes.Runner that replays recorded
// program outputs, so the Windows probes can be tested on any machine.
package probetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Call is one expected run of a program and what it printed.
type Call struct {
	Program string
	Args    []string
	Stdout  []byte
	Err     error
}

// Runner replays Calls in any order. A run nobody expected fails the test,
// and so does an expected call that never happened, so a probe cannot
// silently stop reading the PC.
type Runner struct {
	t     testing.TB
	mu    sync.Mutex
	calls []Call
	used  []bool
}

// NewRunner returns a Runner expecting the calls; it checks at the end of
// the test that each happened.
func NewRunner(t testing.TB, calls ...Call) *Runner {
	r := &Runner{t: t, calls: calls, used: make([]bool, len(calls))}
	t.Cleanup(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		for i, c := range r.calls {
			if !r.used[i] {
				t.Errorf("probetest: expected call never happened: %s %s", c.Program, strings.Join(c.Args, " "))
			}
		}
	})
	return r
}

// Run returns the recorded output of the first unused matching call.
func (r *Runner) Run(_ context.Context, program string, args ...string) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, c := range r.calls {
		if !r.used[i] && c.Program == program && slices.Equal(c.Args, args) {
			r.used[i] = true
			return c.Stdout, c.Err
		}
	}
	r.t.Errorf("probetest: unexpected call: %s %q", program, args)
	return nil, fmt.Errorf("probetest: unexpected call %s", program)
}
