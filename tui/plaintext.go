package tui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// PlainMarkdown renders Markdown as plain sentences, for plain mode, plain
// replay and screen readers: a screen reader reads Markdown's marks aloud
// ("star reach star", "vertical line"), and a drawn table read line by line
// loses which value belongs to which column. So emphasis and code marks
// are dropped, a paragraph is one line, list items are lines, a link is
// "text (url)", a table is one line per cell ("Row — Column: value") and
// a menu path's arrows are words ("File, then Account"). Tree files come
// from outside deskside, so the result is made safe to print
// (session.Safe): no control sequence reaches the terminal.
// Blocks are separated by a blank line; there is no trailing newline.
func PlainMarkdown(src string) string {
	b := []byte(src)
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	doc := md.Parser().Parse(text.NewReader(b))
	p := plainMD{src: b}
	return session.Safe(menuPath.Replace(strings.Join(p.blocks(doc, ""), "\n")))
}

// menuPath says a menu path such as "File → Account → Sign out" in words:
// a screen reader reads the arrow as "right arrow".
var menuPath = strings.NewReplacer(" → ", ", then ")

type plainMD struct {
	src []byte
}

// blocks renders the block children of n, each line prefixed by indent,
// with a blank line between blocks except the text of tight list items.
func (p plainMD) blocks(n ast.Node, indent string) []string {
	return joinBlocks(n, func(c ast.Node) []string { return p.block(c, indent) }, tightBlock)
}

// tightBlock reports blocks that follow their sibling on the next line:
// the text of a tight list item and a list nested in an item.
func tightBlock(n ast.Node) bool {
	switch n.(type) {
	case *ast.TextBlock:
		return true
	case *ast.List:
		_, inItem := n.Parent().(*ast.ListItem)
		return inItem
	}
	return false
}

func (p plainMD) block(n ast.Node, indent string) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return prefixLines(strings.Split(strings.TrimSpace(p.inline(n)), "\n"), indent)
	case *ast.ThematicBreak:
		return nil
	case *ast.List:
		return p.list(n, indent)
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		var lines []string
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			lines = append(lines, indent+strings.TrimRight(string(seg.Value(p.src)), "\r\n"))
		}
		return lines
	case *east.Table:
		return prefixLines(p.table(n), indent)
	}
	return p.blocks(n, indent)
}

// list puts each item on its own line: numbered when the list is, with
// no bullet otherwise, since a bullet is read aloud as a word.
func (p plainMD) list(n *ast.List, indent string) []string {
	var out []string
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := ""
		if n.IsOrdered() {
			marker = fmt.Sprintf("%d. ", num)
			num++
		}
		inner := p.blocks(item, indent+"  ")
		for i, l := range inner {
			if i == 0 {
				l = indent + marker + strings.TrimPrefix(l, indent+"  ")
			}
			out = append(out, l)
		}
		if !n.IsTight && item.NextSibling() != nil {
			out = append(out, "")
		}
	}
	return out
}

// table says each cell with its row and column: "Row — Column: value".
// The row is named by its first cell; a column with no header is named
// by nothing but its value.
func (p plainMD) table(n *east.Table) []string {
	var header []string
	var out []string
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.TrimSpace(p.inline(c)))
		}
		if _, ok := row.(*east.TableHeader); ok {
			header = cells
			continue
		}
		if len(cells) == 0 {
			continue
		}
		name := cells[0]
		if len(cells) == 1 {
			out = append(out, name)
			continue
		}
		for i, v := range cells[1:] {
			col := ""
			if i+1 < len(header) {
				col = header[i+1]
			}
			var line string
			switch {
			case col != "" && v != "":
				line = col + ": " + v
			case col != "":
				line = col + ": (empty)"
			default:
				line = v
			}
			if name != "" {
				line = name + " — " + line
			}
			out = append(out, line)
		}
	}
	return out
}

// inline renders the inline children of n as text without marks.
func (p plainMD) inline(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(p.unescape(c.Segment.Value(p.src)))
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			b.WriteString(plainText(c, p.src))
		case *ast.Link:
			label := p.inline(c)
			dest := string(c.Destination)
			b.WriteString(label)
			if dest != "" && label != dest {
				b.WriteString(" (" + dest + ")")
			}
		case *ast.AutoLink:
			b.Write(c.URL(p.src))
		case *ast.Image:
			b.WriteString("image: " + p.inline(c))
		case *ast.RawHTML:
			segs := c.Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				b.Write(seg.Value(p.src))
			}
		default:
			b.WriteString(p.inline(c))
		}
	}
	return b.String()
}

// unescape turns Markdown's backslash escapes and character references
// into the characters they stand for.
func (p plainMD) unescape(b []byte) []byte {
	return util.ResolveNumericReferences(util.ResolveEntityNames(util.UnescapePunctuations(b)))
}

func prefixLines(lines []string, indent string) []string {
	if indent == "" {
		return lines
	}
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return lines
}

// replayWidth is the width plain replay wraps its text to, for reading in
// a ticket or a narrow terminal.
const replayWidth = 72

// PlainReplay writes the whole replay as text, step after step, for
// reading in a ticket, piping or a screen reader: the same facts as the
// wizard's replay, with step bodies as plain sentences and no symbols
// (★, ✓, box drawing) that read aloud as noise.
func PlainReplay(w io.Writer, name string, l *session.Log, tree *flows.Tree) {
	sum := session.Summarize(l)
	frames := session.Frames(l)
	fmt.Fprintf(w, "Replay of %s: %s.\n", session.SafeLine(name), plural(len(frames), "step", "steps"))
	for i, f := range frames {
		fmt.Fprintf(w, "\nStep %d of %d, at +%s into the call, %s UTC.\n", i+1, len(frames), clock(f.Offset), f.At.UTC().Format("15:04:05"))
		fmt.Fprintln(w, plainFrame(f, sum.Started, tree))
	}
}

// plainFrame is one step of a plain replay.
func plainFrame(f session.Frame, started time.Time, tree *flows.Tree) string {
	wrap := func(s string) string { return wrapText(s, replayWidth) }
	at := func(t time.Time) string { return "+" + clock(t.Sub(started)) }
	parts := []string{wrap(session.SafeLine(f.Title))}
	var node *flows.Node
	if tree != nil {
		node = tree.Nodes[f.Node]
		if node == nil {
			parts[0] += "\n" + wrap(fmt.Sprintf("Step %q is no longer in %s: shown as the log recorded it.", f.Node, session.SafeLine(tree.File)))
		}
	}
	if f.Resumed {
		parts[0] += "\nThe session was resumed here."
	}
	if node != nil && node.Body != "" {
		parts = append(parts, wrap(PlainMarkdown(node.Body)))
	}
	if node != nil {
		for _, run := range stepRuns(node.Steps) {
			text := whoHeading(run.who)
			for j, st := range run.steps {
				text += "\n" + hanging(fmt.Sprintf("  %d. %s", run.first+j+1, PlainMarkdown(st.Text)), replayWidth, 5)
			}
			parts = append(parts, text)
		}
	}
	for _, p := range f.Probes {
		var b strings.Builder
		fmt.Fprintf(&b, "Check %s at %s (%s): %s", session.SafeLine(p.Probe), at(p.At), p.Status, session.Safe(p.Summary))
		text := wrap(b.String())
		for _, k := range flows.Facts(p.Facts).Names() {
			text += "\n  " + session.SafeLine(k) + " = " + truncate(session.SafeLine(flows.Format(p.Facts[k])), replayWidth-len(k)-5)
		}
		parts = append(parts, text)
	}
	for _, fd := range f.Findings {
		parts = append(parts, wrap("Taken together: "+session.Safe(fd)))
	}
	for _, n := range f.Notes {
		parts = append(parts, "Note at "+at(n.At)+":\n"+wrap(session.Safe(n.Text)))
	}
	switch {
	case f.Outcome != nil:
		parts = append(parts, "Outcome: "+f.Outcome.Result.Label()+".\n"+wrap(session.Safe(f.Outcome.Summary)))
	case f.Answer != "":
		line := "Answered at " + at(f.AnswerAt)
		if f.Suggested {
			line += ", as the check suggested"
		}
		line += ":\n" + wrap(session.SafeLine(f.Answer))
		if f.Amends != "" {
			line += "\n" + wrap(fmt.Sprintf("This amends the earlier answer %s.", flows.Quote(f.Amends)))
		}
		parts = append(parts, line)
	case f.WentBack:
		parts = append(parts, "The operator went back from here.")
	default:
		parts = append(parts, "Not answered: the log ends here.")
	}
	if f.WentBack && f.Answer != "" {
		parts = append(parts, "Later the operator went back to this step.")
	}
	return strings.Join(parts, "\n\n")
}

// plural says n things with the right form of the noun (probes.Plural,
// the one rule for counts).
func plural(n int, one, many string) string { return probes.Plural(n, one, many) }
