package tui

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/aymanbagabas/go-osc52/v2"
)

// copyOSC52 asks the terminal to put data on the clipboard. OSC 52 goes
// through SSH and works in Windows Terminal, where no local clipboard
// tool would; inside tmux or screen the sequence is wrapped so that the
// multiplexer passes it on to the real terminal.
func copyOSC52(w io.Writer, data []byte, getenv func(string) string) (int, error) {
	if w == nil {
		return 0, errors.New("there is no terminal to copy through")
	}
	seq := osc52.New(string(data))
	term := getenv("TERM")
	switch {
	case getenv("TMUX") != "" || strings.HasPrefix(term, "tmux"):
		seq = seq.Tmux()
	case strings.HasPrefix(term, "screen"):
		seq = seq.Screen()
	}
	if _, err := seq.WriteTo(w); err != nil {
		return 0, err
	}
	return len(data), nil
}

// termOut is the terminal as Bubble Tea writes to it, shared with the
// clipboard copy: Bubble Tea writes each frame in one Write, and the lock
// keeps a copy from landing in the middle of one. It is still a terminal
// file to Bubble Tea (it has the descriptor), so sizes and raw mode work.
type termOut struct {
	mu sync.Mutex
	f  *os.File
}

func (o *termOut) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.f.Write(p)
}

func (o *termOut) Read(p []byte) (int, error) { return o.f.Read(p) }
func (o *termOut) Close() error               { return nil } // the terminal outlives the program
func (o *termOut) Fd() uintptr                { return o.f.Fd() }
