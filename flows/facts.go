package flows

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"deskside/probes"
)

// Facts are what the probes of one walk have found, by fact name. Values are
// bool, int, string or []string.
type Facts map[string]any

// Clone returns a copy that later changes to f do not touch.
func (f Facts) Clone() Facts {
	c := make(Facts, len(f))
	for k, v := range f {
		if s, ok := v.([]string); ok {
			v = slices.Clone(s)
		}
		c[k] = v
	}
	return c
}

// Names returns the fact names in order, for stable display.
func (f Facts) Names() []string {
	return slices.Sorted(maps.Keys(f))
}

// Format renders one fact value for people.
func Format(v any) string { return probes.FormatValue(v) }

// Normalize turns values that went through JSON (float64, []any) back into
// the plain types conditions compare, so a resumed walk suggests the same
// choices as the original one.
func Normalize(v any) any {
	switch x := v.(type) {
	case float64:
		if x == float64(int(x)) {
			return int(x)
		}
		return x
	case int64:
		return int(x)
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return v
}

// Finding is a conclusion drawn from facts of two probes together.
type Finding struct {
	Fact string
	Text string
}

// The derived facts: what two probes' facts imply together. They are
// declared like probe facts so that trees can test them anywhere.
var derivedSpecs = []probes.FactSpec{
	{Name: "cross.tenant_mismatch", Type: probes.FactBool, Meaning: "the token's tenant (jwt.tid) differs from the device's tenant (dsregcmd TenantId)"},
	{Name: "cross.unexpired_401", Type: probes.FactBool, Meaning: "the call got 401 although the token has not expired: look at audience, tenant or revocation, not expiry"},
	{Name: "cross.not_auth", Type: probes.FactBool, Meaning: "the failure is throttling (429) or a service error (5xx), not authentication: do not re-authenticate"},
	{Name: "cross.clock_explains_token", Type: probes.FactBool, Meaning: "this machine's clock is skewed and the token's times look wrong by about as much"},
	{Name: "cross.expired_at_call", Type: probes.FactBool, Meaning: "the token had already expired (exp) at the time of the failing call (the response's Date header, else the AADSTS timestamp)"},
	{Name: "cross.call_time", Type: probes.FactString, Meaning: "which time of the failing call the claims were compared with, e.g. \"Date header 2026-11-19T10:01:00Z\""},
}

// answerSpecs declares the facts that only an operator's answer can
// establish (a choice's sets:), because no check can read them from a
// paste or from this PC: what the user saw and did during the call.
var answerSpecs = []probes.FactSpec{
	{Name: "answer.status_confirmed", Type: probes.FactBool, Meaning: "the HTTP status was read from the raw response, not from an app's label"},
	{Name: "answer.office_web_loads", Type: probes.FactBool, Meaning: "office.com loads and signs in in the user's browser"},
	{Name: "answer.other_network_works", Type: probes.FactBool, Meaning: "signing in works from another network"},
	{Name: "answer.reconnect_helped", Type: probes.FactBool, Meaning: "reconnecting (signing in again) fixed it, at least for now"},
	{Name: "answer.device_reimaged", Type: probes.FactBool, Meaning: "the PC was reimaged or cloned from another"},
}

// engineSpecs declares every fact the engine itself sets or accepts: the
// derived cross-check facts and the answer facts.
func engineSpecs() []probes.FactSpec {
	return append(slices.Clone(derivedSpecs), answerSpecs...)
}

// isDerived reports a fact that Derive computes from others.
func isDerived(name string) bool {
	return slices.ContainsFunc(derivedSpecs, func(s probes.FactSpec) bool { return s.Name == name })
}

// Derive computes the cross-check facts from the facts gathered so far and
// says, in a sentence each, what they imply. It only sets a derived fact
// when every fact it depends on is known.
func Derive(f Facts) (Facts, []Finding) {
	out, found, _ := derive(f)
	return out, found
}

// derive is Derive that also says which facts each derived fact was
// worked out from, so a suggestion can name their sources.
func derive(f Facts) (Facts, []Finding, map[string][]string) {
	out := Facts{}
	deps := map[string][]string{}
	var found []Finding
	say := func(fact string, v bool, from []string, text string) {
		out[fact] = v
		deps[fact] = from
		if v {
			found = append(found, Finding{Fact: fact, Text: text})
		}
	}
	tid, okT := f["jwt.tid"].(string)
	dev, okD := f["tenant.id"].(string)
	if okT && okD && tid != "" && dev != "" {
		say("cross.tenant_mismatch", !strings.EqualFold(tid, dev), []string{"jwt.tid", "tenant.id"},
			fmt.Sprintf("The token's tenant %s is not this device's tenant %s: the user may be signed in with the wrong account or to the wrong tenant.", tid, dev))
	}
	// The claims are compared with the time of the failing call when it is
	// known: a token pasted from last week's log has expired by now, but
	// perhaps not when the call failed.
	expired, okE := f["jwt.expired"].(bool)
	expiredFrom := "jwt.expired"
	if exp, at, label, from, ok := callTime(f); ok {
		atCall := !at.Before(exp)
		out["cross.call_time"] = label + " " + at.Format(time.RFC3339)
		deps["cross.call_time"] = []string{from}
		out["cross.expired_at_call"] = atCall
		deps["cross.expired_at_call"] = []string{"jwt.exp", from}
		when := fmt.Sprintf("(exp %s; %s)", exp.Format(time.RFC3339), out["cross.call_time"])
		text := "The token was still valid when the call failed " + when + ": expiry did not cause this failure, whatever it reads now."
		if atCall {
			text = "The token had already expired when the call failed " + when + ": the caller must get a new token."
		}
		found = append(found, Finding{Fact: "cross.expired_at_call", Text: text})
		expired, okE, expiredFrom = atCall, true, "cross.expired_at_call"
	}
	status, okS := f["http.status"].(int)
	if okS && okE {
		say("cross.unexpired_401", status == 401 && !expired, []string{"http.status", expiredFrom},
			"The call got 401 but the token had not expired: check its audience and tenant, or whether it was revoked, before blaming expiry.")
	}
	if okS {
		say("cross.not_auth", status == 429 || status >= 500, []string{"http.status"},
			fmt.Sprintf("HTTP %d is throttling or a service fault, not an authentication failure: do not re-authenticate; back off and retry.", status))
	}
	if skewed, ok := f["clock.skewed"].(bool); ok {
		nyv, _ := f["jwt.not_yet_valid"].(bool)
		fut, _ := f["jwt.iat_in_future"].(bool)
		_, haveJWT := f["jwt.expired"]
		if haveJWT {
			say("cross.clock_explains_token", skewed && (nyv || fut || expired), []string{"clock.skewed", "jwt.expired"},
				"This machine's clock is off and the token's times look wrong: fix the clock (sync with NTP) before changing anything else.")
		}
	}
	return out, found, deps
}

// callTime returns the token's expiry and the time of the failing call,
// with what that time was read from: the response's Date header, else the
// AADSTS error's timestamp. ok is false unless both times are known.
func callTime(f Facts) (exp, at time.Time, label, from string, ok bool) {
	s, _ := f["jwt.exp"].(string)
	exp, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return exp, at, "", "", false
	}
	for _, c := range []struct{ fact, label string }{{"http.date", "Date header"}, {"aadsts.timestamp", "AADSTS timestamp"}} {
		v, _ := f[c.fact].(string)
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return exp.UTC(), t.UTC(), c.label, c.fact, true
		}
	}
	// The token's own paste may carry the call's time (a Date header with
	// no status line): the jwt check names it as "<what> <RFC 3339 time>".
	if v, _ := f["jwt.checked_at"].(string); v != "" {
		i := strings.LastIndexByte(v, ' ')
		if t, err := time.Parse(time.RFC3339, v[i+1:]); err == nil && i > 0 {
			return exp.UTC(), t.UTC(), v[:i], "jwt.checked_at", true
		}
	}
	return exp, at, "", "", false
}
