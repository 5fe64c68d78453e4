package probes

import (
	"context"
	"runtime"
	"strings"
	"testing"
)

// TestNamesOutOfRange: a status or fact type no name is written as its
// number, never as a neighbour's name or a crash.
func TestNamesOutOfRange(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{StatusError.String(), "error"},
		{Status(5).String(), "status(5)"},
		{Status(-1).String(), "status(-1)"},
		{FactBool.String(), "bool"},
		{FactStrings.String(), "strings"},
		{FactType(4).String(), "facttype(4)"},
		{FactType(-1).String(), "facttype(-1)"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestUnreadablePasteIsDescribedWithoutSecrets pins what the summary says
// of a paste a check cannot read: how long it is and its first plain
// words (about 24 characters, each word at most 14), never a word that
// could be a key, and "…" when more follows.
func TestUnreadablePasteIsDescribedWithoutSecrets(t *testing.T) {
	cases := map[string]struct{ input, want string }{
		"nothing":                             {"", "but got nothing."},
		"words up to 24 characters":           {"The user says OneDrive is slow today.", `but got 37 characters starting "The user says OneDrive"….`},
		"exactly 24 characters of words":      {"Please sign in again now to keep working", `but got 40 characters starting "Please sign in again now"….`},
		"all of a short paste, no mark":       {"Sign-in failed", `but got 14 characters starting "Sign-in failed".`},
		"a 14-letter word is shown":           {"Authentication failed", `but got 21 characters starting "Authentication failed".`},
		"a 15-letter word is not":             {"Troubleshooting sign-in", "but got 23 characters not shown here, in case it is a secret."},
		"a word of letters and digits is not": {"s3cr3tPassw0rd", "but got 14 characters not shown here, in case it is a secret."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := AADSTS{}.Run(context.Background(), Input{Text: tc.input, Now: clock})
			if r.Status != StatusError || !strings.HasSuffix(r.Summary, tc.want) {
				t.Errorf("got %s %q, want it to end %q", r.Status, r.Summary, tc.want)
			}
		})
	}
}

// canRunProbe is a probe that only describes itself.
type canRunProbe struct{ d Description }

func (canRunProbe) Name() string                      { return "fake" }
func (p canRunProbe) Describe() Description           { return p.d }
func (canRunProbe) Facts() []FactSpec                 { return nil }
func (canRunProbe) Run(context.Context, Input) Result { return Result{} }

// TestCanRun pins which probes read this PC by themselves: those with a
// program, on the OS it exists on.
func TestCanRun(t *testing.T) {
	other := "windows"
	if runtime.GOOS == "windows" {
		other = "linux"
	}
	for _, tc := range []struct {
		name string
		d    Description
		goos string
		want bool
	}{
		{"paste only", Description{Paste: "the error"}, "windows", false},
		{"a program on any OS", Description{Program: "whoami"}, "linux", true},
		{"a Windows program on Windows", Description{Program: "dsregcmd /status", OnlyOS: "windows"}, "windows", true},
		{"a Windows program on Linux", Description{Program: "dsregcmd /status", OnlyOS: "windows"}, "linux", false},
		{"this machine's OS when none is given", Description{Program: "x", OnlyOS: runtime.GOOS}, "", true},
		{"another OS than this machine's", Description{Program: "x", OnlyOS: other}, "", false},
	} {
		if got := CanRun(canRunProbe{tc.d}, tc.goos); got != tc.want {
			t.Errorf("%s: CanRun = %v, want %v", tc.name, got, tc.want)
		}
	}
}
