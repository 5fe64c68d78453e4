package flows

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"deskside/probes"
)

// EdgeLabelMax is how long an answer may be on a picture's arrow before it
// is shortened.
const EdgeLabelMax = 40

// Subtree returns the node ids reachable from a flow's entry, in file
// order, and the same ids as a set; an empty flow means the whole tree.
func Subtree(t *Tree, flow string) ([]string, map[string]bool, error) {
	ids, err := subtree(t, flow)
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	return ids, in, err
}

func subtree(t *Tree, flow string) ([]string, error) {
	if flow == "" {
		return t.Order, nil
	}
	f, ok := t.Flow(flow)
	if !ok {
		ids := make([]string, len(t.Flows))
		for i, fl := range t.Flows {
			ids[i] = fl.ID
		}
		return nil, fmt.Errorf("flows: no flow %q; the flows are %s", flow, strings.Join(ids, ", "))
	}
	seen := reachable(t, f.Start)
	var out []string
	for _, id := range t.Order {
		if seen[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

var mermaidUnsafe = regexp.MustCompile(`[^A-Za-z0-9_]`)

// Mermaid renders the tree, or one flow of it, as a Mermaid flowchart,
// which GitHub, GitLab and Confluence draw. Node shapes tell the kinds
// apart: questions are diamonds, actions boxes, inputs parallelograms,
// and outcomes are shaped and coloured by result; nodes with a check say
// which.
func Mermaid(t *Tree, flow string) (string, error) {
	ids, in, err := Subtree(t, flow)
	if err != nil {
		return "", err
	}
	name := mermaidNames(ids)
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	for _, id := range ids {
		n := t.Nodes[id]
		label := mermaidText(probes.Shorten(n.Title, 60))
		if n.Probe != nil {
			label += "<br/><i>check: " + mermaidText(n.Probe.Name) + "</i>"
		}
		open, closing := mermaidShape(n)
		fmt.Fprintf(&b, "    %s%s\"%s\"%s\n", name[id], open, label, closing)
	}
	for _, id := range ids {
		for _, c := range t.Nodes[id].Choices {
			if !in[c.Next] {
				continue
			}
			fmt.Fprintf(&b, "    %s -->|\"%s\"| %s\n", name[id], mermaidText(probes.Shorten(c.Label, EdgeLabelMax)), name[c.Next])
		}
	}
	b.WriteString("    classDef resolved fill:#dcfce7,stroke:#15803d,color:#14532d\n")
	b.WriteString("    classDef escalate fill:#fef3c7,stroke:#b45309,color:#78350f\n")
	b.WriteString("    classDef notthis fill:#f1f5f9,stroke:#64748b,color:#1e293b\n")
	b.WriteString("    classDef probe stroke-width:3px\n")
	classes := map[string][]string{}
	for _, id := range ids {
		n := t.Nodes[id]
		switch n.Result {
		case ResultResolved:
			classes["resolved"] = append(classes["resolved"], name[id])
		case ResultEscalate:
			classes["escalate"] = append(classes["escalate"], name[id])
		case ResultNotThisProblem:
			classes["notthis"] = append(classes["notthis"], name[id])
		}
		if n.Probe != nil {
			classes["probe"] = append(classes["probe"], name[id])
		}
	}
	for _, c := range []string{"resolved", "escalate", "notthis", "probe"} {
		if len(classes[c]) > 0 {
			fmt.Fprintf(&b, "    class %s %s\n", strings.Join(classes[c], ","), c)
		}
	}
	return b.String(), nil
}

// mermaidNames gives each node an identifier Mermaid accepts: letters,
// digits and underscores, unique, never a keyword like "end".
func mermaidNames(ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	used := map[string]bool{}
	for _, id := range ids {
		n := "n_" + mermaidUnsafe.ReplaceAllString(id, "_")
		for base, i := n, 2; used[n]; i++ {
			n = fmt.Sprintf("%s_%d", base, i)
		}
		used[n] = true
		out[id] = n
	}
	return out
}

func mermaidShape(n *Node) (string, string) {
	switch n.Kind {
	case KindQuestion:
		return "{", "}"
	case KindInput:
		return "[/", "/]"
	case KindOutcome:
		switch n.Result {
		case ResultResolved:
			return "([", "])"
		case ResultEscalate:
			return "[[", "]]"
		}
		return "((", "))"
	}
	return "[", "]"
}

// mermaidText escapes what Mermaid would read as syntax inside a quoted
// label.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "|", "#124;", "\n", " ").Replace(visible(s))
}

// DOT renders the tree, or one flow of it, as Graphviz DOT. An arrow whose
// answer a check can suggest carries the rule as its tooltip.
func DOT(t *Tree, flow string) (string, error) {
	ids, in, err := Subtree(t, flow)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotString(t.Title))
	b.WriteString("    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11];\n    edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, id := range ids {
		n := t.Nodes[id]
		label := probes.Shorten(n.Title, 60)
		if n.Probe != nil {
			label += "\ncheck: " + n.Probe.Name
		}
		attrs := dotShape(n)
		if n.Probe != nil {
			attrs += ", peripheries=2"
		}
		fmt.Fprintf(&b, "    %s [label=%s, %s];\n", dotString(id), dotString(label), attrs)
	}
	for _, id := range ids {
		for _, c := range t.Nodes[id].Choices {
			if !in[c.Next] {
				continue
			}
			attrs := "label=" + dotString(probes.Shorten(c.Label, EdgeLabelMax))
			if !c.When.IsZero() {
				// The rule can be long; a tooltip shows it whole where the
				// picture is viewed, and the arrow stays readable.
				attrs += ", tooltip=" + dotString("suggested when "+c.When.String())
			}
			fmt.Fprintf(&b, "    %s -> %s [%s];\n", dotString(id), dotString(c.Next), attrs)
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}

func dotShape(n *Node) string {
	switch n.Kind {
	case KindQuestion:
		return "shape=diamond"
	case KindInput:
		return "shape=parallelogram"
	case KindOutcome:
		switch n.Result {
		case ResultResolved:
			return `shape=box, style="rounded,filled", fillcolor="#dcfce7"`
		case ResultEscalate:
			return `shape=box, style="filled", fillcolor="#fef3c7"`
		}
		return `shape=ellipse, style="filled", fillcolor="#f1f5f9"`
	}
	return "shape=box"
}

// dotString quotes s as a DOT string.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(visible(s)) + `"`
}

// visible shows the control characters in a tree string instead of
// printing them, as session.Safe does (which flows cannot import): a tree
// file from elsewhere could otherwise set the clipboard, clear the screen
// or reverse text on the terminal that prints the picture. C0 controls
// other than newline and tab, DEL and bytes that are not UTF-8 become
// \xNN; C1 controls, bidirectional controls and the line and paragraph
// separators become \uNNNN.
func visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case shownAsByte(r, n):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case shownAsRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// shownAsByte reports what visible writes as \xNN: a byte that is not
// UTF-8, a C0 control other than newline and tab, and DEL.
func shownAsByte(r rune, size int) bool {
	return r == utf8.RuneError && size == 1 || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f
}

// shownAsRune reports what visible writes as \uNNNN: C1 controls,
// bidirectional controls and the line and paragraph separators.
func shownAsRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || r == 0x061c || r == 0x200e || r == 0x200f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029
}
