//go:build !windows

package probes

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestExecRunner(t *testing.T) {
	ctx := context.Background()
	t.Run("no shell interprets the arguments", func(t *testing.T) {
		arg := `$(touch /tmp/deskside-pwned); *; "quoted" | rev`
		out, err := ExecRunner{}.Run(ctx, "echo", arg)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); got != arg {
			t.Errorf("echo printed %q, want the argument untouched", got)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		start := time.Now()
		_, err := ExecRunner{Timeout: 100 * time.Millisecond}.Run(ctx, "sleep", "5")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want a deadline error", err)
		}
		if time.Since(start) > 3*time.Second {
			t.Errorf("the program was not stopped at the timeout")
		}
		if !strings.Contains(err.Error(), "did not finish in time") {
			t.Errorf("message %q", err)
		}
	})
	t.Run("missing program", func(t *testing.T) {
		_, err := ExecRunner{}.Run(ctx, "deskside-no-such-program")
		var ce *CmdError
		if !errors.As(err, &ce) || !errors.Is(err, exec.ErrNotFound) {
			t.Fatalf("err = %#v", err)
		}
		if !strings.Contains(err.Error(), "is not on this machine") {
			t.Errorf("message %q", err)
		}
	})
	t.Run("non-zero exit", func(t *testing.T) {
		_, err := ExecRunner{}.Run(ctx, "ls", "/deskside-no-such-dir")
		var ce *CmdError
		if !errors.As(err, &ce) || ce.ExitCode == 0 || ce.Stderr == "" {
			t.Fatalf("err = %#v", err)
		}
		if !strings.Contains(err.Error(), "exited with code") {
			t.Errorf("message %q", err)
		}
	})
	t.Run("huge output is cut", func(t *testing.T) {
		out, err := ExecRunner{MaxOutput: 1 << 20}.Run(ctx, "head", "-c", "5000000", "/dev/zero")
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 1<<20 {
			t.Errorf("kept %d bytes, want 1 MiB", len(out))
		}
	})
}
