package probes

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// fuzzProbe feeds a probe arbitrary text, seeded with the real samples in
// testdata/probes. A probe must never panic, must always say something,
// and must only set facts it declares.
func fuzzProbe(f *testing.F, p Probe, dirs ...string) {
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "probes", d, "*"))
		for _, file := range files {
			if filepath.Ext(file) == ".source" {
				continue
			}
			if b, err := os.ReadFile(file); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Add("")
	f.Add("\x00\xff\xfe")
	declared := map[string]FactType{}
	for _, s := range p.Facts() {
		declared[s.Name] = s.Type
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := p.Run(context.Background(), Input{Text: in, Now: clock, OS: "linux"})
		if r.Status < StatusOK || r.Status > StatusError {
			t.Fatalf("status %d", r.Status)
		}
		checkDeclared(t, r, declared)
	})
}

func FuzzJWT(f *testing.F)         { fuzzProbe(f, JWT{}, "jwt", "sdk", "real") }
func FuzzAADSTS(f *testing.F)      { fuzzProbe(f, AADSTS{}, "aadsts", "sdk", "real") }
func FuzzHTTPStatus(f *testing.F)  { fuzzProbe(f, HTTPStatus{}, "httpstatus", "sdk", "aadsts", "real") }
func FuzzClock(f *testing.F)       { fuzzProbe(f, Clock{}, "clock", "httpstatus", "aadsts", "real") }
func FuzzDsregcmd(f *testing.F)    { fuzzProbe(f, Dsregcmd{}, "dsregcmd") }
func FuzzCredentials(f *testing.F) { fuzzProbe(f, Credentials{}, "credentials") }
func FuzzOneDrive(f *testing.F)    { fuzzProbe(f, OneDrive{}, "credentials") }
func FuzzClientError(f *testing.F) { fuzzProbe(f, ClientError{}, "clienterror") }

// FuzzReadAny reads arbitrary text with every check, seeded with every
// sample class: ReadAny must not panic, and each reading must be one that
// recognised something and that sets only declared facts.
func FuzzReadAny(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "probes", "*", "*"))
	for _, file := range files {
		if filepath.Ext(file) == ".source" {
			continue
		}
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("Thursday, November 19, 2026 10:01:00 AM")
	f.Add("\x00\xff\xfe")
	ps := Builtin().All()
	declared := map[string]FactType{}
	for _, p := range ps {
		for _, s := range p.Facts() {
			declared[s.Name] = s.Type
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, r := range ReadAny(context.Background(), ps, Input{Text: in, Now: clock, OS: "linux"}) {
			if r.Result.Status == StatusError || r.Result.Status == StatusUnavailable {
				t.Fatalf("%s: a reading with status %s", r.Probe, r.Result.Status)
			}
			checkDeclared(t, r.Result, declared)
		}
	})
}
