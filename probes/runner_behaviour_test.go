package probes

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestCmdErrorMessages: the sentence an operator reads when a program on
// the PC failed. Only a real exit code (above 0) is reported as one.
func TestCmdErrorMessages(t *testing.T) {
	args := []string{"w32tm", "/query", "/status"}
	cases := []struct {
		name string
		err  CmdError
		want string
	}{
		{"exit code with stderr", CmdError{Args: args, ExitCode: 2, Stderr: "\r\nThe following error occurred: The service has not been started. (0x80070426)\r\nmore\r\n", Err: errors.New("exit status 2")},
			"w32tm /query /status exited with code 2: The following error occurred: The service has not been started. (0x80070426)"},
		{"exit code, nothing on stderr", CmdError{Args: args, ExitCode: 1, Stderr: " \n", Err: errors.New("exit status 1")},
			"w32tm /query /status exited with code 1"},
		{"did not run", CmdError{Args: args, ExitCode: -1, Err: errors.New("access denied")},
			"w32tm /query /status could not run: access denied"},
		{"exit code 0 is no exit failure", CmdError{Args: args, Err: errors.New("output pipe closed")},
			"w32tm /query /status could not run: output pipe closed"},
		{"stopped", CmdError{Args: args, ExitCode: -1, Err: context.DeadlineExceeded},
			"w32tm /query /status did not finish in time and was stopped"},
		{"missing", CmdError{Args: args, ExitCode: -1, Err: exec.ErrNotFound},
			"w32tm is not on this machine"},
	}
	for _, tc := range cases {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestExecRunnerProgramThatCannotStart: a file that is not executable
// never ran, so it has no exit code (-1) and the message says it could
// not run rather than naming a code.
func TestExecRunnerProgramThatCannotStart(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("execute permission is a Unix file mode")
	}
	path := filepath.Join(t.TempDir(), "w32tm")
	if err := os.WriteFile(path, []byte("#!/bin/sh\necho never\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ExecRunner{}.Run(context.Background(), path, "/query")
	var ce *CmdError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %#v, want a CmdError", err)
	}
	if ce.ExitCode != -1 || !strings.HasPrefix(err.Error(), path+" /query could not run: ") {
		t.Errorf("exit code %d, message %q", ce.ExitCode, err)
	}
	_, err = ExecRunner{}.Run(context.Background(), "deskside-no-such-program")
	if !errors.As(err, &ce) || ce.ExitCode != -1 {
		t.Errorf("a missing program: %#v, want exit code -1", err)
	}
}
