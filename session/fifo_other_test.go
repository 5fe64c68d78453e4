//go:build !unix

package session

import "errors"

func mkfifoAt(string) error { return errors.New("no FIFOs on this system") }
