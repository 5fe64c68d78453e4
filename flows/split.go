package flows

import (
	"bytes"
	"runtime"
	"sync"

	"gopkg.in/yaml.v3"
)

// splitMin is the size below which splitting costs more than it saves:
// measured, the 84 KB default tree parses faster in one piece (3.2 ms
// against 3.5 ms), a 2 MB tree faster in chunks (110 ms against 140 ms).
// Re-measured on the 10k-node generated tree (2.1 MB, BenchmarkLoad-
// Generated10k, two busy cores): 0.55–0.74 s a load in chunks against
// 1.1–1.5 s in one piece, and 2.8 s against 4.7 s of CPU for the run:
// yaml.v3 is slower than linear on one large document, so chunks pay even
// without a spare core.
const splitMin = 128 << 10

// parseYAML parses a tree file into a yaml.Node document. Parsing is most
// of the cost of loading a large tree, so the nodes: section is cut into
// chunks on its node-id lines and the chunks are parsed in parallel. Any
// doubt — a chunk that fails, or decodes to other ids than it was cut on —
// falls back to parsing the whole file, so results and error messages are
// exactly those of one parse.
func parseYAML(data []byte) (*yaml.Node, error) {
	if doc, ok := parseSplit(data); ok {
		return doc, nil
	}
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	return &doc, err
}

// nodesSection finds the lines of the top-level nodes: mapping and the
// line offsets of each node id in it.
type nodesSection struct {
	start, end int   // byte offsets of the section's entries
	keys       []int // byte offsets of each node-id line
	keyLines   []int // 1-based line numbers of each node-id line
	indent     int
}

func findNodes(data []byte) (nodesSection, bool) {
	var s nodesSection
	in := false
	line := 0
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		line++
		l := data[off:next]
		content := bytes.TrimLeft(l, " ")
		indent := len(l) - len(content)
		blank := len(bytes.TrimSpace(content)) == 0 || content[0] == '#'
		if !in {
			if indent == 0 && bytes.Equal(bytes.TrimRight(l, " \r\n"), []byte("nodes:")) {
				in, s.start = true, next
			}
		} else if !blank {
			if indent == 0 {
				s.end = off
				return s, len(s.keys) > 0
			}
			if s.indent == 0 {
				s.indent = indent
			}
			if indent < s.indent {
				return s, false
			}
			if indent == s.indent {
				if !plainKeyLine(content) {
					return s, false
				}
				s.keys = append(s.keys, off)
				s.keyLines = append(s.keyLines, line)
			}
		}
		off = next
	}
	if in {
		s.end = len(data)
	}
	return s, in && len(s.keys) > 0
}

// plainKeyLine reports a line that is only `id:`, perhaps with a comment.
func plainKeyLine(content []byte) bool {
	content, _, _ = bytes.Cut(content, []byte(" #"))
	content = bytes.TrimRight(content, " \r\n")
	if len(content) < 2 || content[len(content)-1] != ':' {
		return false
	}
	for _, c := range content[:len(content)-1] {
		if !idByte(c) {
			return false
		}
	}
	return true
}

// idByte reports a byte the quick read accepts in a node id: ASCII
// letters and digits, '-', '_' and '.'.
func idByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// chunkBounds splits n node ids into at most workers runs of nearly equal
// length, [from, to) each, in order: one run per core, none empty.
func chunkBounds(n, workers int) [][2]int {
	per := (n + workers - 1) / workers
	var b [][2]int
	for i := 0; i < n; i += per {
		b = append(b, [2]int{i, min(i+per, n)})
	}
	return b
}

func parseSplit(data []byte) (*yaml.Node, bool) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return nil, false
	}
	// A file under splitMin is refused below too, its section being
	// smaller still; the quick read takes microseconds on such a file.
	s, ok := findNodes(data)
	if !ok || s.end-s.start < splitMin || len(s.keys) < 2*workers {
		return nil, false
	}
	// The skeleton is the file with the nodes' entries blanked out, so line
	// numbers outside the section do not move.
	skeleton := make([]byte, 0, len(data))
	skeleton = append(skeleton, data[:s.start]...)
	skeleton = append(skeleton, bytes.Repeat([]byte("\n"), bytes.Count(data[s.start:s.end], []byte("\n")))...)
	skeleton = append(skeleton, data[s.end:]...)

	type chunk struct {
		from, to int // indexes into s.keys
		doc      yaml.Node
		err      error
	}
	chunks := make([]*chunk, 0, workers)
	for _, b := range chunkBounds(len(s.keys), workers) {
		chunks = append(chunks, &chunk{from: b[0], to: b[1]})
	}
	var skel yaml.Node
	var skelErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		skelErr = yaml.Unmarshal(skeleton, &skel)
	}()
	for _, c := range chunks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			end := s.end
			if c.to < len(s.keys) {
				end = s.keys[c.to]
			}
			c.err = yaml.Unmarshal(data[s.keys[c.from]:end], &c.doc)
		}()
	}
	wg.Wait()
	if skelErr != nil || skel.Kind != yaml.DocumentNode || len(skel.Content) != 1 || skel.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	var nodes *yaml.Node
	top := skel.Content[0]
	for n := range len(top.Content) / 2 {
		if top.Content[2*n].Value == "nodes" {
			if nodes != nil {
				return nil, false
			}
			nodes = top.Content[2*n+1]
		}
	}
	if nodes == nil || nodes.Tag != "!!null" {
		return nil, false
	}
	nodes.Kind, nodes.Tag, nodes.Value = yaml.MappingNode, "!!map", ""
	nodes.Line, nodes.Column = s.keyLines[0], s.indent+1
	for _, c := range chunks {
		if c.err != nil || c.doc.Kind != yaml.DocumentNode || len(c.doc.Content) != 1 {
			return nil, false
		}
		m := c.doc.Content[0]
		if m.Kind != yaml.MappingNode || len(m.Content) != 2*(c.to-c.from) {
			return nil, false
		}
		shift := s.keyLines[c.from] - 1
		for i := 0; i < len(m.Content); i += 2 {
			k := m.Content[i]
			if k.Line+shift != s.keyLines[c.from+i/2] {
				return nil, false
			}
		}
		shiftLines(m, shift)
		nodes.Content = append(nodes.Content, m.Content...)
	}
	return &skel, true
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}
