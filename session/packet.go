package session

import (
	"fmt"
	"regexp"
	"strings"

	"deskside/flows"
)

// PacketItem is one item of an escalation packet and what the session
// already collected for it.
type PacketItem struct {
	Item string `json:"item"`
	// Complete is set when every thing the item names was collected.
	Complete bool `json:"collected"`
	// Evidence is what was collected for it, complete or not.
	Evidence []string `json:"evidence,omitempty"`
	// Missing names, in words, what the item asks for that the session
	// did not collect, when deskside can tell.
	Missing []string `json:"missing,omitempty"`
}

// Collected reports whether the session holds everything the item names:
// "The HTTP status and the full error body" is not collected by an answer
// that says "Yes, 401", however sure the operator was.
func (p PacketItem) Collected() bool { return p.Complete }

// Answered is an answer given on the path, with its step, so a packet
// item the call already answered ("does office.com load?") is shown as
// collected, with the answer, and the fixes tried can be listed.
type Answered struct {
	Step  int // 1-based step number on the path
	Node  string
	Title string // the step's title
	Label string
	Sets  map[string]any
}

// packetAsk is one thing a packet item may name, and what collects it:
// facts read by a check, or facts an answer set. An item that names
// several (a status and an error body, a tenant and an app id) is
// collected when each of them is.
type packetAsk struct {
	what    string // in words, for "still to collect"
	match   func() *regexp.Regexp
	facts   []string
	answers []string
	// fixes collects the fix steps on the path with their answers.
	fixes bool
}

// packetAsks never use the call's own start or end time: the time a
// failure appeared is a fact read from the error (its timestamp, the
// response's Date header), not when the help desk picked up the phone.
var packetAsks = []packetAsk{
	{what: "the time of the failure", match: lazyRegexp(`(?i)timestamp|\bUTC\b|\btime it appeared\b`), facts: []string{"aadsts.timestamp", "http.date", "jwt.checked_at"}},
	{what: "the HTTP status", match: lazyRegexp(`(?i)http status`), facts: []string{"http.status"}, answers: []string{"http.status", "answer.status_confirmed"}},
	{what: "the error body", match: lazyRegexp(`(?i)error body|error payload|raw response`), facts: []string{"http.message", "http.graph_error_code", "http.www_authenticate_error", "aadsts.code", "oauth.error"}},
	{what: "whether the status was seen", match: lazyRegexp(`(?i)status was never seen`), answers: []string{"answer.status_confirmed"}},
	{what: "the error code", match: lazyRegexp(`(?i)aadsts codes?\b|error text|error code|\bcode\b`), facts: []string{"aadsts.code", "oauth.error", "client.error_code", "http.graph_error_code"}},
	{what: "the Trace ID", match: lazyRegexp(`(?i)trace ids?\b`), facts: []string{"aadsts.trace_id"}},
	{what: "the Correlation ID", match: lazyRegexp(`(?i)correlation ids?\b`), facts: []string{"aadsts.correlation_id", "http.client_request_id"}},
	{what: "the request-id", match: lazyRegexp(`(?i)request.id`), facts: []string{"http.request_id", "http.client_request_id"}},
	{what: "the tenant ID", match: lazyRegexp(`(?i)tenant id`), facts: []string{"jwt.tid", "tenant.id"}},
	{what: "the app (client) ID", match: lazyRegexp(`(?i)app \(client\) id|client id|\bapp id`), facts: []string{"jwt.appid"}},
	{what: "the user's UPN", match: lazyRegexp(`(?i)\bUPN\b`), facts: []string{"jwt.upn"}},
	{what: "the dsregcmd /status output", match: lazyRegexp(`(?i)dsregcmd`), facts: []string{"device.join_type", "device.id", "device.needs_rejoin", "sso.azure_ad_prt"}},
	{what: "the DeviceId", match: lazyRegexp(`(?i)deviceid`), facts: []string{"device.id"}},
	{what: "the device name", match: lazyRegexp(`(?i)device name|machine's name`), facts: []string{"device.name"}},
	{what: "whether the PC was imaged or cloned", match: lazyRegexp(`(?i)imaged|cloned`), answers: []string{"answer.device_reimaged"}},
	{what: "the cmdkey /list output", match: lazyRegexp(`(?i)cmdkey`), facts: []string{"creds.targets"}},
	{what: "the OneDrive version", match: lazyRegexp(`(?i)onedrive version`), facts: []string{"onedrive.version"}},
	{what: "whether OneDrive is running", match: lazyRegexp(`(?i)\brunning\b`), facts: []string{"onedrive.running"}},
	{what: "whether office.com loads", match: lazyRegexp(`(?i)office\.com`), answers: []string{"answer.office_web_loads"}},
	{what: "whether another network works", match: lazyRegexp(`(?i)another network|other network`), answers: []string{"answer.other_network_works"}},
	{what: "whether signing in again helped", match: lazyRegexp(`(?i)reconnect|signing (out and )?in again`), answers: []string{"answer.reconnect_helped"}},
	{what: "the clock's skew", match: lazyRegexp(`(?i)how far off the clock|clock skew|\bskew`), facts: []string{"clock.skew_seconds", "clock.direction", "clock.checked", "clock.skewed"}},
	{what: "the time source (w32tm)", match: lazyRegexp(`(?i)w32tm|\bNTP\b`), facts: []string{"clock.source"}},
	{what: "the fixes tried", match: lazyRegexp(`(?i)which fixes were tried`), fixes: true},
	// What no check reads and no answer sets: an item naming one of these
	// stays open, whatever else of it was collected.
	{what: "the redirect URI", match: lazyRegexp(`(?i)redirect uri`)},
	{what: "how many users are affected", match: lazyRegexp(`(?i)how many users`)},
}

// fixStep tells a step that tries a fix, from its title: the OneDrive
// guide's Methods, a reconnect, a rejoin or relink, a reset, a fresh
// sign-in. The log does not keep the steps' kinds, and the titles name
// the fix they try.
var fixStep = lazyRegexp(`(?i)\bmethod \d|reconnect|rejoin|relink|\breset the\b|sign (out and )?in( again)?\b|fresh sign-in|\bfix\b`)

// Packet fills in an escalation packet from what the session collected:
// the checks' facts (latest value of each) and the answers on the path.
func (s *Summary) Packet() []PacketItem {
	if s.Outcome == nil || len(s.Outcome.Packet) == 0 {
		return nil
	}
	latest := map[string]any{}
	for _, p := range s.Probes {
		for k, v := range p.Facts {
			latest[k] = v
		}
	}
	answers := make([]Answered, 0, len(s.Path))
	for i, st := range s.Path {
		answers = append(answers, Answered{Step: i + 1, Node: st.Node, Title: st.Title, Label: st.Answer, Sets: st.Sets})
	}
	return FillPacket(s.Outcome.Packet, latest, answers)
}

// PathAnswers lists the answers of a walk's path, for FillPacket on the
// wizard's outcome screen.
func PathAnswers(path []flows.Step) []Answered {
	out := make([]Answered, 0, len(path))
	for i, st := range path {
		out = append(out, Answered{Step: i + 1, Node: st.Node, Title: st.Title, Label: st.Label, Sets: st.Sets})
	}
	return out
}

// FillPacket matches packet items with what answers them: the facts the
// checks read and the answers given on the path. An item is collected
// when everything it names is; an item with alternatives (", or the
// error text the user sees") when one of them is.
func FillPacket(items []string, facts map[string]any, answers []Answered) []PacketItem {
	out := make([]PacketItem, 0, len(items))
	for _, item := range items {
		pi := PacketItem{Item: item}
		seen := map[string]bool{}
		add := func(ev string) bool {
			if !seen[ev] {
				seen[ev] = true
				pi.Evidence = append(pi.Evidence, ev)
			}
			return true
		}
		var firstMissing []string
		for _, alt := range strings.Split(item, ", or ") {
			asks, missing := 0, []string(nil)
			for _, a := range packetAsks {
				if !a.match().MatchString(alt) {
					continue
				}
				asks++
				if !a.collect(facts, answers, add) {
					missing = append(missing, a.what)
				}
			}
			if asks > 0 && len(missing) == 0 {
				pi.Complete = true
			}
			if firstMissing == nil {
				firstMissing = missing
			}
		}
		if !pi.Complete {
			pi.Missing = firstMissing
		}
		out = append(out, pi)
	}
	return out
}

// collect adds what collects the ask to the evidence and reports whether
// anything did.
func (a packetAsk) collect(facts map[string]any, answers []Answered, add func(string) bool) bool {
	found := false
	for _, f := range a.facts {
		if v, ok := facts[f]; ok {
			found = add(f + " = " + shortValue(flows.Format(utcValue(v))))
		}
	}
	for _, an := range answers {
		if setsAny(an.Sets, a.answers) {
			found = add(fmt.Sprintf("answered at step %d: %s", an.Step, shortValue(an.Label)))
		}
	}
	if a.fixes {
		for _, an := range answers {
			if fixStep().MatchString(an.Title) {
				found = add(fmt.Sprintf("step %d (%s): %s", an.Step, shortValue(an.Title), shortValue(an.Label)))
			}
		}
	}
	return found
}

// setsAny reports whether an answer set any of the facts.
func setsAny(sets map[string]any, facts []string) bool {
	for _, f := range facts {
		if _, ok := sets[f]; ok {
			return true
		}
	}
	return false
}

func shortValue(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
