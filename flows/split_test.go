package flows

import (
	"fmt"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSplitMatchesWholeParse checks that the parallel parse of the nodes
// section builds the same document, positions included, as one parse.
func TestSplitMatchesWholeParse(t *testing.T) {
	inputs := map[string][]byte{"generated 3,000 nodes": generatedTree(3000), "generated 1,500 nodes": generatedTree(1500)}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			split, ok := parseSplit(data)
			if !ok {
				t.Fatal("the file was not split")
			}
			var whole yaml.Node
			if err := yaml.Unmarshal(data, &whole); err != nil {
				t.Fatal(err)
			}
			if diff := sameNode(&whole, split, "doc"); diff != "" {
				t.Fatal(diff)
			}
		})
	}
}

// TestSplitDeclines checks the cases where only a whole parse is right.
func TestSplitDeclines(t *testing.T) {
	big := string(generatedTree(3000))
	header := "version: 1\ntitle: generated\nstart: q0\nnodes:\n"
	cases := map[string]string{
		"small file":                   "version: 1\nnodes:\n  a:\n    kind: outcome\n",
		"alias to an anchor elsewhere": "x: &shared\n  kind: outcome\n" + big + "  extra: *shared\n",
		"syntax error in a chunk":      big + "  broken:\n    kind: [\n",
		"comment after nodes:":         "nodes: # the nodes\n" + big[len(header):],
	}
	for name, data := range cases {
		if _, ok := parseSplit([]byte(data)); ok {
			t.Errorf("%s: split, but only a whole parse is right", name)
		}
	}
}

func sameNode(a, b *yaml.Node, path string) string {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line || a.Column != b.Column {
		return fmt.Sprintf("%s: %v %s %q %d:%d vs %v %s %q %d:%d", path, a.Kind, a.Tag, a.Value, a.Line, a.Column, b.Kind, b.Tag, b.Value, b.Line, b.Column)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %d children vs %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := sameNode(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}
