package flows

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds the loader arbitrary bytes, seeded with every tree in
// testdata/flows and the default tree. It must never panic; it either loads
// a walkable tree or reports placed errors.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "flows", "*", "*.yaml"))
	seeds = append(seeds, filepath.Join("..", "flows.yaml"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("version: 1\nnodes: &a [*a]\n"))
	f.Add([]byte("{"))
	// The keys of steps by actor, answers' sets: and scenario replies, in
	// shapes the loader must refuse cleanly.
	f.Add([]byte("version: 1\ntitle: t\nstart: a\nnodes:\n  a:\n    kind: action\n    title: A\n    steps: [x, {admin: y}, {operator: ~}, {user: [z]}, {}]\n    choices: [{label: L, next: o, sets: {http.status: &s 401, jwt.scp: [a, *s], answer.reconnect_helped: yes}}]\n  o: {kind: outcome, title: O, result: resolved, summary: S}\nscenarios: [{id: s, title: S, expect: [a, o], replies: {a: L, o: [x], b: ~}}]\n"))
	f.Add([]byte("version: 1\ntitle: t\nstart: a\nnodes:\n  a:\n    kind: question\n    title: &t \"\\e]52;c;x\\a\"\n    choices:\n      - label: *t\n      next: a\n\t\n"))
	cat := catalog()
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := Parse("fuzz.yaml", data, cat)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a placed list: %v", err)
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 || e.Msg == "" {
					t.Fatalf("badly placed error %+v", e)
				}
			}
			return
		}
		// A tree that loads must be walkable to an outcome by first choices
		// or report none as reachable.
		w, _ := NewWalk(tree, time.Now)
		for i := 0; i < 50 && !w.Ended(); i++ {
			if r := w.Remaining(); r < 0 {
				t.Fatalf("Remaining %d at %s", r, w.Current().ID)
			}
			if s := w.Suggestion(); s.Index >= len(w.Current().Choices) {
				t.Fatalf("suggestion %d of %d choices", s.Index, len(w.Current().Choices))
			}
			if _, err := w.Choose(0); err != nil {
				t.Fatalf("choice 0 at %s: %v", w.Current().ID, err)
			}
		}
		for w.StepNumber() > 1 {
			if _, err := w.Back(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
