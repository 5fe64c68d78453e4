package session

import (
	"fmt"
	"regexp"
	"strings"
	"time"

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

// packetRule says which facts answer packet items that match a pattern.
type packetRule struct {
	match func() *regexp.Regexp
	facts []string
	// session adds the session's own times for timestamp items.
	session bool
}

var packetRules = []packetRule{
	{match: lazyRegexp(`(?i)timestamp|\bUTC\b|\btime\b`), facts: []string{"aadsts.timestamp", "http.date"}, session: true},
	{match: lazyRegexp(`(?i)correlation|request.id|trace`), facts: []string{"aadsts.correlation_id", "aadsts.trace_id", "http.request_id", "http.client_request_id"}},
	{match: lazyRegexp(`(?i)tenant|app \(client\) id|client id|\bapp id`), facts: []string{"jwt.tid", "jwt.appid", "tenant.id", "tenant.name"}},
	{match: lazyRegexp(`(?i)http status|error body|error payload`), facts: []string{"http.status", "http.graph_error_code", "http.message", "http.www_authenticate_error"}},
	{match: lazyRegexp(`(?i)aadsts|error text|error code|\bcode\b`), facts: []string{"aadsts.code", "oauth.error", "client.error_code", "http.graph_error_code"}},
	{match: lazyRegexp(`(?i)dsregcmd|deviceid|device name`), facts: []string{"device.join_type", "device.id", "device.name", "device.needs_rejoin", "sso.azure_ad_prt"}},
	{match: lazyRegexp(`(?i)cmdkey`), facts: []string{"creds.targets"}},
	{match: lazyRegexp(`(?i)onedrive version|running`), facts: []string{"onedrive.version", "onedrive.running"}},
	{match: lazyRegexp(`(?i)\bUPN\b`), facts: []string{"jwt.upn"}},
}

// Packet fills in an escalation packet from what the session collected:
// the probes' facts (latest value of each) and the session's times.
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
	return FillPacket(s.Outcome.Packet, latest, s.Started, s.Ended)
}

// FillPacket matches packet items with the facts that answer them and the
// call's times, for the export and for the wizard's outcome screen.
func FillPacket(items []string, latest map[string]any, started, ended time.Time) []PacketItem {
	out := make([]PacketItem, 0, len(items))
	for _, item := range items {
		pi := PacketItem{Item: item}
		seen := map[string]bool{}
		for _, r := range packetRules {
			if !r.match().MatchString(item) {
				continue
			}
			if r.session {
				ev := fmt.Sprintf("call from %s to %s UTC", started.UTC().Format("2006-01-02 15:04:05"), ended.UTC().Format("15:04:05"))
				if !seen[ev] {
					seen[ev] = true
					pi.Evidence = append(pi.Evidence, ev)
				}
			}
			for _, f := range r.facts {
				if v, ok := latest[f]; ok && !seen[f] {
					seen[f] = true
					pi.Evidence = append(pi.Evidence, f+" = "+shortValue(flows.Format(v)))
				}
			}
		}
		out = append(out, pi)
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
