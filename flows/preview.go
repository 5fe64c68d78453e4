package flows

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Preview reads only what the wizard's start screen shows of a tree file:
// its title, its start node's title and its flows. Parsing the whole file
// is most of deskside's start-up time, and an operator needs the start
// screen before they need the tree, so the first frame is drawn from a
// preview while Parse runs.
//
// A preview cannot be walked or validated (IsPreview reports it): it is
// replaced by the tree Parse returns. ok is false whenever the file is not
// laid out the way a quick read can trust — the top-level keys after the
// nodes: section, the start node not found on its own id line, anything
// yaml.v3 cannot read — and the caller then waits for Parse, whose errors
// say what is wrong.
func Preview(file string, data []byte) (t *Tree, ok bool) {
	s, found := findNodes(data)
	if !found {
		return nil, false
	}
	// Keys after the nodes: section would be missed by the quick read.
	for _, line := range bytes.Split(data[s.end:], []byte("\n")) {
		for _, k := range []string{"title:", "start:", "flows:", "nodes:"} {
			if bytes.HasPrefix(line, []byte(k)) {
				return nil, false
			}
		}
	}
	var head struct {
		Title string `yaml:"title"`
		Start string `yaml:"start"`
		Flows []struct {
			ID          string `yaml:"id"`
			Title       string `yaml:"title"`
			Start       string `yaml:"start"`
			Description string `yaml:"description"`
		} `yaml:"flows"`
	}
	if err := yaml.Unmarshal(data[:s.start], &head); err != nil || head.Start == "" {
		return nil, false
	}
	node, ok := previewNode(data, s, head.Start)
	if !ok {
		return nil, false
	}
	t = &Tree{File: file, Title: head.Title, Start: head.Start, Nodes: map[string]*Node{node.ID: node}, Order: []string{node.ID}, preview: true}
	for _, f := range head.Flows {
		if f.ID == "" || f.Start == "" {
			return nil, false
		}
		t.Flows = append(t.Flows, Flow{ID: f.ID, Title: f.Title, Start: f.Start, Description: f.Description})
	}
	return t, true
}

// previewNode reads the id and title of the node named id from its lines
// in the nodes: section, parsing only that node.
func previewNode(data []byte, s nodesSection, id string) (*Node, bool) {
	for i, off := range s.keys {
		line, _, _ := bytes.Cut(data[off:], []byte("\n"))
		line, _, _ = bytes.Cut(line, []byte(" #"))
		if string(bytes.TrimSpace(line)) != id+":" {
			continue
		}
		end := s.end
		if i+1 < len(s.keys) {
			end = s.keys[i+1]
		}
		var one map[string]struct {
			Title string `yaml:"title"`
		}
		if err := yaml.Unmarshal(data[off:end], &one); err != nil || one[id].Title == "" {
			return nil, false
		}
		return &Node{ID: id, Title: one[id].Title}, true
	}
	return nil, false
}

// IsPreview reports a tree made by Preview: enough for the start screen,
// not enough to walk.
func (t *Tree) IsPreview() bool { return t != nil && t.preview }
