package flows

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestGraphShowsControls puts control sequences in a tree's strings: the
// Mermaid and DOT sources show them escaped and hold no raw control that
// would act on the terminal printing them.
func TestGraphShowsControls(t *testing.T) {
	const bad = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b31m\u202eevil\xff"
	tree := smallTree(t)
	tree.Title = "Tree" + bad
	tree.Nodes["ask"].Title = "Ask" + bad
	tree.Nodes["ask"].Choices[0].Label = "Yes" + bad
	for name, render := range map[string]func(*Tree, string) (string, error){"mermaid": Mermaid, "dot": DOT} {
		out, err := render(tree, "")
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range out {
			if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x202e || r == utf8.RuneError {
				t.Errorf("%s: raw control %U near %q", name, r, out[max(0, i-15):min(len(out), i+15)])
				break
			}
		}
		if !strings.Contains(out, `x1b]52;c;`) || !strings.Contains(out, `u202e`) || !strings.Contains(out, `u009b`) {
			t.Errorf("%s does not show the controls:\n%s", name, out)
		}
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain\nline\tok": "plain\nline\tok",
		"esc\x1b[2J":      `esc\x1b[2J`,
		"csi\u009b":       `csi\u009b`,
		"rlo\u202e":       `rlo\u202e`,
		"bad\xff":         `bad\xff`,
		"ünï — 🙂":         "ünï — 🙂",
	} {
		if got := visible(in); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
	}
}
