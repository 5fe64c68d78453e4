package probes

import (
	"regexp"
	"strings"
	"sync"
)

// lazyRegexp compiles a pattern, given in parts that are joined, the
// first time it is used: compiling every pattern at start-up would delay
// the wizard's first frame for checks that may never run.
func lazyRegexp(parts ...string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(strings.Join(parts, "")) })
}
