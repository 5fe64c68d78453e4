package flows

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func BenchmarkLoadDefaultTree(b *testing.B) {
	data, err := os.ReadFile("../flows.yaml")
	if err != nil {
		b.Fatal(err)
	}
	cat := catalog()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("flows.yaml", data, cat); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreviewDefaultTree is what the wizard's first frame waits for
// instead of the whole parse (BenchmarkLoadDefaultTree).
func BenchmarkPreviewDefaultTree(b *testing.B) {
	data, err := os.ReadFile("../flows.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Preview("flows.yaml", data); !ok {
			b.Fatal("no preview")
		}
	}
}

// generatedTree writes a valid tree of about n nodes: a binary tree of
// questions with probe conditions, ending in outcomes.
func generatedTree(n int) []byte {
	var sb strings.Builder
	sb.WriteString("version: 1\ntitle: generated\nstart: q0\nnodes:\n")
	questions := n / 2
	for i := 0; i < questions; i++ {
		left, right := 2*i+1, 2*i+2
		name := func(j int) string {
			if j < questions {
				return fmt.Sprintf("q%d", j)
			}
			return fmt.Sprintf("o%d", j)
		}
		fmt.Fprintf(&sb, "  q%d:\n    kind: question\n    title: Question %d\n    body: |\n      Ask the user about **%d**.\n    probe: { name: httpstatus }\n    choices:\n", i, i, i)
		fmt.Fprintf(&sb, "      - label: Left\n        next: %s\n        when: { fact: http.status, is: 401 }\n", name(left))
		fmt.Fprintf(&sb, "      - label: Right\n        next: %s\n        when: { fact: http.class, in: [throttling, server] }\n", name(right))
		for _, j := range []int{left, right} {
			if j >= questions {
				fmt.Fprintf(&sb, "  o%d:\n    kind: outcome\n    title: Outcome %d\n    result: resolved\n    summary: Done %d.\n", j, j, j)
			}
		}
	}
	return []byte(sb.String())
}

func benchGenerated(b *testing.B, n int) {
	data := generatedTree(n)
	cat := catalog()
	t, err := Parse("gen.yaml", data, cat)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(t.Nodes)), "nodes")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("gen.yaml", data, cat); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadGenerated1k(b *testing.B)  { benchGenerated(b, 1_000) }
func BenchmarkLoadGenerated10k(b *testing.B) { benchGenerated(b, 10_000) }

// A 100k-node tree (21 MB) is over MaxTreeBytes: it is refused, not timed.
