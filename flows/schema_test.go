package flows

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"deskside/probes"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("../flows.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("flows.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("flows.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSON reads a YAML tree into the value a JSON decoder would make.
func asJSON(t *testing.T, path string) (any, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, false // not YAML at all: nothing for a schema to say
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out, true
}

// TestSchemaAcceptsGoodTrees validates the default tree and every good
// test tree against flows.schema.json.
func TestSchemaAcceptsGoodTrees(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("../testdata/flows/good/*.yaml")
	files = append(files, "../flows.yaml")
	for _, f := range files {
		v, ok := asJSON(t, f)
		if !ok {
			t.Fatalf("%s is not YAML", f)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestSchemaRejectsStructuralErrors checks that each bad tree whose
// problem is structural fails the schema, and the others, whose problems
// only validate can see, pass it.
func TestSchemaRejectsStructuralErrors(t *testing.T) {
	structural := map[string]bool{
		"unknown-key.yaml": true, "missing-start.yaml": true, "unknown-kind.yaml": true, "no-way-out.yaml": true,
		"outcome-with-choices.yaml": true, "outcome-no-result.yaml": true, "unknown-probe.yaml": true, "empty.yaml": true,
		"several.yaml":       true,
		"unknown-start.yaml": false, "unknown-next.yaml": false, "unreachable.yaml": false, "unknown-fact.yaml": false,
		"scenario-path.yaml": false, "unknown-fact-no-probe.yaml": false, "when-type.yaml": false, "when-any.yaml": true, "loop.yaml": false,
		"loop-back.yaml": false, "unreachable-flows.yaml": false, "steps.yaml": true, "sets.yaml": false, "replies.yaml": false,
	}
	s := compileSchema(t)
	for name, want := range structural {
		v, ok := asJSON(t, filepath.Join("..", "testdata", "flows", "bad", name))
		if !ok {
			t.Fatalf("%s is not YAML", name)
		}
		if err := s.Validate(v); (err != nil) != want {
			t.Errorf("%s: schema error %v, want failure %v", name, err, want)
		}
	}
}

// TestSchemaMatchesLoader keeps the hand-written schema in step with the
// loader: the same keys everywhere, the same kinds, results, inputs and
// probe names.
func TestSchemaMatchesLoader(t *testing.T) {
	data, err := os.ReadFile("../flows.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	// at follows a path of keys (and list indexes) into the schema.
	at := func(path ...any) any {
		var v any = schema
		for _, p := range path {
			switch k := p.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v
	}
	keys := func(v any) []string {
		var out []string
		for k := range v.(map[string]any) {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	enum := func(v any) []string {
		var out []string
		for _, e := range v.(map[string]any)["enum"].([]any) {
			out = append(out, e.(string))
		}
		sort.Strings(out)
		return out
	}
	values := func(m map[Kind]string) []string {
		var out []string
		for _, v := range m {
			out = append(out, v)
		}
		return out
	}
	check := func(what string, got, want []string) {
		want = slices.Clone(want)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema has %v, loader has %v", what, got, want)
		}
	}
	check("top-level keys", keys(at("properties")), topKeys)
	check("node keys", keys(at("$defs", "node", "properties")), nodeKeys)
	check("choice keys", keys(at("$defs", "choice", "properties")), choiceKeys)
	check("condition keys", keys(at("$defs", "condition", "properties")), condKeys)
	check("flow keys", keys(at("$defs", "flow", "properties")), flowKeys)
	check("scenario keys", keys(at("$defs", "scenario", "properties")), scenarioKeys)
	check("step actors", keys(at("$defs", "step", "oneOf", 1, "properties")), actorNames[:])
	check("probe keys", keys(at("$defs", "probe", "oneOf", 1, "properties")), probeKeys)
	check("probe inputs", enum(at("$defs", "probe", "oneOf", 1, "properties", "input")), []string{"paste", "run", "auto"})
	check("probe names", enum(at("$defs", "probeName")), probes.Builtin().Names())
	check("kinds", enum(at("$defs", "node", "properties", "kind")), values(kindNames))
	var results []string
	for _, r := range resultNames {
		results = append(results, r)
	}
	check("results", enum(at("$defs", "node", "properties", "result")), results)
}
