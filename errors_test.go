package main

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

func TestOperatorMessage(t *testing.T) {
	notExist := &fs.PathError{Op: "open", Path: "nope.yaml", Err: syscall.ENOENT}
	cases := map[string]struct {
		err  error
		want string
	}{
		"package prefixes and the system call go": {
			err:  fmt.Errorf("flows: cannot read the tree file: %w", notExist),
			want: "Cannot read the tree file: nope.yaml does not exist. Check the path and run the command again."},
		"a prefix after another message goes too": {
			err:  fmt.Errorf("resume: session: no line: %w", errors.New("x")),
			want: "Resume: no line: x."},
		"permission denied says what to do": {
			err:  fmt.Errorf("session: cannot open the log: %w", &fs.PathError{Op: "open", Path: "/root/a.jsonl", Err: syscall.EACCES}),
			want: "Cannot open the log: permission to /root/a.jsonl is denied. Check the file's permissions, or choose another path."},
		"a folder where a file was wanted": {
			err:  fmt.Errorf("flows: cannot read the tree file: %w", &fs.PathError{Op: "read", Path: "testdata", Err: syscall.EISDIR}),
			want: "Cannot read the tree file: testdata is a folder, not a file."},
		"advice already given is not repeated": {
			err:  fmt.Errorf("session: cannot create the log folder: %w. Choose another with --log-dir", &fs.PathError{Op: "mkdir", Path: "/x", Err: syscall.ENOENT}),
			want: "Cannot create the log folder: /x does not exist. Choose another with --log-dir."},
		"a file name keeps its case": {
			err:  errors.New("flows.yaml: this is not a deskside session log"),
			want: "flows.yaml: this is not a deskside session log."},
		"a composed error is shown as composed": {
			err:  tell(errors.New("flows: deep"), "the tree file is too large", "split it or raise nothing"),
			want: "The tree file is too large. Split it or raise nothing."},
		"a composed error deep in the chain wins": {
			err:  fmt.Errorf("session: %w", tell(errors.New("x"), "what happened", "what to do")),
			want: "What happened. What to do."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := operatorMessage(tc.err); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestLogDirErrorKeepsTheCause(t *testing.T) {
	cause := &fs.PathError{Op: "mkdir", Path: "/dev/null/x", Err: syscall.ENOTDIR}
	err := logDirError(fmt.Errorf("session: cannot create the log folder /dev/null/x: %w", cause))
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Error("the system error is no longer wrapped")
	}
	want := "Cannot create the log folder /dev/null/x: part of /dev/null/x is a file, not a folder. Choose a folder that can be written with --log-dir, or run without a log with --no-log."
	if got := operatorMessage(err); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
