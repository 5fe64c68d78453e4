package flows

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"deskside/probes"
)

// factUse is one fact name written in Go source, with the type a type
// assertion on it expects ("" when the use does not say).
type factUse struct {
	name string
	typ  string
	at   string
}

var factLiteral = regexp.MustCompile(`^([a-z_]+)\.[a-z0-9_]+$`)

// factUses finds the string literals in src that look like fact names
// (a declared prefix, a dot, a word) and, for `m["name"].(T)`, the T.
func factUses(t *testing.T, file string, src []byte, prefixes map[string]bool) []factUse {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	asserted := map[*ast.BasicLit]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		ta, ok := n.(*ast.TypeAssertExpr)
		if !ok || ta.Type == nil {
			return true
		}
		if ix, ok := ta.X.(*ast.IndexExpr); ok {
			if lit, ok := ix.Index.(*ast.BasicLit); ok {
				asserted[lit] = types(ta.Type)
			}
		}
		return true
	})
	var out []factUse
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			return true
		}
		if m := factLiteral.FindStringSubmatch(s); m != nil && prefixes[m[1]] {
			out = append(out, factUse{name: s, typ: asserted[lit], at: fset.Position(lit.Pos()).String()})
		}
		return true
	})
	return out
}

func types(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.ArrayType:
		return "[]" + types(x.Elt)
	}
	return ""
}

var goTypeOf = map[probes.FactType]string{probes.FactBool: "bool", probes.FactInt: "int", probes.FactString: "string", probes.FactStrings: "[]string"}

// declaredFacts is every fact a probe or the engine declares. A name two
// probes declare with different types is an error of its own.
func declaredFacts(t *testing.T) map[string]probes.FactSpec {
	t.Helper()
	all := map[string]probes.FactSpec{}
	for _, p := range probes.Builtin().All() {
		for _, s := range p.Facts() {
			if old, ok := all[s.Name]; ok && old.Type != s.Type {
				t.Errorf("fact %s is declared as %s and as %s", s.Name, old.Type, s.Type)
			}
			all[s.Name] = s
		}
	}
	for _, s := range engineSpecs() {
		if _, ok := all[s.Name]; ok {
			t.Errorf("fact %s is declared by a probe and by the engine", s.Name)
		}
		all[s.Name] = s
	}
	return all
}

// TestFactNamesAreDeclared checks that every fact name the engine, the
// session package and the default tree use is declared by a probe's
// Facts() or by the engine, with the type the use expects: fact names are
// a contract between packages that the compiler cannot check.
func TestFactNamesAreDeclared(t *testing.T) {
	declared := declaredFacts(t)
	prefixes := map[string]bool{}
	for name := range declared {
		prefix, _, _ := strings.Cut(name, ".")
		prefixes[prefix] = true
	}
	var files []string
	for _, dir := range []string{".", "../session", "../tui"} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range fs {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	uses := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range factUses(t, f, src, prefixes) {
			uses++
			spec, ok := declared[u.name]
			switch {
			case !ok:
				t.Errorf("%s: fact %q is declared by no probe and not by the engine", u.at, u.name)
			case u.typ != "" && u.typ != goTypeOf[spec.Type]:
				t.Errorf("%s: fact %q is read as %s but declared %s", u.at, u.name, u.typ, spec.Type)
			}
		}
	}
	t.Logf("%d fact names in the Go sources", uses)
	if uses < 20 {
		t.Errorf("only %d fact names found in the Go sources: is the scan broken?", uses)
	}

	tree, err := LoadFile("../flows.yaml", catalog())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range tree.Order {
		for _, c := range tree.Nodes[id].Choices {
			for cond := range c.When.Conditions() {
				if _, ok := declared[cond.Fact]; !ok {
					t.Errorf("flows.yaml: node %s tests fact %q, which nothing declares", id, cond.Fact)
				}
			}
			for name, v := range c.Sets {
				spec, ok := declared[name]
				if _, fit := settable(spec.Type, v); !ok || !fit {
					t.Errorf("flows.yaml: node %s sets fact %q to %v, which does not fit its declaration", id, name, v)
				}
			}
		}
	}
}

// TestFactUsesScan checks the scan itself on a snippet: it must find an
// undeclared name and a mistyped read, and skip what is not a fact.
func TestFactUsesScan(t *testing.T) {
	src := `package x
func f(m map[string]any) {
	_ = m["http.status"].(string)
	_ = m["jwt.expird"]
	_ = "flows.yaml"
	_ = "HTTP.status"
}`
	got := factUses(t, "x.go", []byte(src), map[string]bool{"http": true, "jwt": true})
	names := make([]string, len(got))
	for i, u := range got {
		names[i] = u.name + ":" + u.typ
	}
	if want := []string{"http.status:string", "jwt.expird:"}; !slices.Equal(names, want) {
		t.Errorf("uses %v, want %v", names, want)
	}
}
