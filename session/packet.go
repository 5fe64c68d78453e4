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
	Item     string   `json:"item"`
	Evidence []string `json:"evidence,omitempty"`
}

// Collected reports whether the session holds evidence for the item.
func (p PacketItem) Collected() bool { return len(p.Evidence) > 0 }

// Answered is an answer given on the path and the facts it established,
// so a packet item the call already answered ("does office.com load?")
// is shown as collected, with the answer.
type Answered struct {
	Step  int // 1-based step number on the path
	Label string
	Sets  map[string]any
}

// packetRule says which facts, read by a check or set by an answer, answer
// the packet items that match a pattern.
type packetRule struct {
	match   func() *regexp.Regexp
	facts   []string
	answers []string
}

// packetRules never use the call's own start or end time: the time a
// failure appeared is a fact read from the error, not when the help desk
// picked up the phone.
var packetRules = []packetRule{
	{match: lazyRegexp(`(?i)timestamp|\bUTC\b|\btime\b`), facts: []string{"aadsts.timestamp", "http.date"}},
	{match: lazyRegexp(`(?i)correlation|request.id|trace`), facts: []string{"aadsts.correlation_id", "aadsts.trace_id", "http.request_id", "http.client_request_id"}},
	{match: lazyRegexp(`(?i)tenant|app \(client\) id|client id|\bapp id`), facts: []string{"jwt.tid", "jwt.appid", "tenant.id", "tenant.name"}},
	{match: lazyRegexp(`(?i)http status|error body|error payload`), facts: []string{"http.status", "http.graph_error_code", "http.message", "http.www_authenticate_error"}, answers: []string{"answer.status_confirmed"}},
	{match: lazyRegexp(`(?i)status was never seen`), answers: []string{"answer.status_confirmed"}},
	{match: lazyRegexp(`(?i)aadsts|error text|error code|\bcode\b`), facts: []string{"aadsts.code", "oauth.error", "client.error_code", "http.graph_error_code"}},
	{match: lazyRegexp(`(?i)dsregcmd|deviceid|device name`), facts: []string{"device.join_type", "device.id", "device.name", "device.needs_rejoin", "sso.azure_ad_prt"}},
	{match: lazyRegexp(`(?i)imaged|cloned`), answers: []string{"answer.device_reimaged"}},
	{match: lazyRegexp(`(?i)cmdkey`), facts: []string{"creds.targets"}},
	{match: lazyRegexp(`(?i)onedrive version|running`), facts: []string{"onedrive.version", "onedrive.running"}},
	{match: lazyRegexp(`(?i)\bUPN\b`), facts: []string{"jwt.upn"}},
	{match: lazyRegexp(`(?i)office\.com`), answers: []string{"answer.office_web_loads"}},
	{match: lazyRegexp(`(?i)another network|other network`), answers: []string{"answer.other_network_works"}},
	{match: lazyRegexp(`(?i)reconnect`), answers: []string{"answer.reconnect_helped"}},
}

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
		if len(st.Sets) > 0 {
			answers = append(answers, Answered{Step: i + 1, Label: st.Answer, Sets: st.Sets})
		}
	}
	return FillPacket(s.Outcome.Packet, latest, answers)
}

// PathAnswers lists the answers of a walk's path that established facts,
// for FillPacket on the wizard's outcome screen.
func PathAnswers(path []flows.Step) []Answered {
	var out []Answered
	for i, st := range path {
		if len(st.Sets) > 0 {
			out = append(out, Answered{Step: i + 1, Label: st.Label, Sets: st.Sets})
		}
	}
	return out
}

// FillPacket matches packet items with the facts that answer them, from
// the checks and from the answers given on the path.
func FillPacket(items []string, facts map[string]any, answers []Answered) []PacketItem {
	out := make([]PacketItem, 0, len(items))
	for _, item := range items {
		pi := PacketItem{Item: item}
		seen := map[string]bool{}
		add := func(ev string) {
			if !seen[ev] {
				seen[ev] = true
				pi.Evidence = append(pi.Evidence, ev)
			}
		}
		for _, r := range packetRules {
			if !r.match().MatchString(item) {
				continue
			}
			for _, f := range r.facts {
				if v, ok := facts[f]; ok {
					add(f + " = " + shortValue(flows.Format(utcValue(v))))
				}
			}
			for _, a := range answeredBy(answers, r.answers) {
				add(fmt.Sprintf("answered at step %d: %s", a.Step, shortValue(a.Label)))
			}
		}
		out = append(out, pi)
	}
	return out
}

// answeredBy returns the answers that set any of the facts, in path order.
func answeredBy(answers []Answered, facts []string) []Answered {
	var out []Answered
	for _, a := range answers {
		for _, f := range facts {
			if _, ok := a.Sets[f]; ok {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func shortValue(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
