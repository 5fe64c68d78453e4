//go:build unix

package flows

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLoadFileRefusesFIFO checks that a FIFO is refused at once, not
// waited on for a writer that never comes.
func TestLoadFileRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "tree.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := LoadFile(fifo, catalog())
		done <- err
	}()
	select {
	case err := <-done:
		want := "flows: a tree file must be a regular file: " + fifo + " is a FIFO (named pipe)"
		if !errors.Is(err, ErrNotRegular) || err.Error() != want {
			t.Errorf("err = %v, want %q", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LoadFile waited on a FIFO")
	}
}
