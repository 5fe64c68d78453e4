package main

import (
	"errors"
	"fmt"

	"deskside/session"
	"io/fs"
	"regexp"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// operatorError is an error composed at the command layer for the person at
// the keyboard: one sentence of what happened and one of what to do. The
// error underneath stays wrapped for tests and logs.
type operatorError struct {
	what string
	todo string
	err  error
}

func (e *operatorError) Error() string {
	if e.todo == "" {
		return e.what
	}
	return e.what + " " + e.todo
}

func (e *operatorError) Unwrap() error { return e.err }

// tell wraps err with what happened and what to do, both full sentences.
func tell(err error, what, todo string) error {
	return &operatorError{what: sentence(capitalise(what)), todo: sentence(capitalise(todo)), err: err}
}

// packagePrefix matches the package names the lower layers put in front of
// their errors ("flows: ", "session: "): useful in a test failure, noise
// to an operator.
var packagePrefix = regexp.MustCompile(`(^|: )(?:deskside|flows|session|probes|tui|main): `)

// operatorMessage turns any error into what an operator reads: no package
// prefixes, no raw "open x: no such file or directory", a capital letter
// and a full stop, and a second sentence saying what to do when the error
// itself does not say.
func operatorMessage(err error) string {
	var oe *operatorError
	if errors.As(err, &oe) {
		return capitalise(oe.Error())
	}
	msg := inWords(err)
	if todo := whatToDo(err, msg); todo != "" {
		msg += " " + todo
	}
	return msg
}

// inWords is an error's own message as a sentence for an operator: no
// package prefixes and no system call names.
func inWords(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = strings.Replace(msg, pe.Error(), pathProblem(pe), 1)
	}
	for {
		next := packagePrefix.ReplaceAllString(msg, "$1")
		if next == msg {
			break
		}
		msg = next
	}
	return sentence(capitalise(msg))
}

// logDirError is the one message for a log folder that cannot be written,
// said before the first step of a call.
func logDirError(err error) error {
	return &exitError{code: 1, err: tell(err, inWords(err),
		"Choose a folder that can be written with --log-dir, or run without a log with --no-log.")}
}

// pathProblem says in words what went wrong with a file: the name and the
// reason, without the system call.
func pathProblem(pe *fs.PathError) string {
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		return pe.Path + " does not exist"
	case errors.Is(pe.Err, fs.ErrPermission):
		return "permission to " + pe.Path + " is denied"
	case errors.Is(pe.Err, syscall.ENOTDIR):
		return "part of " + pe.Path + " is a file, not a folder"
	case errors.Is(pe.Err, syscall.EISDIR):
		return pe.Path + " is a folder, not a file"
	}
	return pe.Path + ": " + pe.Err.Error()
}

// whatToDo gives the second sentence for errors whose text does not
// already say what to do.
func whatToDo(err error, msg string) string {
	if hasAdvice(msg) {
		return ""
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "Check the path and run the command again."
	case errors.Is(err, fs.ErrPermission):
		return "Check the file's permissions, or choose another path."
	}
	return ""
}

// hasAdvice spots a message that already tells the operator what to do.
func hasAdvice(msg string) bool {
	lower := strings.ToLower(msg)
	for _, w := range []string{"use ", "run ", "choose ", "check ", "try ", "fix ", "free ", "export it", "start ", "give ", "pick ", "see "} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// capitalise starts a sentence with a capital letter, unless it starts
// with a name (a file, a flag, an id) whose case matters.
func capitalise(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if strings.ContainsAny(strings.TrimSuffix(first, ":"), "./\\-_:\"'0123456789") {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// warn tells the operator, before the first step, what they should know
// about the session's log that does not stop the call (a folder others can
// read, a lock the system refused).
func (a *app) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(a.stderr, "Warning: %s\n", session.SafeLine(sentence(capitalise(w))))
	}
}
