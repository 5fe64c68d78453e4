package session

import (
	"bytes"
	"os"
	"path/filepath"
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
