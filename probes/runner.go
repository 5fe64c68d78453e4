package probes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Runner runs one fixed program with fixed arguments on this PC. Probes
// receive it rather than calling exec themselves, so tests can replay real
// outputs and a tree file can never make deskside run anything else.
type Runner interface {
	Run(ctx context.Context, program string, args ...string) ([]byte, error)
}

// The limits ExecRunner applies when its fields are zero.
const (
	DefaultTimeout   = 10 * time.Second
	DefaultMaxOutput = 1 << 20
)

// ExecRunner runs programs directly with exec.CommandContext: no shell, so
// no argument is ever interpreted, expanded or split.
type ExecRunner struct {
	Timeout   time.Duration // per run; DefaultTimeout when zero
	MaxOutput int           // bytes of stdout kept; DefaultMaxOutput when zero
}

// CmdError is a program that could not run or did not succeed.
type CmdError struct {
	Args     []string
	Stderr   string
	ExitCode int // -1 when the program did not run or was stopped
	Err      error
}

// Error says which program failed and how, in a sentence.
func (e *CmdError) Error() string {
	cmd := strings.Join(e.Args, " ")
	if errors.Is(e.Err, context.DeadlineExceeded) {
		return fmt.Sprintf("%s did not finish in time and was stopped", cmd)
	}
	if errors.Is(e.Err, exec.ErrNotFound) {
		return fmt.Sprintf("%s is not on this machine", e.Args[0])
	}
	if e.ExitCode > 0 {
		msg := fmt.Sprintf("%s exited with code %d", cmd, e.ExitCode)
		if s := strings.TrimSpace(e.Stderr); s != "" {
			msg += ": " + firstLine(s)
		}
		return msg
	}
	return fmt.Sprintf("%s could not run: %v", cmd, e.Err)
}

// Unwrap gives the underlying error, such as context.DeadlineExceeded.
func (e *CmdError) Unwrap() error { return e.Err }

// Run starts program with args and returns its standard output, cut at
// MaxOutput bytes. A run that takes longer than Timeout is killed.
func (r ExecRunner) Run(ctx context.Context, program string, args ...string) ([]byte, error) {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	max := r.MaxOutput
	if max <= 0 {
		max = DefaultMaxOutput
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	all := append([]string{program}, args...)
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.WaitDelay = time.Second
	stdout := &capped{max: max}
	stderr := &capped{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	if err == nil {
		return stdout.buf.Bytes(), nil
	}
	ce := &CmdError{Args: all, Stderr: stderr.buf.String(), ExitCode: -1, Err: err}
	if ctx.Err() != nil {
		ce.Err = ctx.Err()
		return stdout.buf.Bytes(), ce
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		ce.ExitCode = ee.ExitCode()
	}
	return stdout.buf.Bytes(), ce
}

// capped keeps the first max bytes written and discards the rest, so a
// runaway program cannot fill memory.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		if len(p) > room {
			c.buf.Write(p[:room])
		} else {
			c.buf.Write(p)
		}
	}
	return len(p), nil
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}
