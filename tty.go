package main

import (
	"os"

	"golang.org/x/term"
)

// stdioIsTerminal reports whether both stdin and stdout are a terminal: the
// wizard needs one, and a pipe gets plain mode or a clear message instead.
func stdioIsTerminal() bool {
	return term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd()))
}
