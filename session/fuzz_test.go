package session

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzRead feeds the journal reader arbitrary bytes, seeded with the
// journals in testdata/sessions (version 1) and testdata/sessions/v2.
// Reading, summarizing and exporting must never panic, and what was read
// must export in every format; the stats reader must not panic on the
// same bytes.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "sessions", "*.jsonl"))
	v2, _ := filepath.Glob(filepath.Join("..", "testdata", "sessions", "v2", "*.jsonl"))
	files = append(files, v2...)
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
			f.Add(b[:len(b)/2])
		}
	}
	f.Add([]byte(`{"seq":1,"ts":"2026-11-23T09:30:00Z","type":"session-start","session":{}}` + "\n" + `{"seq":2,"type":"back"}` + "\n"))
	r := newStatReader()
	f.Fuzz(func(t *testing.T, data []byte) {
		// The stats reader reads the same bytes without panicking.
		path := filepath.Join(t.TempDir(), "f.jsonl")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r.add(newTally(), path)
		l, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := Summarize(l)
		for _, format := range []Format{FormatMarkdown, FormatJSON, FormatText} {
			if _, _, err := Export(s, format); err != nil {
				t.Fatalf("%s export: %v", format, err)
			}
		}
	})
}

// FuzzRedactInserted inserts a generated secret, in one of the shapes
// people paste (secretGens), into arbitrary text at an arbitrary place,
// with line breaks scattered in the text, and checks that no part of the
// secret survives Redact. The seeds are the inputs of testdata/redact.
// (That a second pass changes nothing is checked on those inputs by
// TestRedactCases; with a secret inserted inside another token or quote,
// a second pass may mask a few more characters, never fewer.)
func FuzzRedactInserted(f *testing.F) {
	for i, tc := range readRedactCases(f) {
		f.Add(tc.Input, uint64(i), uint8(i), uint16(i*37), uint8(i))
	}
	f.Add("", uint64(0), uint8(0), uint16(0), uint8(0))
	f.Fuzz(func(t *testing.T, text string, seed uint64, shape uint8, pos uint16, breaks uint8) {
		r := rand.New(rand.NewPCG(seed, uint64(shape)))
		name := secretGenNames[int(shape)%len(secretGenNames)]
		snippet, secrets := secretGens[name](r)
		b := []byte(text)
		for range int(breaks % 8) {
			b = slices.Insert(b, r.IntN(len(b)+1), '\n')
		}
		text = string(b)
		at := int(pos) % (len(text) + 1)
		in := text[:at] + pick(r, " ", "\n", "\t", "\r\n") + snippet + pick(r, " ", "\n", "\r\n") + text[at:]
		out, _ := Redact(in)
		if leak := survivor(out, in, text, secrets); leak != "" {
			t.Fatalf("%s: %q survives\nsecrets %q\nin:  %q\nout: %q", name, leak, secrets, in, out)
		}
	})
}

// survivor returns a piece of a secret that is in out: the whole secret,
// or a run of ten of its characters that was in the input (a line break
// may cut the secret) but not in the text around it.
func survivor(out, in, around string, secrets []string) string {
	for _, sec := range secrets {
		if strings.Contains(out, sec) {
			return sec
		}
		const w = 10
		for i := 0; i+w <= len(sec); i++ {
			win := sec[i : i+w]
			if strings.Contains(in, win) && !strings.Contains(around, win) && strings.Contains(out, win) {
				return win
			}
		}
	}
	return ""
}
