package flows

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// aliasTree writes a valid tree whose escalate outcome's packet aliases a
// text of textLen bytes n times.
func aliasTree(textLen, n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ntitle: aliases\nstart: ask\nnodes:\n  ask:\n    kind: question\n    title: &big \"")
	b.WriteString(strings.Repeat("x", textLen))
	b.WriteString("\"\n    choices:\n      - { label: A, next: done }\n      - { label: B, next: esc }\n")
	b.WriteString("  done: { kind: outcome, title: D, result: resolved, summary: S }\n")
	b.WriteString("  esc:\n    kind: outcome\n    title: E\n    result: escalate\n    summary: S\n    packet: [")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("*big")
	}
	b.WriteString("]\n")
	return []byte(b.String())
}

// TestTreeCaps checks the size and alias-expansion caps at their limits.
func TestTreeCaps(t *testing.T) {
	small := []byte("version: 1\ntitle: t\nstart: done\nnodes:\n  done: { kind: outcome, title: D, result: resolved, summary: S }\n")
	pad := func(to int) []byte {
		b := append([]byte{}, small...)
		b = append(b, '#')
		return append(b, strings.Repeat("p", to-len(b)-1)+"\n"...)
	}
	bomb := aliasTree(85_000, 5_000) // 115 KB, 425 MB expanded
	if len(bomb) > 116_000 {
		t.Fatalf("the alias tree is %d bytes", len(bomb))
	}
	// The 98th alias crosses 8 MiB: the anchored title and the other text
	// count once (85,000 bytes and a little), then each alias adds 85,000.
	bombPos := fmt.Sprintf("bomb.yaml:17:%d:", len("    packet: [")+1+97*len("*big, "))
	cases := map[string]struct {
		data []byte
		want string // "" means it loads
	}{
		"exactly the size cap loads":   {pad(MaxTreeBytes), ""},
		"one byte over the size cap":   {pad(MaxTreeBytes + 1), "over.yaml:1:1: the file is 4.0 MiB, over the 4 MiB limit for a tree file: is it the right file?"},
		"an alias bomb":                {bomb, bombPos + " the alias *big takes the tree's text past the 8 MiB limit (each alias repeats all the text its anchor names): use fewer aliases or shorter anchored text"},
		"a few aliases load":           {aliasTree(1_000, 50), ""},
		"nested aliases":               {[]byte("version: 1\na: &a [\"" + strings.Repeat("l", 1000) + "\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"), "nested.yaml:6:26: the alias *d takes the tree's text past the 8 MiB limit (each alias repeats all the text its anchor names): use fewer aliases or shorter anchored text"},
		"an alias to its own ancestor": {[]byte("version: 1\nnodes: &a [*a]\n"), "self.yaml:1:1: missing start: name the node the walk begins at (`start: triage`)"},
	}
	names := map[string]string{"one byte over the size cap": "over.yaml", "an alias bomb": "bomb.yaml", "nested aliases": "nested.yaml", "an alias to its own ancestor": "self.yaml"}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			file := names[name]
			if file == "" {
				file = "ok.yaml"
			}
			start := time.Now()
			_, err := Parse(file, tc.data, catalog())
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			got := ""
			if err != nil {
				got = strings.SplitN(err.Error(), "\n", 2)[0]
			}
			if got != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestLoadFileRefuses checks that only regular files within the size cap
// are read, each refusal saying why.
func TestLoadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxTreeBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cases := map[string]struct {
		path string
		is   error
		want string
	}{
		"a folder":  {dir, ErrNotRegular, "flows: a tree file must be a regular file: " + dir + " is a folder"},
		"too large": {big, ErrTreeTooBig, "flows: the tree file is too large: " + big + " is 4.0 MiB, over the 4 MiB limit"},
		"missing":   {filepath.Join(dir, "none.yaml"), os.ErrNotExist, "flows: cannot read the tree file: open " + filepath.Join(dir, "none.yaml") + ": no such file or directory"},
	}
	if _, err := os.Stat(os.DevNull); err == nil && filepath.IsAbs(os.DevNull) {
		cases["a device"] = struct {
			path string
			is   error
			want string
		}{os.DevNull, ErrNotRegular, "flows: a tree file must be a regular file: " + os.DevNull + " is a device"}
	}
	for name, tc := range cases {
		_, err := LoadFile(tc.path, catalog())
		if !errors.Is(err, tc.is) || err.Error() != tc.want {
			t.Errorf("%s: %v, want %q (%v)", name, err, tc.want, tc.is)
		}
	}
}

func TestSizeText(t *testing.T) {
	cases := map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1<<20 - 1: "1023 KiB", 1 << 20: "1 MiB", 1<<20 + 1<<19: "1.5 MiB", 4 << 20: "4 MiB"}
	for n, want := range cases {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestGeneratedTreeSizes keeps the benchmarks' trees on the right side of
// the size cap: 10k nodes load, 100k nodes are refused.
func TestGeneratedTreeSizes(t *testing.T) {
	if n := len(generatedTree(10_000)); n > MaxTreeBytes {
		t.Errorf("the 10k-node tree is %d bytes, over the cap", n)
	}
	if n := len(generatedTree(100_000)); n <= MaxTreeBytes {
		t.Errorf("the 100k-node tree is %d bytes, under the cap", n)
	}
}

// TestReadTreeAtTheCap: a file of exactly MaxTreeBytes is within the cap
// and read to its last byte.
func TestReadTreeAtTheCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("x"), MaxTreeBytes-1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, err := readTree(path)
	if err != nil {
		t.Fatalf("a file at the cap: %v", err)
	}
	if len(data) != MaxTreeBytes || data[len(data)-1] != 'x' {
		t.Errorf("read %d bytes ending %q, want %d ending 'x'", len(data), data[len(data)-1:], MaxTreeBytes)
	}
}
