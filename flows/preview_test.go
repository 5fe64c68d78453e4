package flows

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameStartScreen checks that a preview shows what the whole tree would:
// the tree's title, its start node's title and every flow.
func sameStartScreen(t *testing.T, p, full *Tree) {
	t.Helper()
	if p.Title != full.Title || p.Start != full.Start {
		t.Fatalf("preview title %q start %q, tree %q %q", p.Title, p.Start, full.Title, full.Start)
	}
	if got, want := p.Nodes[p.Start].Title, full.Nodes[full.Start].Title; got != want {
		t.Fatalf("start node title %q, tree %q", got, want)
	}
	if len(p.Flows) != len(full.Flows) {
		t.Fatalf("%d flows, tree %d", len(p.Flows), len(full.Flows))
	}
	for i, f := range full.Flows {
		g := p.Flows[i]
		if g.ID != f.ID || g.Title != f.Title || g.Start != f.Start || g.Description != f.Description {
			t.Fatalf("flow %d: preview %+v, tree %+v", i, g, f)
		}
	}
}

func TestPreviewDefaultTree(t *testing.T) {
	data, err := os.ReadFile("../flows.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := Preview("flows.yaml", data)
	if !ok {
		t.Fatal("the default tree has no preview: the wizard's first frame waits for the whole parse")
	}
	full, err := Parse("flows.yaml", data, catalog())
	if err != nil {
		t.Fatal(err)
	}
	sameStartScreen(t, p, full)
	if !p.IsPreview() || full.IsPreview() {
		t.Errorf("IsPreview: preview %v, parsed tree %v", p.IsPreview(), full.IsPreview())
	}
	if len(p.Flows) < 5 || p.Nodes["triage"] == nil {
		t.Errorf("the default tree's preview has %d flows and start %q", len(p.Flows), p.Start)
	}
}

func TestPreview(t *testing.T) {
	const head = "version: 1\ntitle: Help\nstart: b\nflows:\n  - { id: f, title: F, start: a, description: Only a }\n"
	const nodes = "nodes:\n  a:\n    kind: outcome\n    title: A\n    result: resolved\n    summary: S\n  b:   # the start\n    kind: question\n    title: Start here\n    choices: [{label: L, next: a}]\n"
	cases := map[string]struct {
		data      string
		ok        bool
		title     string
		flows     int
		startNode string
	}{
		"start node not first, with a comment on its id line": {data: head + nodes, ok: true, title: "Help", flows: 1, startNode: "Start here"},
		"scenarios after the nodes":                           {data: head + nodes + "scenarios:\n  - { id: s, title: S, expect: [b, a] }\n", ok: true, title: "Help", flows: 1, startNode: "Start here"},
		"no flows":                                            {data: "version: 1\ntitle: Help\nstart: a\n" + nodes, ok: true, title: "Help", startNode: "A"},
		"title after the nodes":                               {data: "version: 1\nstart: b\n" + nodes + "title: Late\n"},
		"flows after the nodes":                               {data: "version: 1\ntitle: Help\nstart: b\n" + nodes + "flows: []\n"},
		"no start":                                            {data: "version: 1\ntitle: Help\n" + nodes},
		"start names no node":                                 {data: "version: 1\ntitle: Help\nstart: zz\n" + nodes},
		"start node without a title":                          {data: "version: 1\nstart: a\nnodes:\n  a:\n    kind: outcome\n"},
		"no nodes section":                                    {data: head},
		"a flow without a start":                              {data: "version: 1\nstart: a\nflows:\n  - { id: f, title: F }\n" + nodes},
		"broken head":                                         {data: "version: 1\ntitle: [\nstart: a\n" + nodes},
		"nodes as a flow list":                                {data: "version: 1\nstart: a\nnodes: [a, b]\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p, ok := Preview("t.yaml", []byte(tc.data))
			if ok != tc.ok {
				t.Fatalf("ok %v, want %v", ok, tc.ok)
			}
			if !ok {
				if p != nil {
					t.Errorf("a refused preview returned a tree: %+v", p)
				}
				return
			}
			if p.Title != tc.title || len(p.Flows) != tc.flows || p.Nodes[p.Start].Title != tc.startNode || p.File != "t.yaml" {
				t.Errorf("got title %q, %d flows, start node %q, file %q", p.Title, len(p.Flows), p.Nodes[p.Start].Title, p.File)
			}
			if full, err := Parse("t.yaml", []byte(tc.data), catalog()); err == nil {
				sameStartScreen(t, p, full)
			}
		})
	}
}

// FuzzPreview checks that a preview never panics and, whenever the whole
// tree also loads, shows exactly what the whole tree would.
func FuzzPreview(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "flows", "*", "*.yaml"))
	seeds = append(seeds, filepath.Join("..", "flows.yaml"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("title: t\nstart: a\nnodes:\n  a:\n    title: &x A\n  b: *x\n"))
	f.Add([]byte("start: a\nnodes:\n  a: {title: A}\nflows:\n"))
	cat := catalog()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, ok := Preview("fuzz.yaml", data)
		if !ok {
			return
		}
		if !p.IsPreview() || p.Nodes[p.Start] == nil || strings.TrimSpace(p.Start) == "" {
			t.Fatalf("a preview without its start node: %+v", p)
		}
		if full, err := Parse("fuzz.yaml", data, cat); err == nil {
			sameStartScreen(t, p, full)
		}
	})
}
