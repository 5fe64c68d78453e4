package flows

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"gopkg.in/yaml.v3"

	"deskside/probes"
)

// Catalog tells the loader which probes a tree may name and which facts
// each declares, so a `when:` on a misspelt fact fails at load time.
type Catalog map[string][]probes.FactSpec

// CatalogOf builds a Catalog from probes.
func CatalogOf(ps []probes.Probe) Catalog {
	c := make(Catalog, len(ps))
	for _, p := range ps {
		c[p.Name()] = p.Facts()
	}
	return c
}

// The caps on a tree file. A tree is a few hundred KB; the caps keep a
// wrong file (a log, a device, an alias bomb) from filling memory or the
// operator's screen.
const (
	// MaxTreeBytes is the largest tree file deskside reads.
	MaxTreeBytes = 4 << 20
	// MaxTextBytes is the most text a tree may hold once its YAML aliases
	// are expanded: an alias repeats all the text its anchor names.
	MaxTextBytes = 8 << 20
)

// Errors LoadFile wraps, so a command can tell the operator what to do.
var (
	ErrNotRegular = errors.New("flows: a tree file must be a regular file")
	ErrTreeTooBig = errors.New("flows: the tree file is too large")
)

// LoadFile reads and parses a tree file. Only a regular file up to
// MaxTreeBytes is read: a session log names its tree file, and a log from
// elsewhere could name /dev/zero or a FIFO.
func LoadFile(path string, cat Catalog) (*Tree, error) {
	data, err := readTree(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, cat)
}

// readTree reads a regular file of at most MaxTreeBytes. It opens without
// blocking, so a FIFO is refused instead of waiting for a writer, and
// checks what it opened rather than the name, which could change between.
func readTree(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("flows: cannot read the tree file: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("flows: cannot read the tree file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is %s", ErrNotRegular, path, fileKind(fi.Mode()))
	}
	if fi.Size() > MaxTreeBytes {
		return nil, fmt.Errorf("%w: %s is %s, over the %s limit", ErrTreeTooBig, path, sizeText(fi.Size()), sizeText(MaxTreeBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxTreeBytes+1))
	if err != nil {
		return nil, fmt.Errorf("flows: cannot read the tree file: %w", err)
	}
	if len(data) > MaxTreeBytes {
		return nil, fmt.Errorf("%w: %s grew past the %s limit while it was read", ErrTreeTooBig, path, sizeText(MaxTreeBytes))
	}
	return data, nil
}

// fileKind names what a path that is not a regular file is.
func fileKind(m fs.FileMode) string {
	if m.IsDir() {
		return "a folder"
	}
	if m&fs.ModeNamedPipe != 0 {
		return "a FIFO (named pipe)"
	}
	if m&fs.ModeSocket != 0 {
		return "a socket"
	}
	if m&fs.ModeDevice != 0 {
		return "a device"
	}
	return "not a regular file"
}

// sizeText writes a byte count for people: "4 MiB", "5.5 MiB", "120 KB".
func sizeText(n int64) string {
	if n >= 1<<20 {
		if n%(1<<20) == 0 {
			return fmt.Sprintf("%d MiB", n>>20)
		}
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Parse loads a tree from YAML and checks it. On failure the error is an
// ErrorList holding every problem found, sorted by position.
func Parse(file string, data []byte, cat Catalog) (*Tree, error) {
	sum := sha256.Sum256(data)
	l := &loader{e: errs{file: file}, w: errs{file: file}, cat: cat}
	t := l.load(data)
	if t != nil {
		t.File = file
		t.SHA256 = hex.EncodeToString(sum[:])
		l.validate(t, len(l.e.list) > 0)
	}
	if len(l.e.list) > 0 {
		l.e.list.sort()
		return nil, l.e.list
	}
	w := l.w
	lint(t, &w)
	w.list.sort()
	t.Warnings = w.list
	return t, nil
}

type loader struct {
	e   errs
	w   errs // warnings found while reading, before lint
	cat Catalog
	// facts indexes each probe's declared facts by name, built on first use.
	facts map[string]map[string]probes.FactSpec
	// all indexes every declared fact, the probes' and the engine's.
	all map[string]probes.FactSpec
}

// anyFact returns the declaration of a fact by any check in the catalog or
// by the engine. Facts live in one pool for the whole session, so a step
// may test a fact that an earlier step's check or answer established.
func (l *loader) anyFact(name string) (probes.FactSpec, bool) {
	if l.all == nil {
		l.all = map[string]probes.FactSpec{}
		for _, p := range l.probeNames() {
			for _, s := range l.cat[p] {
				if _, ok := l.all[s.Name]; !ok {
					l.all[s.Name] = s
				}
			}
		}
		for _, s := range engineSpecs() {
			l.all[s.Name] = s
		}
	}
	s, ok := l.all[name]
	return s, ok
}

// factNames lists every declared fact, for "did you mean" hints.
func (l *loader) factNames() []string {
	l.anyFact("")
	names := make([]string, 0, len(l.all))
	for n := range l.all {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// probeFacts returns the facts a probe declares, by name.
func (l *loader) probeFacts(probe string) (map[string]probes.FactSpec, bool) {
	if m, ok := l.facts[probe]; ok {
		return m, true
	}
	specs, ok := l.cat[probe]
	if !ok {
		return nil, false
	}
	m := make(map[string]probes.FactSpec, len(specs))
	for _, s := range specs {
		m[s.Name] = s
	}
	if l.facts == nil {
		l.facts = map[string]map[string]probes.FactSpec{}
	}
	l.facts[probe] = m
	return m, true
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (l *loader) load(data []byte) *Tree {
	if len(data) > MaxTreeBytes {
		l.e.add(Pos{1, 1}, "the file is %s, over the %s limit for a tree file: is it the right file?", sizeText(int64(len(data))), sizeText(MaxTreeBytes))
		return nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		l.e.add(Pos{1, 1}, "the file holds binary data (a NUL byte): a tree file is YAML text")
		return nil
	}
	doc, err := parseYAML(data)
	if err != nil {
		l.yamlError(data, err)
		return nil
	}
	if !l.textWithin(doc, MaxTextBytes) {
		return nil
	}
	l.controlText(doc)
	return l.loadDoc(doc)
}

// loadDoc reads the tree from a parsed YAML document.
func (l *loader) loadDoc(doc *yaml.Node) *Tree {
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.e.add(Pos{1, 1}, "the file is empty: a tree file needs version, title, start and nodes")
		return nil
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		l.e.add(pos(root), "the top of a tree file must be a mapping with version, title, start and nodes, not %s", describe(root))
		return nil
	}
	t := &Tree{Nodes: map[string]*Node{}}
	var sawVersion, sawStart, sawNodes bool
	l.fields(root, "the tree file", func(k, v *yaml.Node) {
		switch k.Value {
		case "version":
			sawVersion = true
			if n, ok := l.integer(v, "version"); ok {
				t.Version = n
				if n != 1 {
					l.e.add(pos(v), "unsupported version %d: this deskside reads version 1", n)
				}
			}
		case "title":
			t.Title, _ = l.str(v, "title")
		case "start":
			sawStart = true
			t.Start, _ = l.str(v, "start")
			t.startPos = pos(v)
		case "flows":
			t.Flows = l.flows(v)
		case "nodes":
			sawNodes = true
			l.nodes(v, t)
		case "scenarios":
			t.Scenarios = l.scenarios(v)
		default:
			l.unknownKey(k, "the tree file", topKeys)
		}
	})
	if !sawVersion {
		l.e.add(pos(root), "missing version: add `version: 1` at the top")
	}
	if !sawStart {
		l.e.add(pos(root), "missing start: name the node the walk begins at (`start: triage`)")
	}
	if !sawNodes {
		l.e.add(pos(root), "missing nodes: a tree needs at least one node")
	}
	return t
}

func (l *loader) yamlError(data []byte, err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		switch {
		case strings.Contains(m, "cannot start any token") || strings.Contains(m, "tab character"):
			if l.tabLines(data) {
				return
			}
		case strings.Contains(m, "control characters are not allowed") || strings.Contains(m, "UTF-8"):
			if l.badText(data) {
				return
			}
		}
		l.yamlMessage(data, m)
	}
}

// yamlMessage places a yaml.v3 syntax error. The library gives a line but
// no column; the column of the line's first character is the best guess.
// For a block that ends early, the library names the line the block began
// on; the line whose indentation is wrong is found and named instead.
func (l *loader) yamlMessage(data []byte, msg string) {
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		l.e.add(Pos{1, 1}, "YAML syntax error: %s", strings.TrimPrefix(msg, "yaml: "))
		return
	}
	line, _ := strconv.Atoi(m[1])
	if strings.HasPrefix(m[2], "did not find expected") {
		if p, hint, ok := misIndented(data, line); ok {
			l.e.add(p, "YAML syntax error: this line is indented differently from the lines around it; %s", hint)
			return
		}
	}
	l.e.add(Pos{line, firstColumn(data, line)}, "YAML syntax error: %s", m[2])
}

func firstColumn(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	s := lines[line-1]
	for i, c := range s {
		if c != ' ' && c != '\t' {
			return i + 1
		}
	}
	return 1
}

var (
	topKeys      = []string{"version", "title", "start", "flows", "nodes", "scenarios"}
	nodeKeys     = []string{"kind", "title", "body", "why", "steps", "probe", "choices", "result", "summary", "packet"}
	choiceKeys   = []string{"label", "next", "when", "why", "sets"}
	condKeys     = []string{"fact", "is", "in", "exists", "lt", "gt"}
	probeKeys    = []string{"name", "input", "prompt"}
	flowKeys     = []string{"id", "title", "start", "description"}
	scenarioKeys = []string{"id", "title", "teaches", "probes", "expect", "replies"}
	replyKeys    = []string{"says", "answer"}
)

func (l *loader) unknownKey(k *yaml.Node, where string, known []string) {
	l.e.add(pos(k), "unknown key %q in %s%s; known keys: %s", k.Value, where, didYouMean(k.Value, known), strings.Join(known, ", "))
}

// fields walks a mapping's pairs, reporting duplicate keys. Mappings in a
// tree file have a handful of keys, so a linear look back beats a map.
func (l *loader) fields(m *yaml.Node, where string, each func(k, v *yaml.Node)) {
	// Content is key, value, key, value: pair n is at 2n and 2n+1.
	for n := range len(m.Content) / 2 {
		i := 2 * n
		k, v := resolve(m.Content[i]), resolve(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			l.e.add(pos(k), "a key in %s must be a plain word, not %s", where, describe(k))
			continue
		}
		if first := firstKey(m, i, k.Value); first != nil {
			l.e.add(pos(k), "duplicate key %q in %s (first at line %d)", k.Value, where, first.Line)
			continue
		}
		each(k, v)
	}
}

// firstKey returns an earlier key of m before index i with the same value.
func firstKey(m *yaml.Node, i int, key string) *yaml.Node {
	for j := 0; j < i; j += 2 {
		if k := resolve(m.Content[j]); k.Kind == yaml.ScalarNode && k.Value == key {
			return k
		}
	}
	return nil
}

func (l *loader) mapping(v *yaml.Node, what string) bool {
	if v.Kind != yaml.MappingNode {
		l.e.add(pos(v), "%s must be a mapping, not %s", what, describe(v))
		return false
	}
	return true
}

func (l *loader) sequence(v *yaml.Node, what string) bool {
	if v.Kind != yaml.SequenceNode {
		l.e.add(pos(v), "%s must be a list, not %s", what, describe(v))
		return false
	}
	return true
}

func (l *loader) str(v *yaml.Node, what string) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		l.e.add(pos(v), "%s must be text, not %s", what, describe(v))
		return "", false
	}
	return v.Value, true
}

func (l *loader) integer(v *yaml.Node, what string) (int, bool) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if n, err := strconv.Atoi(v.Value); err == nil {
			return n, true
		}
	}
	l.e.add(pos(v), "%s must be a whole number, not %s", what, describe(v))
	return 0, false
}

func (l *loader) strList(v *yaml.Node, what string) []string {
	if !l.sequence(v, what) {
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		if s, ok := l.str(resolve(item), "each item of "+what); ok {
			out = append(out, s)
		}
	}
	return out
}

func (l *loader) nodes(v *yaml.Node, t *Tree) {
	if !l.mapping(v, "nodes") {
		return
	}
	for n := range len(v.Content) / 2 {
		k, nv := resolve(v.Content[2*n]), resolve(v.Content[2*n+1])
		id, ok := l.str(k, "a node id")
		if !ok {
			continue
		}
		if id == "" {
			l.e.add(pos(k), "a node id cannot be empty")
			continue
		}
		if first, dup := t.Nodes[id]; dup {
			l.e.add(pos(k), "duplicate node id %q (first defined at line %d): give each node its own id", id, first.Pos.Line)
			continue
		}
		n := l.node(id, k, nv)
		t.Nodes[id] = n
		t.Order = append(t.Order, id)
	}
}

func (l *loader) node(id string, k, v *yaml.Node) *Node {
	n := &Node{ID: id, Pos: pos(k)}
	where := fmt.Sprintf("node %q", id)
	if !l.mapping(v, where) {
		return n
	}
	var kindNode, stepsKey, resultKey, summaryKey, packetKey, titleKey *yaml.Node
	choicesOK := true
	l.fields(v, where, func(k, v *yaml.Node) {
		switch k.Value {
		case "kind":
			kindNode = v
			n.kindPos = pos(v)
			s, ok := l.str(v, "kind")
			if !ok {
				return
			}
			for kk, name := range kindNames {
				if name == s {
					n.Kind = kk
				}
			}
			if n.Kind == 0 {
				l.e.add(pos(v), "unknown kind %q for node %q%s; a node is a question, action, input or outcome", s, id, didYouMean(s, []string{"question", "action", "input", "outcome"}))
			}
		case "title":
			titleKey = k
			n.Title, _ = l.str(v, where+" title")
		case "body":
			n.Body, _ = l.str(v, where+" body")
			n.bodyPos = pos(v)
		case "why":
			n.Why, _ = l.str(v, where+" why")
		case "steps":
			stepsKey = k
			n.Steps = l.steps(v, where)
		case "probe":
			n.Probe = l.probeRef(v, where)
		case "choices":
			n.hasChKey = true
			n.chPos = pos(k)
			n.Choices, choicesOK = l.choices(v, where)
		case "result":
			resultKey = k
			if s, ok := l.str(v, where+" result"); ok {
				if err := n.Result.UnmarshalText([]byte(s)); err != nil {
					l.e.add(pos(v), "unknown result %q for node %q%s; an outcome is resolved, escalate or not-this-problem", s, id, didYouMean(s, []string{"resolved", "escalate", "not-this-problem"}))
				}
			}
		case "summary":
			summaryKey = k
			n.Summary, _ = l.str(v, where+" summary")
		case "packet":
			packetKey = k
			n.Packet = l.strList(v, where+" packet")
		default:
			l.unknownKey(k, where, nodeKeys)
		}
	})
	if kindNode == nil {
		l.e.add(n.Pos, "node %q has no kind: add `kind: question`, action, input or outcome", id)
		return n
	}
	if titleKey == nil {
		l.e.add(n.Pos, "node %q has no title: every step needs a title to show", id)
	}
	if n.Kind == 0 {
		return n
	}
	if n.Kind != KindAction && stepsKey != nil {
		l.e.add(pos(stepsKey), "node %q is a %s: steps belong to action nodes", id, n.Kind)
	}
	if n.Kind == KindOutcome {
		if n.hasChKey {
			l.e.add(n.chPos, "outcome %q has choices: an outcome ends the walk, so remove them or make it a question", id)
		}
		if resultKey == nil {
			l.e.add(n.Pos, "outcome %q has no result: add `result: resolved`, escalate or not-this-problem", id)
		}
		if summaryKey == nil {
			l.e.add(n.Pos, "outcome %q has no summary: say what happened, for the ticket", id)
		}
		if packetKey != nil && n.Result != ResultEscalate && n.Result != 0 {
			l.e.add(pos(packetKey), "outcome %q is %s: a packet belongs to escalate outcomes", id, n.Result)
		}
		return n
	}
	for _, key := range []*yaml.Node{resultKey, summaryKey, packetKey} {
		if key != nil {
			l.e.add(pos(key), "node %q is a %s: %s belongs to outcome nodes", id, n.Kind, key.Value)
		}
	}
	if len(n.Choices) == 0 && choicesOK {
		l.e.add(n.Pos, "%s %q has no way out: add choices, or make it an outcome", n.Kind, id)
	}
	if n.Kind == KindInput && n.Probe == nil {
		l.e.add(n.Pos, "input node %q names no probe: an input node is read by a probe (`probe: { name: jwt }`)", id)
	}
	return n
}

func (l *loader) probeRef(v *yaml.Node, where string) *ProbeRef {
	p := &ProbeRef{Pos: pos(v), Input: "auto"}
	if v.Kind == yaml.ScalarNode {
		p.Name = v.Value
		return p
	}
	if !l.mapping(v, where+" probe") {
		return nil
	}
	l.fields(v, where+" probe", func(k, v *yaml.Node) {
		switch k.Value {
		case "name":
			p.Name, _ = l.str(v, "probe name")
			p.Pos = pos(v)
		case "input":
			if s, ok := l.str(v, "probe input"); ok {
				switch s {
				case "paste", "run", "auto":
					p.Input = s
				default:
					l.e.add(pos(v), "probe input %q is not known: use paste, run or auto", s)
				}
			}
		case "prompt":
			p.Prompt, _ = l.str(v, "probe prompt")
		default:
			l.unknownKey(k, where+" probe", probeKeys)
		}
	})
	if p.Name == "" {
		l.e.add(pos(v), "%s probe has no name", where)
		return nil
	}
	return p
}

func (l *loader) choices(v *yaml.Node, where string) ([]Choice, bool) {
	if !l.sequence(v, where+" choices") {
		return nil, false
	}
	out := make([]Choice, 0, len(v.Content))
	for _, item := range v.Content {
		item = resolve(item)
		c := Choice{Pos: pos(item)}
		if !l.mapping(item, "a choice") {
			continue
		}
		sawNext := false
		l.fields(item, "a choice of "+where, func(k, v *yaml.Node) {
			switch k.Value {
			case "label":
				c.Label, _ = l.str(v, "choice label")
			case "next":
				sawNext = true
				c.Next, _ = l.str(v, "choice next")
				c.nextPos = pos(v)
			case "when":
				c.When = l.when(v)
			case "why":
				c.Why, _ = l.str(v, "choice why")
			case "sets":
				c.sets = l.settings(v, where)
			default:
				l.unknownKey(k, "a choice of "+where, choiceKeys)
			}
		})
		if c.Label == "" {
			l.e.add(c.Pos, "a choice of %s has no label: say what the operator is choosing", where)
		}
		if !sawNext {
			l.e.add(c.Pos, "choice %q of %s has no next: name the node it leads to", c.Label, where)
		}
		out = append(out, c)
	}
	return out, true
}

// steps reads an action's steps: each is text read to the user, or a
// one-key mapping that says who does it (`admin: Open the sign-in logs.`).
func (l *loader) steps(v *yaml.Node, where string) []Instruction {
	what := where + " steps"
	if !l.sequence(v, what) {
		return nil
	}
	out := make([]Instruction, 0, len(v.Content))
	for _, item := range v.Content {
		item = resolve(item)
		if item.Kind == yaml.ScalarNode && item.Tag != "!!null" {
			out = append(out, Instruction{Who: ActorUser, Text: item.Value})
		} else if item.Kind == yaml.MappingNode && len(item.Content) == 2 {
			if in, ok := l.actorStep(item, where); ok {
				out = append(out, in)
			}
		} else if item.Kind == yaml.MappingNode {
			l.e.add(pos(item), "a step of %s is text, or one `user:`, `operator:` or `admin:` with its text; this one has %d keys", where, len(item.Content)/2)
		} else {
			l.e.add(pos(item), "each step of %s must be text, or `operator: …` / `admin: …`, not %s", where, describe(item))
		}
	}
	return out
}

// actorStep reads a step written as a one-key mapping, `operator: text`,
// and says which key is not an actor.
func (l *loader) actorStep(item *yaml.Node, where string) (Instruction, bool) {
	k, val := resolve(item.Content[0]), resolve(item.Content[1])
	who := -1
	for i, n := range actorNames {
		if k.Kind == yaml.ScalarNode && k.Value == n {
			who = i
		}
	}
	if who < 0 {
		l.e.add(pos(k), "a step of %s says who does it with user, operator or admin, not %s%s", where, describe(k), didYouMean(k.Value, actorNames[:]))
		return Instruction{}, false
	}
	text, ok := l.str(val, "the "+k.Value+" step of "+where)
	return Instruction{Who: Actor(who), Text: text}, ok
}

// settings reads a choice's sets: the facts its answer establishes. The
// names and types are checked against the catalog in validate.
func (l *loader) settings(v *yaml.Node, where string) []setting {
	what := "sets of a choice of " + where
	if !l.mapping(v, what) {
		return nil
	}
	var out []setting
	l.fields(v, what, func(k, v *yaml.Node) {
		st := setting{fact: k.Value, factPos: pos(k), vaPos: pos(v)}
		if v.Kind == yaml.SequenceNode {
			var list []string
			for _, item := range v.Content {
				if s, ok := l.str(resolve(item), "each item of "+k.Value); ok {
					list = append(list, s)
				}
			}
			st.value = list
		} else if sv, ok := l.scalarValue(v, "the value of "+k.Value); ok {
			st.value = sv
		} else {
			return
		}
		out = append(out, st)
	})
	return out
}

// when reads a choice's when: in its plain form (a condition, or a list
// of conditions that must all hold) or its any form, a mapping whose only
// key is any.
func (l *loader) when(v *yaml.Node) When {
	if v.Kind == yaml.MappingNode && hasKey(v, "any") {
		return l.anyOf(v)
	}
	return All(l.conditions(v)...)
}

// anyOf reads `when: { any: [ ... ] }`: each alternative is a condition or
// a list of conditions that must all hold. A group with a broken condition
// is dropped whole, so that it never holds more widely than written (the
// error stops the tree loading anyway).
func (l *loader) anyOf(m *yaml.Node) When {
	var w When
	l.fields(m, "a when", func(k, v *yaml.Node) {
		if k.Value != "any" {
			l.e.add(pos(k), "a when with any: has no other key: move %q into one of its alternatives", k.Value)
			return
		}
		if !l.sequence(v, "any") {
			return
		}
		if len(v.Content) == 0 {
			l.e.add(pos(v), "any lists no alternatives: give it at least one condition, or remove the when")
			return
		}
		for _, item := range v.Content {
			item = resolve(item)
			var (
				group []Condition
				ok    = true
			)
			switch item.Kind {
			case yaml.MappingNode:
				var c Condition
				c, ok = l.condition(item)
				group = []Condition{c}
			case yaml.SequenceNode:
				if len(item.Content) == 0 {
					l.e.add(pos(item), "an alternative of any is an empty list: give it a condition, or remove it")
					continue
				}
				for _, sub := range item.Content {
					sub = resolve(sub)
					if sub.Kind == yaml.SequenceNode {
						l.e.add(pos(sub), "a list inside an alternative of any must hold conditions, not another list: any nests one level")
						ok = false
						continue
					}
					c, good := l.condition(sub)
					ok = ok && good
					group = append(group, c)
				}
			default:
				l.e.add(pos(item), "each alternative of any is a condition or a list of conditions, not %s", describe(item))
				continue
			}
			if ok {
				w.Groups = append(w.Groups, group)
			}
		}
	})
	return w
}

// hasKey reports whether mapping m has the key name.
func hasKey(m *yaml.Node, name string) bool {
	for n := range len(m.Content) / 2 {
		if k := resolve(m.Content[2*n]); k.Kind == yaml.ScalarNode && k.Value == name {
			return true
		}
	}
	return false
}

func (l *loader) conditions(v *yaml.Node) []Condition {
	if v.Kind == yaml.SequenceNode {
		var out []Condition
		for _, item := range v.Content {
			if c, ok := l.condition(resolve(item)); ok {
				out = append(out, c)
			}
		}
		return out
	}
	if c, ok := l.condition(v); ok {
		return []Condition{c}
	}
	return nil
}

func (l *loader) condition(v *yaml.Node) (Condition, bool) {
	c := Condition{Pos: pos(v)}
	if !l.mapping(v, "a when condition") {
		return c, false
	}
	ops, unknown := 0, false
	l.fields(v, "a when condition", func(k, v *yaml.Node) {
		switch k.Value {
		case "any":
			unknown = true
			l.e.add(pos(k), "any nests one level: it is the only key of a choice's when (`when: { any: [...] }`), not part of a condition")
		case "fact":
			c.Fact, _ = l.str(v, "when fact")
			c.factPos = pos(v)
		case "is", "lt", "gt", "exists":
			ops++
			c.Op = Op(k.Value)
			c.opPos = pos(v)
			if sv, ok := l.scalarValue(v, k.Value); ok {
				c.Values = []any{sv}
			}
		case "in":
			ops++
			c.Op = OpIn
			c.opPos = pos(v)
			if !l.sequence(v, "in") {
				return
			}
			for _, item := range v.Content {
				if sv, ok := l.scalarValue(resolve(item), "each item of in"); ok {
					c.Values = append(c.Values, sv)
				}
			}
		default:
			unknown = true
			l.unknownKey(k, "a when condition", condKeys)
		}
	})
	if unknown {
		return c, false // the key reported says what is wrong; a second message would not
	}
	if c.Fact == "" {
		l.e.add(c.Pos, "a when condition needs a fact (`fact: http.status`)")
		return c, false
	}
	if ops != 1 {
		l.e.add(c.Pos, "a when condition needs exactly one test: is, in, exists, lt or gt")
		return c, false
	}
	return c, len(c.Values) > 0
}

// scalarValue reads a YAML scalar as bool, int or string, as its tag says.
func (l *loader) scalarValue(v *yaml.Node, what string) (any, bool) {
	if v.Kind != yaml.ScalarNode {
		l.e.add(pos(v), "%s must be a single value, not %s", what, describe(v))
		return nil, false
	}
	switch v.Tag {
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(v.Value))
		if err != nil {
			b = strings.EqualFold(v.Value, "yes") || strings.EqualFold(v.Value, "on")
		}
		return b, true
	case "!!int":
		if n, err := strconv.Atoi(v.Value); err == nil {
			return n, true
		}
		l.e.add(pos(v), "%s %q is too large a number", what, v.Value)
		return nil, false
	case "!!null":
		l.e.add(pos(v), "%s has no value", what)
		return nil, false
	}
	return v.Value, true
}

func (l *loader) flows(v *yaml.Node) []Flow {
	if !l.sequence(v, "flows") {
		return nil
	}
	var out []Flow
	for _, item := range v.Content {
		item = resolve(item)
		f := Flow{Pos: pos(item)}
		if !l.mapping(item, "a flow") {
			continue
		}
		l.fields(item, "a flow", func(k, v *yaml.Node) {
			switch k.Value {
			case "id":
				f.ID, _ = l.str(v, "flow id")
			case "title":
				f.Title, _ = l.str(v, "flow title")
			case "start":
				f.Start, _ = l.str(v, "flow start")
				f.startPos = pos(v)
			case "description":
				f.Description, _ = l.str(v, "flow description")
			default:
				l.unknownKey(k, "a flow", flowKeys)
			}
		})
		if f.ID == "" || f.Start == "" || f.Title == "" {
			l.e.add(f.Pos, "a flow needs id, title and start")
			continue
		}
		out = append(out, f)
	}
	return out
}

func (l *loader) scenarios(v *yaml.Node) []Scenario {
	if !l.sequence(v, "scenarios") {
		return nil
	}
	var out []Scenario
	for _, item := range v.Content {
		item = resolve(item)
		s := Scenario{Pos: pos(item), Probes: map[string]string{}}
		if !l.mapping(item, "a scenario") {
			continue
		}
		l.fields(item, "a scenario", func(k, v *yaml.Node) {
			switch k.Value {
			case "id":
				s.ID, _ = l.str(v, "scenario id")
			case "title":
				s.Title, _ = l.str(v, "scenario title")
			case "teaches":
				s.Teaches, _ = l.str(v, "scenario teaches")
			case "probes":
				if !l.mapping(v, "scenario probes") {
					return
				}
				l.fields(v, "scenario probes", func(k, v *yaml.Node) {
					if _, known := l.cat[k.Value]; !known {
						l.e.add(pos(k), "scenario probes names unknown probe %q%s", k.Value, didYouMean(k.Value, l.probeNames()))
						return
					}
					s.Probes[k.Value], _ = l.str(v, "the canned input of probe "+k.Value)
				})
			case "expect":
				if !l.sequence(v, "scenario expect") {
					return
				}
				for _, it := range v.Content {
					it = resolve(it)
					if id, ok := l.str(it, "each step of expect"); ok {
						s.Expect = append(s.Expect, id)
						s.ExpectPos = append(s.ExpectPos, pos(it))
					}
				}
			case "replies":
				s.Replies, s.ReplyAnswers, s.replyPos = l.replies(v)
			default:
				l.unknownKey(k, "a scenario", scenarioKeys)
			}
		})
		if s.ID == "" || s.Title == "" {
			l.e.add(s.Pos, "a scenario needs an id and a title")
			continue
		}
		if len(s.Expect) == 0 {
			l.e.add(s.Pos, "scenario %q has no expect: list the node ids its walk should visit, start to outcome", s.ID)
			continue
		}
		out = append(out, s)
	}
	return out
}

// replies reads a scenario's replies: node id to the user's words, either
// as text or as { says: words, answer: label } when the words alone do not
// say which of two answers leading on they mean. Answers are checked
// against the nodes in validate.
func (l *loader) replies(v *yaml.Node) (words, answers map[string]string, at map[string][2]Pos) {
	if !l.mapping(v, "scenario replies") {
		return nil, nil, nil
	}
	words, answers, at = map[string]string{}, map[string]string{}, map[string][2]Pos{}
	l.fields(v, "scenario replies", func(k, v *yaml.Node) {
		where := "the reply at " + k.Value
		if v.Kind != yaml.MappingNode {
			if text, ok := l.str(v, where); ok {
				words[k.Value] = text
				at[k.Value] = [2]Pos{pos(k), pos(v)}
			}
			return
		}
		var says, answer string
		var answerPos Pos
		l.fields(v, where, func(f, v *yaml.Node) {
			switch f.Value {
			case "says":
				says, _ = l.str(v, "what the user says at "+k.Value)
			case "answer":
				answer, _ = l.str(v, "the answer at "+k.Value)
				answerPos = pos(v)
			default:
				l.unknownKey(f, where, replyKeys)
			}
		})
		if says == "" {
			l.e.add(pos(v), "%s needs says: what the user says there, in their words", where)
			return
		}
		words[k.Value] = says
		at[k.Value] = [2]Pos{pos(k), pos(v)}
		if answer != "" {
			answers[k.Value] = answer
			at[k.Value] = [2]Pos{pos(k), answerPos}
		}
	})
	return words, answers, at
}

func (l *loader) probeNames() []string {
	names := make([]string, 0, len(l.cat))
	for n := range l.cat {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// resolve is the node an alias stands for, or n itself. One step is
// enough: YAML puts no anchor on an alias, so what an alias names is never
// an alias (yaml.v3 refuses "&x *y").
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		v := n.Value
		if len(v) > 30 {
			v = v[:30] + "…"
		}
		return fmt.Sprintf("%q", v)
	case yaml.AliasNode:
		return "an alias"
	}
	return "an empty value"
}
