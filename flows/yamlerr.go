package flows

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file turns yaml.v3's syntax errors into messages an author can act
// on. The library names the line where the enclosing block began, which
// for a mis-indented `next:` is several lines above the mistake, and it
// gives no line at all for a control character.

// tabLines reports every line whose indentation holds a tab. YAML forbids
// tabs there, and yaml.v3 says only "found character that cannot start
// any token".
func (l *loader) tabLines(data []byte) bool {
	found := false
	for i, line := range strings.Split(string(data), "\n") {
		lead := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if j := strings.IndexByte(lead, '\t'); j >= 0 {
			l.e.add(Pos{i + 1, j + 1}, "tabs are not allowed; indent with spaces")
			found = true
		}
	}
	return found
}

// badText places a control character or a byte that is not UTF-8.
func (l *loader) badText(data []byte) bool {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			l.e.add(Pos{line, col}, "the file is not UTF-8 text here (byte 0x%02X): save it as UTF-8", data[i])
			return true
		}
		if r == '\n' {
			line, col = line+1, 0
		} else if isControl(r) && r != '\t' && r != '\r' && r != 0x85 {
			l.e.add(Pos{line, col}, "the file holds %s, a control character: a tree file is plain text; remove it", runeName(r))
			return true
		}
		i += size
		col++
	}
	return false
}

// isControl reports the characters a terminal acts on or that reorder
// text: C0 and C1 controls, DEL, and the bidirectional overrides.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// controlInText reports a control character a text in the tree must not
// hold: newlines and tabs are text.
func controlInText(r rune) bool { return isControl(r) && r != '\n' && r != '\t' }

// runeName names a control character for a message.
func runeName(r rune) string {
	switch r {
	case 0x07:
		return "BEL (U+0007)"
	case 0x08:
		return "BS (U+0008)"
	case 0x0d:
		return "CR (U+000D)"
	case 0x1b:
		return "ESC (U+001B)"
	case 0x7f:
		return "DEL (U+007F)"
	}
	if r >= 0x80 && r <= 0x9f {
		return fmt.Sprintf("a C1 control (U+%04X)", r)
	}
	if r >= 0x202a {
		return fmt.Sprintf("a bidirectional override (U+%04X)", r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// level is one open block while misIndented reads a file: its column, and
// whether it is a list (its lines begin with "- ").
type level struct {
	indent  int
	seq     bool
	kindSet bool
	key     string // the key whose value the block is
}

// misIndented finds the first line, at or after from, whose indentation
// matches no open block, and says what was probably meant. It models only
// block YAML as tree files are written; when it finds something it does
// not understand before from, it gives up (ok false) rather than guess.
func misIndented(data []byte, from int) (p Pos, hint string, ok bool) {
	stack := []level{{indent: 0, kindSet: true}}
	var before []level // the blocks open before this line closed any
	opens, openKey := false, ""
	block := -1 // indentation of the key that owns a block scalar
	for i, raw := range strings.Split(string(data), "\n") {
		ln := i + 1
		text := strings.TrimRight(raw, " \r")
		content := strings.TrimLeft(text, " ")
		indent := len(text) - len(content)
		if content == "" || content[0] == '#' {
			continue
		}
		if block >= 0 {
			if indent > block {
				continue
			}
			block = -1
		}
		isItem := content == "-" || strings.HasPrefix(content, "- ")
		before = append(before[:0], stack...)
		top := &stack[len(stack)-1]
		if opens && indent > top.indent {
			stack = append(stack, level{indent: indent, key: openKey})
		} else if opens && indent == top.indent && isItem && !top.seq {
			// `key:` with its list at the same column is valid YAML.
			stack = append(stack, level{indent: indent, seq: true, kindSet: true, key: openKey})
		} else if indent > top.indent {
			continue // a plain scalar continued on the next line
		} else {
			for len(stack) > 1 && (stack[len(stack)-1].indent > indent ||
				stack[len(stack)-1].seq && !isItem && stack[len(stack)-2].indent == indent) {
				stack = stack[:len(stack)-1]
			}
		}
		top = &stack[len(stack)-1]
		if top.indent != indent || top.kindSet && top.seq != isItem {
			if ln < from {
				return Pos{}, "", false
			}
			return Pos{ln, indent + 1}, indentHint(content, before), true
		}
		if !top.kindSet {
			top.seq, top.kindSet = isItem, true
		}
		// What this line opens: an item's mapping, a nested block, a block scalar.
		body, at := content, indent
		for strings.HasPrefix(body, "- ") {
			body = strings.TrimLeft(body[2:], " ")
			at = len(text) - len(body)
			if k, _, isKey := cutKey(body); isKey {
				stack = append(stack, level{indent: at, kindSet: true, key: k})
			}
		}
		if c := strings.Index(body, " #"); c >= 0 {
			body = strings.TrimRight(body[:c], " ")
		}
		key, value, isKey := cutKey(body)
		opens, openKey = body == "-" || isKey && value == "", key
		if isKey && value != "" && strings.ContainsAny(value[:1], "|>") {
			block = at
		}
	}
	return Pos{}, "", false
}

// cutKey splits `key: value` (or `key:`) into its parts.
func cutKey(s string) (key, value string, ok bool) {
	if strings.HasSuffix(s, ":") {
		return s[:len(s)-1], "", !strings.ContainsAny(s[:len(s)-1], " \"'{[")
	}
	k, v, found := strings.Cut(s, ": ")
	if !found || strings.ContainsAny(k, " \"'{[") {
		return "", "", false
	}
	return k, strings.TrimSpace(v), true
}

// indentHint says what a mis-indented line was probably meant to be.
func indentHint(content string, stack []level) string {
	if strings.HasPrefix(content, "- ") || content == "-" {
		for i := len(stack) - 1; i >= 0; i-- {
			switch stack[i].key {
			case "steps":
				return "is this step indented like the steps above it?"
			case "choices":
				return "is this choice indented like the choices above it?"
			}
		}
		return "is this item indented like the items above it?"
	}
	key, _, _ := cutKey(content)
	for _, k := range choiceKeys {
		if key == k {
			return fmt.Sprintf("is `%s:` indented under its choice?", key)
		}
	}
	return fmt.Sprintf("is `%s:` indented like the keys around it?", key)
}

// controlText warns about text that holds a control character: escapes
// in quoted YAML ("\e", "\u202e") and bidirectional overrides get past
// the parser, and a tree's text is printed on the operator's terminal and
// into tickets. Each text is reported once, at its position; aliases are
// not followed, so shared text is reported where it is written.
func (l *loader) controlText(doc *yaml.Node) {
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.ScalarNode {
			if i := strings.IndexFunc(n.Value, controlInText); i >= 0 {
				r, _ := utf8.DecodeRuneInString(n.Value[i:])
				l.w.warn(pos(n), "the text holds %s, a control character that a terminal acts on or that reorders what is read: remove it", runeName(r))
			}
			continue
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
}

// textWithin checks that the tree's text, with every alias expanded, stays
// within limit bytes. A small file can alias one long text thousands of
// times, and every picture, export and plain-mode run would print it all.
// It reports the alias that crosses the limit.
func (l *loader) textWithin(doc *yaml.Node, limit int) bool {
	memo := map[*yaml.Node]int{}
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if s, ok := memo[n]; ok {
			return s
		}
		memo[n] = 0 // an alias to its own ancestor adds nothing more
		s := len(n.Value)
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			s = size(n.Alias)
		}
		for _, c := range n.Content {
			s = min(s+size(c), limit+1)
		}
		memo[n] = s
		return s
	}
	total := 0
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.AliasNode {
			total += size(n)
			if total > limit {
				l.e.add(pos(n), "the alias *%s takes the tree's text past the %s limit (each alias repeats all the text its anchor names): use fewer aliases or shorter anchored text", n.Value, sizeText(int64(limit)))
				return false
			}
			return true
		}
		total += len(n.Value)
		for _, c := range n.Content {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(doc)
}
