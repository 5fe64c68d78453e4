package session

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// BenchmarkAppend measures one event written and fsynced to a real file.
func BenchmarkAppend(b *testing.B) {
	j, err := Create(b.TempDir(), Start{Version: "bench"}, sessionStart)
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	ev := flows.Event{Type: flows.EventNote, At: sessionStart, Node: "od-method-1", Text: "user restarted OneDrive"}
	for b.Loop() {
		if err := j.Append(ev); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport500 renders a 500-event session in each format.
func BenchmarkExport500(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	j := NewJournal(f, path, 0)
	must(b, j.AppendEntry(Entry{TS: Stamp(sessionStart), Event: flows.Event{Type: EventStart}, Start: &Start{Version: "bench", StartNode: "triage"}}))
	at := sessionStart
	for i := 0; len(j.pending) == 0 && i < 100; i++ {
		at = at.Add(7 * time.Second)
		node := fmt.Sprintf("step-%d", i)
		must(b, j.Append(
			flows.Event{Type: flows.EventStep, At: at, Node: node, Title: "Step " + node},
			flows.Event{Type: flows.EventProbe, At: at, Node: node, Probe: "httpstatus", Input: "HTTP/1.1 401 Unauthorized",
				Result: &probes.Result{Status: probes.StatusFail, Summary: "HTTP 401", Facts: map[string]any{"http.status": 401, "http.request_id": "5d0a4c9e-7a51-4c8b-9d62-1f0e7b3a2c11"}}},
			flows.Event{Type: flows.EventNote, At: at, Node: node, Text: "the user read the message aloud"},
			flows.Event{Type: flows.EventAnswer, At: at, Node: node, Label: "Still failing", Next: fmt.Sprintf("step-%d", i+1)},
			flows.Event{Type: flows.EventBack, At: at, Node: node},
		))
	}
	must(b, j.Close())
	l, err := ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(l.Entries)), "events")
	for _, format := range []Format{FormatMarkdown, FormatJSON, FormatText} {
		b.Run(string(format), func(b *testing.B) {
			for b.Loop() {
				l, _ := ReadFile(path)
				if _, _, err := Export(Summarize(l), format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// --mask-users copies the summary and reads the output once more.
	b.Run("md-masked", func(b *testing.B) {
		for b.Loop() {
			l, _ := ReadFile(path)
			if _, _, err := ExportWith(Summarize(l), FormatMarkdown, ExportOptions{MaskUsers: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
