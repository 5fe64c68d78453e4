package flows

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden graphs and docs/flows.md")

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./flows -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test ./flows -update and read the diff", file)
	}
}

func graphTrees(t *testing.T) map[string]*Tree {
	def, err := LoadFile("../flows.yaml", catalog())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Tree{"small": smallTree(t), "default": def}
}

func TestGraphGolden(t *testing.T) {
	for name, tree := range graphTrees(t) {
		m, err := Mermaid(tree, "")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("..", "testdata", "golden", "graph", name+".mmd"), []byte(m))
		d, err := DOT(tree, "")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("..", "testdata", "golden", "graph", name+".dot"), []byte(d))
	}
}

// TestDocsPicture keeps docs/flows.md, the default tree's picture linked
// from the README, in step with flows.yaml.
func TestDocsPicture(t *testing.T) {
	tree := graphTrees(t)["default"]
	m, err := Mermaid(tree, "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("# The default tree\n\n")
	b.WriteString("`flows.yaml` drawn by `deskside graph`. Questions are diamonds, actions boxes, inputs\n")
	b.WriteString("parallelograms; outcomes are green (resolved), amber (escalate) or grey (not this problem);\n")
	b.WriteString("a thick border and \"check:\" mark steps with a probe. Regenerate with `go test ./flows -update`.\n\n")
	for _, f := range tree.Flows {
		sub, err := Mermaid(tree, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("## " + f.Title + "\n\n" + f.Description + "\n\n```mermaid\n" + sub + "```\n\n")
	}
	b.WriteString("## The whole tree\n\n```mermaid\n" + m + "```\n")
	golden(t, filepath.Join("..", "docs", "flows.md"), []byte(b.String()))
}

// TestDOTParses runs Graphviz on the output when it is installed (CI
// installs it).
func TestDOTParses(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("DESKSIDE_REQUIRE_DOT") != "" {
			t.Fatal("dot is not installed")
		}
		t.Skip("Graphviz dot is not installed")
	}
	for name, tree := range graphTrees(t) {
		for _, flow := range append([]string{""}, flowIDs(tree)...) {
			d, _ := DOT(tree, flow)
			cmd := exec.Command("dot", "-Tsvg")
			cmd.Stdin = strings.NewReader(d)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || !bytes.Contains(out, []byte("<svg")) {
				t.Errorf("%s %s: dot failed: %v %s", name, flow, err, stderr.String())
			}
		}
	}
}

func flowIDs(t *Tree) []string {
	var ids []string
	for _, f := range t.Flows {
		ids = append(ids, f.ID)
	}
	return ids
}

var (
	mmNode  = regexp.MustCompile(`^    (n_[A-Za-z0-9_]+)(\{|\[/|\(\[|\[\[|\(\(|\[)"([^"]*)"(\}|/\]|\]\)|\]\]|\)\)|\])$`)
	mmEdge  = regexp.MustCompile(`^    (n_[A-Za-z0-9_]+) -->\|"([^"|]*)"\| (n_[A-Za-z0-9_]+)$`)
	mmClass = regexp.MustCompile(`^    (classDef [a-z]+ [^ ]+|class [A-Za-z0-9_,]+ [a-z]+)$`)
)

// TestMermaidStructure checks every line of the output is a node, an edge
// or a class line Mermaid reads, that shapes open and close in pairs, and
// that edges join defined nodes.
func TestMermaidStructure(t *testing.T) {
	pairs := map[string]string{"{": "}", "[/": "/]", "([": "])", "[[": "]]", "((": "))", "[": "]"}
	tricky := smallTree(t)
	tricky.Nodes["ask"].Title = `Is it "401" | 403 <or> 429?`
	tricky.Nodes["ask"].Choices[0].Label = `Yes, "401" | and a very long answer that goes on and on past the limit`
	trees := graphTrees(t)
	trees["tricky"] = tricky
	for name, tree := range trees {
		for _, flow := range append([]string{""}, flowIDs(tree)...) {
			m, _ := Mermaid(tree, flow)
			lines := strings.Split(strings.TrimRight(m, "\n"), "\n")
			if lines[0] != "flowchart TD" {
				t.Fatalf("%s: first line %q", name, lines[0])
			}
			defined := map[string]bool{}
			for _, l := range lines[1:] {
				switch {
				case mmNode.MatchString(l):
					g := mmNode.FindStringSubmatch(l)
					if pairs[g[2]] != g[4] {
						t.Errorf("%s: shape %s closed by %s: %q", name, g[2], g[4], l)
					}
					defined[g[1]] = true
				case mmEdge.MatchString(l):
					g := mmEdge.FindStringSubmatch(l)
					if !defined[g[1]] || !defined[g[3]] {
						t.Errorf("%s: edge to or from an undefined node: %q", name, l)
					}
					plain := strings.NewReplacer("#quot;", `"`, "#124;", "|", "#lt;", "<", "#gt;", ">").Replace(g[2])
					if len([]rune(plain)) > EdgeLabelMax {
						t.Errorf("%s: edge label not shortened: %q", name, g[2])
					}
				case mmClass.MatchString(l):
				default:
					t.Errorf("%s %s: line Mermaid would not read: %q", name, flow, l)
				}
			}
		}
	}
}

func TestGraphUnknownFlow(t *testing.T) {
	if _, err := Mermaid(smallTree(t), "nope"); err == nil || !strings.Contains(err.Error(), `no flow "nope"; the flows are check`) {
		t.Errorf("err = %v", err)
	}
}
