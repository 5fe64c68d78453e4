package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Markdown renders the Markdown of step bodies for the terminal at a given
// width. goldmark parses (it is the parser glamour itself is built on);
// drawing the few elements step bodies use is done here with lipgloss,
// because importing glamour costs ~35 ms of package initialisation
// (chroma's lexers and styles), twice the first-frame budget.
//
// A Markdown is used from one goroutine, the program's update loop.
type Markdown struct {
	md goldmark.Markdown // made by the first Render
	s  *Styles
}

// NewMarkdown makes a renderer with the given styles. goldmark's parser is
// made when the first body is drawn: the start screen shows no Markdown,
// so the first frame does not wait for it.
func NewMarkdown(s *Styles) *Markdown { return &Markdown{s: s} }

// Render returns src drawn at width columns, without a trailing newline.
func (m *Markdown) Render(src string, width int) string {
	width = max(width, 10)
	if m.md == nil {
		m.md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	}
	b := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(b))
	r := mdRun{s: m.s, src: b}
	lines := r.blocks(doc, width)
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

type mdRun struct {
	s   *Styles
	src []byte
}

// blocks renders the block children of n, a blank line between blocks.
func (r mdRun) blocks(n ast.Node, width int) []string {
	return joinBlocks(n, func(c ast.Node) []string { return r.block(c, width) }, tightItem)
}

// joinBlocks renders each block child of n with block and puts a blank
// line between them, except before those tight says follow on the next
// line: the one layout rule of the styled and the plain Markdown.
func joinBlocks(n ast.Node, block func(ast.Node) []string, tight func(ast.Node) bool) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := block(c)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight(c) {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// tightItem reports blocks that follow their sibling without a blank line:
// the paragraphs of a tight list item.
func tightItem(n ast.Node) bool {
	_, ok := n.(*ast.TextBlock)
	return ok
}

func (r mdRun) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return wrapLines(r.inline(n), width)
	case *ast.Heading:
		return wrapLines(r.s.H.Render(ansi.Strip(r.inline(n))), width)
	case *ast.ThematicBreak:
		return []string{r.s.Rule.Render(strings.Repeat("─", width))}
	case *ast.Blockquote:
		inner := r.blocks(n, width-2)
		for i, l := range inner {
			inner[i] = r.s.Quote.Render("│ ") + l
		}
		return inner
	case *ast.List:
		return r.list(n, width)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var lines []string
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			line := strings.TrimRight(string(seg.Value(r.src)), "\n")
			lines = append(lines, r.s.Code.Render("  "+truncate(line, width-2)))
		}
		return lines
	case *east.Table:
		return r.table(n, width)
	case *ast.HTMLBlock:
		var lines []string
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			lines = append(lines, wrapLines(strings.TrimRight(string(seg.Value(r.src)), "\n"), width)...)
		}
		return lines
	}
	return r.blocks(n, width)
}

func (r mdRun) list(n *ast.List, width int) []string {
	var out []string
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "• "
		if n.IsOrdered() {
			marker = fmt.Sprintf("%d. ", num)
			num++
		}
		pad := strings.Repeat(" ", ansi.StringWidth(marker))
		inner := r.blocks(item, width-len(pad))
		for i, l := range inner {
			if i == 0 {
				out = append(out, marker+l)
			} else {
				out = append(out, pad+l)
			}
		}
		if !n.IsTight && item.NextSibling() != nil {
			out = append(out, "")
		}
	}
	return out
}

func (r mdRun) table(n *east.Table, width int) []string {
	var header []string
	var rows [][]string
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, r.inline(c))
		}
		if _, ok := row.(*east.TableHeader); ok {
			header = cells
		} else {
			rows = append(rows, cells)
		}
	}
	t := table.New().Border(lipgloss.NormalBorder()).BorderStyle(r.s.Rule).Wrap(true).
		Headers(header...).Rows(rows...).
		StyleFunc(func(row, _ int) lipgloss.Style {
			if row == table.HeaderRow {
				return r.s.r.NewStyle().Bold(true).Padding(0, 1)
			}
			return r.s.r.NewStyle().Padding(0, 1)
		})
	if natural := lipgloss.Width(t.String()); natural > width {
		t = t.Width(width)
	}
	return strings.Split(t.String(), "\n")
}

// inline renders the inline children of n as one styled line.
func (r mdRun) inline(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(r.src))
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			b.WriteString(r.s.Code.Render(plainText(c, r.src)))
		case *ast.Emphasis:
			inner := r.inline(c)
			if c.Level >= 2 {
				b.WriteString(r.s.Bold.Render(inner))
			} else {
				b.WriteString(r.s.Italic.Render(inner))
			}
		case *east.Strikethrough:
			b.WriteString(r.s.r.NewStyle().Strikethrough(true).Render(r.inline(c)))
		case *ast.Link:
			label := r.inline(c)
			dest := string(c.Destination)
			b.WriteString(r.s.Link.Render(label))
			if dest != "" && ansi.Strip(label) != dest {
				b.WriteString(r.s.Muted.Render(" (" + dest + ")"))
			}
		case *ast.AutoLink:
			b.WriteString(r.s.Link.Render(string(c.URL(r.src))))
		case *ast.Image:
			b.WriteString(r.s.Muted.Render("[image: " + ansi.Strip(r.inline(c)) + "]"))
		case *ast.RawHTML:
			segs := c.Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				b.Write(seg.Value(r.src))
			}
		default:
			b.WriteString(r.inline(c))
		}
	}
	return b.String()
}

// plainText collects the text under n without styling.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
			continue
		}
		b.WriteString(plainText(c, src))
	}
	return b.String()
}

// wrapLines wraps styled text to width, keeping explicit line breaks.
func wrapLines(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, width, ""), "\n")...)
	}
	return out
}
