package probes

import (
	"runtime"
	"slices"
)

// Registry is the set of probes a deskside binary offers. Tree files may
// name only these, and validation checks `when:` facts against them.
type Registry struct {
	list   []Probe
	byName map[string]Probe
}

// NewRegistry makes a registry of the given probes, in that order.
func NewRegistry(ps ...Probe) *Registry {
	r := &Registry{byName: make(map[string]Probe, len(ps))}
	for _, p := range ps {
		r.list = append(r.list, p)
		r.byName[p.Name()] = p
	}
	return r
}

// Builtin returns every compiled-in probe with its default settings.
func Builtin() *Registry {
	return NewRegistry(JWT{}, AADSTS{}, HTTPStatus{}, Clock{}, Dsregcmd{}, Credentials{}, OneDrive{}, ClientError{})
}

// Lookup returns the probe with the given name.
func (r *Registry) Lookup(name string) (Probe, bool) {
	p, ok := r.byName[name]
	return p, ok
}

// All returns the probes in registry order.
func (r *Registry) All() []Probe { return slices.Clone(r.list) }

// Names returns the probes' names in registry order.
func (r *Registry) Names() []string {
	out := make([]string, len(r.list))
	for i, p := range r.list {
		out[i] = p.Name()
	}
	return out
}

// Specs returns every probe's declared facts by probe name.
func (r *Registry) Specs() map[string][]FactSpec {
	m := make(map[string][]FactSpec, len(r.list))
	for _, p := range r.list {
		m[p.Name()] = p.Facts()
	}
	return m
}

// CanRun reports whether the probe can read this machine by itself, as
// opposed to needing pasted text. goos empty means this machine's OS.
func CanRun(p Probe, goos string) bool {
	if goos == "" {
		goos = runtime.GOOS
	}
	d := p.Describe()
	return d.Program != "" && (d.OnlyOS == "" || d.OnlyOS == goos)
}

// TakesPaste reports whether the probe reads pasted text.
func TakesPaste(p Probe) bool { return p.Describe().Paste != "" }
