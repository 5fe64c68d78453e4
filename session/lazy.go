package session

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles a pattern the first time it is used: compiling
// every pattern at start-up would delay the wizard's first frame for
// checks that may never run.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
