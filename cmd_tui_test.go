package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestWizardClaimsNoLogOnlyWhenAsked: a training run keeps no log unless
// --log-dir is given, but the operator never passed --no-log, so the
// screen must not say they did.
func TestWizardClaimsNoLogOnlyWhenAsked(t *testing.T) {
	a := newApp(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	for _, tc := range []struct {
		noLog bool
		want  string
	}{
		{true, "none kept (--no-log)"},
		{false, "none kept (training keeps a log only with --log-dir)"},
	} {
		z := &wizard{a: a, noLog: tc.noLog}
		o := z.options("", "")
		if o.LogLabel != tc.want || o.NoLog != tc.noLog {
			t.Errorf("--no-log %v: label %q, NoLog %v", tc.noLog, o.LogLabel, o.NoLog)
		}
	}
}
