package flows

import (
	"reflect"
	"testing"
)

// TestMermaidNamesNumberClashes checks that ids Mermaid would read as one
// name are numbered in file order: _2, _3, and so on.
func TestMermaidNamesNumberClashes(t *testing.T) {
	got := mermaidNames([]string{"a-b", "a.b", "a b", "end"})
	want := map[string]string{"a-b": "n_a_b", "a.b": "n_a_b_2", "a b": "n_a_b_3", "end": "n_end"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names %v, want %v", got, want)
	}
}
