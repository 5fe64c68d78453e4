//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package session

import (
	"errors"
	"os"
)

// lockFile cannot lock on this system; the journal says so in a warning.
func lockFile(*os.File) error {
	return errors.New("this system offers no file lock deskside uses")
}
