package session

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
)

// TestRebuildNamesWhyItCannotContinue: a log whose path does not fit the
// tree says whether the tree changed since (resume with the original tree
// file) or the log itself is inconsistent.
func TestRebuildNamesWhyItCannotContinue(t *testing.T) {
	tree, err := flows.Parse("t.yaml", []byte(`version: 1
title: T
start: ask
nodes:
  ask:
    kind: question
    title: Ask?
    choices:
      - { label: "Fixed", next: done }
  done: { kind: outcome, title: Done, result: resolved, summary: Done. }
`), flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	for sha, want := range map[string]string{
		tree.SHA256: "does not replay onto its own tree at entry 2",
		"0123abcd":  "recorded with another version of the tree, and its path no longer fits it (line 2",
	} {
		text := `{"seq":1,"ts":"2026-11-23T09:30:00.000Z","type":"session-start","session":{"version":"0.1.0","tree_sha256":"` + sha + `","start_node":"ask"}}` + "\n" +
			`{"seq":2,"ts":"2026-11-23T09:31:00.000Z","type":"answer","node":"elsewhere","label":"Fixed","next":"done"}` + "\n"
		l, err := Read(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := Rebuild(tree, l, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("tree sha %s: error %v, want one saying %q", sha, err, want)
		}
	}
}

// TestListRecentKeepsTheNewest: the start screen's short list holds the n
// newest sessions, newest first; sessions started in the same second are
// ordered by file name, the later first.
func TestListRecentKeepsTheNewest(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	for i, ticket := range []string{"INC1", "INC2", "INC3", "INC4"} {
		start := at.Add(time.Duration(min(i, 2)) * time.Hour) // INC3 and INC4 start together
		j, err := Create(dir, Start{Ticket: ticket, StartNode: "ask"}, start)
		if err != nil {
			t.Fatal(err)
		}
		must(t, j.Close())
	}
	for n, want := range map[int][]string{0: {"INC4", "INC3", "INC2", "INC1"}, 3: {"INC4", "INC3", "INC2"}, 4: {"INC4", "INC3", "INC2", "INC1"}, 9: {"INC4", "INC3", "INC2", "INC1"}} {
		list, err := ListRecent(dir, n)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range list {
			got = append(got, l.Ticket)
			if filepath.Dir(l.Path) != dir || l.Problem != "" {
				t.Errorf("listing %+v", l)
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("ListRecent(%d) = %v, want %v", n, got, want)
		}
	}
}
