package flows_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
)

// These tests hold the default tree to the four guides where a review
// found it routing the operator somewhere the guides would not (issue 9).
// Each walks the corrected path through the real Walk, with real probes on
// the pasted text where the path has a check.

func defaultTree(t *testing.T) *flows.Tree {
	t.Helper()
	tree, err := flows.LoadFile("../flows.yaml", flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func clock() func() time.Time {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	return func() time.Time { at = at.Add(time.Second); return at }
}

const (
	dsregNoPRT = `+----------------------------------------------------------------------+
| Device State                                                         |
+----------------------------------------------------------------------+
             AzureAdJoined : YES
          EnterpriseJoined : NO
              DomainJoined : NO
+----------------------------------------------------------------------+
| Device Details                                                       |
+----------------------------------------------------------------------+
                  DeviceId : 9d2f4b1a-3c5e-4f70-8a9b-1c2d3e4f5a6b
          DeviceAuthStatus : SUCCESS
+----------------------------------------------------------------------+
| SSO State                                                            |
+----------------------------------------------------------------------+
                AzureAdPrt : NO
`
	dsregHealthy = `             AzureAdJoined : YES
              DomainJoined : NO
                  DeviceId : 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e
          DeviceAuthStatus : SUCCESS
                AzureAdPrt : YES
`
	dsregDeleted = `             AzureAdJoined : YES
              DomainJoined : NO
                  DeviceId : 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
          DeviceAuthStatus : FAILED. Device is either disabled or deleted
`
	clockInSync  = "Source: time.windows.com,0x9\nPhase Offset: 0.0123456s\n"
	clockSkewed  = "Source: Local CMOS Clock\nPhase Offset: -540.0000000s\n"
	aadsts700003 = "AADSTS700003: Device object was not found in the tenant directory. Trace ID: 92a3b4c5-d6e7-4f80-91a2-b3c4d5e6f708"
	aadsts50097  = "AADSTS50097: Device authentication is required. Trace ID: a3b4c5d6-e7f8-4091-a2b3-c4d5e6f70819"
	aadsts700024 = "AADSTS700024: Client assertion is not within its valid time range. Trace ID: b4c5d6e7-f809-4102-b3c4-d5e6f7081920"
	aadsts50173  = "AADSTS50173: The provided grant has expired due to it being revoked. Trace ID: d6e7f809-1021-4324-95e6-f708192a3b4c"
	// jwtUnexpired is an access token for Graph that expires in 2100.
	jwtUnexpired = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJpc3MiOiJodHRwczovL3N0cy53aW5kb3dzLm5ldC8xMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUvIiwiaWF0IjoxNzc5NjI0MDAwLCJuYmYiOjE3Nzk2MjQwMDAsImV4cCI6NDEwMjQ0NDgwMCwidGlkIjoiMTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwiYXBwaWQiOiJhYWFhYWFhYS1iYmJiLWNjY2MtZGRkZC1lZWVlZWVlZWVlZWUiLCJhcHBfZGlzcGxheW5hbWUiOiJIUiBub3RpZmljYXRpb25zIChkZXYpIiwic2NwIjoiQ2hhbm5lbE1lc3NhZ2UuU2VuZCIsInZlciI6IjEuMCJ9.SaZxEU6yTmgwPvdKdPjW4xO_nszvqRAmIPn9s1PGvG8"
	aadsts50076  = "AADSTS50076: you must use multi-factor authentication. Trace ID: 8192a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7"
	// reconnectPrompt is a Power Automate connector's message when its
	// stored credential has expired.
	reconnectPrompt = `{"error":{"code":401,"message":"The access token has expired. Please reconnect the connection and try again."}}`
)

// route is one corrected path: the issue item it fixes, what is pasted at
// which step, the nodes visited from the first to the outcome, and the
// answer's label where two answers of a step lead to the same next step.
type route struct {
	item   int
	paste  map[string]string // node id -> text its check reads
	labels map[string]string // node id -> label of the answer to take
	path   []string
	result flows.Result
}

var routes = map[string]route{
	"device code: re-enable or rejoin, then retry": {item: 1,
		paste: map[string]string{"ig-read-code": aadsts700003, "device-check": dsregDeleted},
		path:  []string{"ig-read-code", "device-check", "device-rejoin", "resolved-device"}, result: flows.ResultResolved},
	"device code on a healthy device: the device team": {item: 1,
		paste: map[string]string{"ig-read-code": aadsts50097, "device-check": dsregHealthy},
		path:  []string{"ig-read-code", "device-check", "escalate-device"}, result: flows.ResultEscalate},
	"device code, joined without a PRT: rejoin": {item: 12,
		paste: map[string]string{"ig-read-code": aadsts50097, "device-check": dsregNoPRT},
		path:  []string{"ig-read-code", "device-check", "device-rejoin", "escalate-device"}, result: flows.ResultEscalate},
	"reimaged PC: leave, join, Method 2, Method 3": {item: 2,
		paste: map[string]string{"od-reimage-check": dsregDeleted},
		path:  []string{"od-cause", "od-reimage-check", "od-reimage-rejoin", "od-reimage-method-2", "od-reimage-method-3", "resolved-reimage-method-3"}, result: flows.ResultResolved},
	"reimaged PC joined and healthy still rejoins": {item: 2,
		paste: map[string]string{"od-reimage-check": dsregHealthy},
		path:  []string{"od-reimage-check", "od-reimage-rejoin", "od-reimage-method-2", "resolved-reimage-method-2"}, result: flows.ResultResolved},
	"reimaged PC joined without a PRT rejoins": {item: 12,
		paste: map[string]string{"od-reimage-check": dsregNoPRT},
		path:  []string{"od-reimage-check", "od-reimage-rejoin", "od-reimage-method-2", "resolved-reimage-method-2"}, result: flows.ResultResolved},
	"cloud-only PC stays unjoined: Method 2 Connect": {item: 2,
		labels: map[string]string{"od-reimage-rejoin": "Stays unjoined: expected on a cloud-only PC; Method 2's Connect joins it"},
		path:   []string{"od-reimage-rejoin", "od-reimage-method-2", "od-reimage-method-3", "resolved-reimage-method-3"}, result: flows.ResultResolved},
	"no local administrator: stop before /leave": {item: 2,
		labels: map[string]string{"od-reimage-rejoin": "No local administrator, or nobody knows its password; stopped before /leave"},
		path:   []string{"od-reimage-rejoin", "escalate-device"}, result: flows.ResultEscalate},
	"recurring: sign out and in, check back later": {item: 3,
		path: []string{"od-cause", "od-recurring", "resolved-recurring-signin"}, result: flows.ResultResolved},
	"recurring again: the admin reads the sign-in logs": {item: 3,
		path: []string{"od-cause", "od-recurring", "od-recurring-logs", "escalate-recurring"}, result: flows.ResultEscalate},
	"reconnect breaks again: policy, not another reconnect": {item: 4,
		paste: map[string]string{"recur-causes": aadsts50076},
		path:  []string{"fix-reconnect", "recur-causes", "cause-ca", "escalate-conditional-access"}, result: flows.ResultEscalate},
	"reconnect breaks again: the connection's identity": {item: 4,
		path: []string{"fix-reconnect", "recur-causes", "cause-owner", "resolved-owner"}, result: flows.ResultResolved},
	"clock fine from refresh-failed: back to its causes": {item: 5,
		paste: map[string]string{"rf-clock-skew": clockInSync},
		path:  []string{"rf-kind", "rf-clock-skew", "rf-clock-ok", "rf-revoked", "resolved-relogin"}, result: flows.ResultResolved},
	"clock fine for AADSTS700024: the assertion": {item: 5,
		paste: map[string]string{"ig-read-code": aadsts700024, "ig-clock-skew": clockInSync},
		path:  []string{"ig-read-code", "ig-clock-skew", "ig-assertion", "resolved-assertion"}, result: flows.ResultResolved},
	"clock skewed for AADSTS700024: fix it, sign in again": {item: 17,
		paste: map[string]string{"ig-read-code": aadsts700024, "ig-clock-skew": clockSkewed},
		path:  []string{"ig-read-code", "ig-clock-skew", "clock-fix", "resolved-clock"}, result: flows.ResultResolved},
	"clock fine from the claims check: integration causes": {item: 5,
		paste: map[string]string{"clock-skew": clockInSync},
		path:  []string{"clock-skew", "root-causes", "cause-runtime", "resolved-runtime"}, result: flows.ResultResolved},
	"refresh token revoked again and again: IT or security": {item: 6,
		paste: map[string]string{"rf-kind": aadsts50173},
		path:  []string{"rf-kind", "rf-revoked", "escalate-revoked"}, result: flows.ResultEscalate},
	"grant revoked again and again: IT or security": {item: 6,
		paste: map[string]string{"ig-read-code": aadsts50173},
		path:  []string{"ig-read-code", "ig-revoked", "escalate-revoked"}, result: flows.ResultEscalate},
	"no raw response: unconfirmed, reconnect, capture": {item: 8,
		path: []string{"three-q-401", "three-q-capture", "three-q-unconfirmed", "resolved-unconfirmed"}, result: flows.ResultResolved},
	"no raw response and the reconnect fails": {item: 8,
		path: []string{"three-q-capture", "three-q-unconfirmed", "escalate-unconfirmed"}, result: flows.ResultEscalate},
	"captured 403 after the label said expired": {item: 9,
		paste: map[string]string{"three-q-capture": "HTTP/1.1 403 Forbidden\r\n\r\n"},
		path:  []string{"three-q-capture", "lookalike-403", "resolved-403"}, result: flows.ResultResolved},
	"a typed 401 counts like a pasted one at the claims check": {item: 0,
		paste:  map[string]string{"claims-check": jwtUnexpired},
		labels: map[string]string{"three-q-401": "Yes, 401 Unauthorized"},
		path:   []string{"three-q-401", "three-q-relogin", "claims-check", "claims-not-expiry", "drift-dev-prod", "resolved-drift"}, result: flows.ResultResolved},
	"office.com works on a guest Wi-Fi: network check": {item: 17,
		path: []string{"od-connectivity", "net-check", "resolved-network"}, result: flows.ResultResolved},
	"sign-in frequency ends the session: the policy, not inactivity": {item: 0,
		paste: map[string]string{"rf-kind": "AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. Trace ID: 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"},
		path:  []string{"triage", "rf-kind", "rf-sso-timeout", "resolved-relogin"}, result: flows.ResultResolved},
	"refresh token unused for 90 days: no usable refresh token": {item: 0,
		paste: map[string]string{"rf-kind": "AADSTS700082: The refresh token has expired due to inactivity. Trace ID: 2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b"},
		path:  []string{"triage", "rf-kind", "rf-no-refresh", "resolved-relogin"}, result: flows.ResultResolved},
	"0x8004def7 with a healthy account: the sync app": {item: 0,
		path: []string{"quota-frozen", "sync-engine", "resolved-sync-engine"}, result: flows.ResultResolved},
	"grant revoked: read TokensValidFrom, check changes, retry once, sign in again": {item: 0,
		paste: map[string]string{"ig-read-code": aadsts50173},
		path:  []string{"triage", "ig-read-code", "ig-revoked", "resolved-reauth"}, result: flows.ResultResolved},
	"grant revoked, but the single retry succeeds": {item: 0,
		path: []string{"ig-revoked", "resolved-transient"}, result: flows.ResultResolved},
	"a connector's \"Please reconnect\" suggests the re-authentication cluster": {item: 0,
		paste: map[string]string{"triage": reconnectPrompt},
		path:  []string{"triage", "three-q-401", "three-q-relogin", "three-q-idle", "root-causes", "fix-reconnect", "resolved-reconnect"}, result: flows.ResultResolved},
	"OneDrive not running: starting it is its own outcome": {item: 0,
		paste: map[string]string{"sync-running": "INFO: No tasks are running which match the specified criteria."},
		path:  []string{"other-codes", "sync-running", "sync-start", "resolved-sync-start"}, result: flows.ResultResolved},
	"OneDrive will not start: the reset is a separate outcome": {item: 0,
		path: []string{"sync-running", "sync-start", "sync-engine", "resolved-sync-engine"}, result: flows.ResultResolved},
}

// TestCorrectedRoutes walks each corrected path, running the step's check
// on the pasted text and requiring the check to suggest the next step.
func TestCorrectedRoutes(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	for name, r := range routes {
		t.Run(name, func(t *testing.T) {
			w, _ := flows.NewWalkAt(tree, r.path[0], clock())
			for i, id := range r.path {
				n := w.Current()
				if n.ID != id {
					t.Fatalf("step %d is %s, want %s (item %d)", i+1, n.ID, id, r.item)
				}
				if i == len(r.path)-1 {
					break
				}
				if text, ok := r.paste[id]; ok {
					if n.Probe == nil {
						t.Fatalf("%s has no check to paste into", id)
					}
					p, _ := reg.Lookup(n.Probe.Name)
					res := p.Run(context.Background(), probes.Input{Text: text, OS: "linux"})
					w.ApplyProbe(p.Name(), text, res, 0)
					if s := w.Suggested(); s < 0 || n.Choices[s].Next != r.path[i+1] {
						t.Errorf("at %s the %s check suggests choice %d, want the one to %s", id, p.Name(), s, r.path[i+1])
					}
				}
				if _, err := w.ChooseNext(r.path[i+1], r.labels[id]); err != nil {
					t.Fatalf("item %d: %v", r.item, err)
				}
				if l, ok := r.labels[id]; ok && w.Path()[len(w.Path())-1].Label != l {
					t.Errorf("at %s took %q, want %q", id, w.Path()[len(w.Path())-1].Label, l)
				}
			}
			out := w.Outcome()
			if out == nil || out.ID != r.path[len(r.path)-1] || out.Result != r.result {
				t.Fatalf("outcome %+v, want %s (%s)", out, r.path[len(r.path)-1], r.result)
			}
		})
	}
}

// reachable returns every node a walk from id can visit.
func reachable(tree *flows.Tree, id string) map[string]bool {
	seen := map[string]bool{}
	stack := []string{id}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[cur] {
			continue
		}
		seen[cur] = true
		for _, c := range tree.Nodes[cur].Choices {
			stack = append(stack, c.Next)
		}
	}
	return seen
}

// TestUnreachableFromBranches checks what must never be offered on a
// branch: OneDrive's Methods after an invalid_grant device code (item 1),
// Method 1 on a reimaged PC (item 2), the reconnect again after a
// reconnect did not hold (item 4), and question 1 again after capturing
// the raw response (item 8).
func TestUnreachableFromBranches(t *testing.T) {
	tree := defaultTree(t)
	for _, c := range []struct {
		from  string
		never *regexp.Regexp
	}{
		{"ig-read-code", regexp.MustCompile(`^(od-|sync-|resolved-method|resolved-reimage)`)},
		{"device-check", regexp.MustCompile(`^(od-|sync-)`)},
		{"od-reimage-check", regexp.MustCompile(`^(od-method-1|od-method-2|od-method-3|resolved-method-[123])$`)},
		{"recur-causes", regexp.MustCompile(`^(fix-reconnect|root-causes|recur-causes)$`)},
		{"three-q-capture", regexp.MustCompile(`^three-q-401$`)},
		{"rf-clock-skew", regexp.MustCompile(`^root-causes$`)},
		{"ig-clock-skew", regexp.MustCompile(`^root-causes$`)},
	} {
		var bad []string
		for id := range reachable(tree, c.from) {
			if c.never.MatchString(id) && id != c.from {
				bad = append(bad, id)
			}
		}
		slices.Sort(bad)
		if len(bad) > 0 {
			t.Errorf("from %s the walk can reach %v", c.from, bad)
		}
	}
}

// TestDefaultTreeHasNoCycle: a call moves forward; going back is what b is for.
func TestDefaultTreeHasNoCycle(t *testing.T) {
	tree := defaultTree(t)
	state := map[string]int{} // 1 on the stack, 2 done
	var visit func(id string, path []string)
	visit = func(id string, path []string) {
		switch state[id] {
		case 1:
			t.Errorf("cycle: %s", strings.Join(append(path, id), " → "))
			return
		case 2:
			return
		}
		state[id] = 1
		for _, c := range tree.Nodes[id].Choices {
			visit(c.Next, append(path, id))
		}
		state[id] = 2
	}
	for _, id := range tree.Order {
		visit(id, nil)
	}
}

// nodeText is everything a node shows, for the wording checks below.
func nodeText(n *flows.Node) string {
	var b strings.Builder
	b.WriteString(n.Title + "\n" + n.Body + "\n" + n.Summary + "\n")
	for _, s := range n.Steps {
		b.WriteString(s.Text + "\n")
	}
	for _, c := range n.Choices {
		b.WriteString(c.Label + "\n")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestGuideWording checks the sentences the guides require at a step.
func TestGuideWording(t *testing.T) {
	tree := defaultTree(t)
	for _, c := range []struct {
		item int
		node string
		want []string
	}{
		{7, "ig-revoked", []string{"re-authentication required", "stop background refresh"}},
		{7, "ig-interaction", []string{"re-authentication required", "stop background refresh"}},
		{7, "ig-mark-reauth", []string{"re-authentication required", "Stop background refresh"}},
		{8, "three-q-unconfirmed", []string{"not a confirmed 401", "capture"}},
		{9, "lookalike-403", []string{"re-acquire", "Grant admin consent"}},
		{2, "od-reimage-rejoin", []string{"net localgroup administrators", "dsregcmd /leave", "cloud-only"}},
		{17, "net-check", []string{"captive portal"}},
		{17, "fix-reconnect", []string{"certificate-based authentication", "reconnect required"}},
		{17, "clock-fix", []string{"Sign in again"}},
		{0, "od-method-3", []string{"files stop syncing"}},
		{0, "cause-secret", []string{"AADSTS7000215 means an invalid client secret (often the Secret ID was sent instead of its Value)"}},
		{0, "ig-read-code", []string{"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"}},
		{0, "ig-reauth", []string{"atomically"}},
		{0, "od-cause", []string{"User action", "Help-desk effort"}},
		{0, "msal-checklist", []string{"synchronised cache"}},
		{0, "cause-consent", []string{"admin-consent process"}},
		{0, "cause-owner", []string{"different tenants"}},
		{0, "cause-runtime", []string{"retried alone", "permissions missing", "throttled", "fall back"}},
		{0, "root-causes", []string{"every Teams step fails at once"}},
	} {
		n, ok := tree.Nodes[c.node]
		if !ok {
			t.Errorf("no node %s", c.node)
			continue
		}
		text := nodeText(n)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("item %d: %s does not say %q", c.item, c.node, w)
			}
		}
	}
	if why := tree.Nodes["od-connectivity"].Why; !strings.Contains(why, "learn.microsoft.com") || !strings.Contains(why, "follows") {
		t.Errorf("od-connectivity's why does not say it follows Microsoft over the guide: %q", why)
	}
}

// TestOutcomesTrueOnEveryPath checks outcome summaries against the paths
// that reach them (item 10), the escalation packets of guide 001 (item 11)
// and the "verify later" outcomes' follow-up (item 15).
func TestOutcomesTrueOnEveryPath(t *testing.T) {
	tree := defaultTree(t)
	method1 := reachable(tree, "od-method-1")
	for _, n := range tree.Outcomes() {
		if strings.Contains(n.Summary, "by design") {
			t.Errorf("%s closes as %q", n.ID, "by design")
		}
		mentions := regexp.MustCompile(`Methods? 1\b`).MatchString(n.Summary)
		if mentions && reachable(tree, "od-reimage-check")[n.ID] {
			t.Errorf("%s credits Method 1 but the reimaged-PC branch, which skips Method 1, reaches it", n.ID)
		}
		if mentions && !method1[n.ID] {
			t.Errorf("%s credits Method 1 but is not reached from it", n.ID)
		}
	}
	for _, id := range []string{"resolved-reimage-method-2", "resolved-reimage-method-3"} {
		if !strings.Contains(tree.Nodes[id].Summary, "rejoined") {
			t.Errorf("%s does not credit the rejoin", id)
		}
	}
	guide001 := []*regexp.Regexp{
		regexp.MustCompile(`UTC`), regexp.MustCompile(`endpoint and method`),
		regexp.MustCompile(`HTTP status|error body`), regexp.MustCompile(`[Cc]orrelation`),
		regexp.MustCompile(`tenant ID.*no secrets|tenant ID.*app \(client\) ID`),
		regexp.MustCompile(`7–14 days`), regexp.MustCompile(`helped`),
	}
	for _, id := range []string{"escalate-conditional-access", "escalate-device", "escalate-account", "escalate-integration", "escalate-revoked"} {
		packet := strings.Join(tree.Nodes[id].Packet, "\n")
		for _, re := range guide001 {
			if !re.MatchString(packet) {
				t.Errorf("%s's packet has nothing matching %s", id, re)
			}
		}
	}
	checkBack := regexp.MustCompile(`Check (back|the|its)[^.]*(day|morning|week)`)
	for _, id := range []string{"resolved-recurring-signin", "resolved-reconnect", "resolved-owner", "resolved-runtime", "resolved-msal", "resolved-429", "resolved-unconfirmed"} {
		if !checkBack.MatchString(tree.Nodes[id].Summary) {
			t.Errorf("%s says neither what to check nor when: %q", id, tree.Nodes[id].Summary)
		}
	}
}

// TestRevokedGrantOrder checks the steps for AADSTS50173 follow the refresh
// guide's order: read the code's dates (TokensValidFrom, when the
// revocation took effect), check what changed (the user, the audit logs),
// retry once, and only then mark the connection re-authentication
// required and stop background refresh, before the new sign-in.
func TestRevokedGrantOrder(t *testing.T) {
	n := defaultTree(t).Nodes["ig-revoked"]
	order := []string{"TokensValidFrom", "password", "Audit logs", "retry the refresh once", "re-authentication required", "Sign in again"}
	at := make([]int, len(order))
	for i, want := range order {
		at[i] = slices.IndexFunc(n.Steps, func(s flows.Instruction) bool { return strings.Contains(s.Text, want) })
		if at[i] < 0 {
			t.Fatalf("ig-revoked has no step saying %q", want)
		}
		if i > 0 && at[i] <= at[i-1] {
			t.Errorf("ig-revoked: %q (step %d) must come after %q (step %d)", want, at[i]+1, order[i-1], at[i-1]+1)
		}
	}
	if s := n.Steps[at[3]].Text + n.Steps[at[4]].Text; !strings.Contains(s, "stop background refresh") {
		t.Errorf("ig-revoked does not stop background refresh with the re-authentication mark: %q", s)
	}
	for i, who := range []flows.Actor{flows.ActorOperator, flows.ActorOperator, flows.ActorAdmin, flows.ActorAdmin, flows.ActorAdmin, flows.ActorUser} {
		if n.Steps[i].Who != who {
			t.Errorf("ig-revoked step %d is the %s's, want the %s's: %q", i+1, n.Steps[i].Who, who, n.Steps[i].Text)
		}
	}
	if !strings.Contains(n.Why, "learn.microsoft.com") || !strings.Contains(n.Why, "follows Microsoft") {
		t.Errorf("ig-revoked's why does not say where it follows Microsoft over the guide: %q", n.Why)
	}
}

// TestQuestionsSayWhatToAsk checks every question step gives the
// operator something to read out, and that the idle-time question of the
// three-question test says what each answer means.
func TestQuestionsSayWhatToAsk(t *testing.T) {
	tree := defaultTree(t)
	for _, id := range tree.Order {
		if n := tree.Nodes[id]; n.Kind == flows.KindQuestion && strings.TrimSpace(n.Body) == "" {
			t.Errorf("question %s (%q) has no body saying what to ask", id, n.Title)
		}
	}
	body := strings.Join(strings.Fields(tree.Nodes["three-q-idle"].Body), " ")
	for _, want := range []string{"Ask the user", "?\"", "**Yes:**", "**No:**", "refresh", "root-cause clusters"} {
		if !strings.Contains(body, want) {
			t.Errorf("three-q-idle's body does not say %q: %q", want, body)
		}
	}
}

// overclaims are what an outcome's summary once said that some path to it
// does not bear out: via names a step on such a path (or the step whose
// answer leads to the outcome), so the test fails if the reason goes away
// and the rule should be dropped.
var overclaims = map[string]struct {
	via, never, why string
}{
	"resolved-reconnect":        {"cause-idle", `reviewed|owner|scopes|alert`, "the answer says only that it works again; the prevention steps may not have been done"},
	"resolved-reimage-method-2": {"od-reimage-rejoin", `hybrid-joined PC or|cloud-only one`, "the answer at the rejoin already says how the PC joined again"},
	"resolved-reimage-method-3": {"od-reimage-rejoin", `hybrid-joined PC or|cloud-only one`, "the answer at the rejoin already says how the PC joined again"},
	"resolved-method-2":         {"od-method-2", `disconnected and connected again`, "a hybrid-joined PC leaves and rejoins with dsregcmd instead"},
	"resolved-recurring-policy": {"net-check", `0x8004de40`, "0x8004de88 and the Teams connection codes reach it through the network check"},
	"resolved-sync-engine":      {"sync-engine", `\bstarted\b|Not a sign-in problem`, "only a reset reaches it now; OneDrive's Method 3 also leads here"},
	"resolved-reauth":           {"ig-mark-reauth", `inactivity, fixed lifetime|marked`, "a plain invalid_grant retried once reaches it too, and the answers do not say the connection was marked"},
	"escalate-recurring":        {"rf-sso-timeout", `signing out and in`, "a session shorter than the policy says reaches it without any sign-out"},
	"escalate-idp":              {"rf-idp-down", `several users`, "the sign-in page erroring for one user reaches it too"},
	"escalate-account":          {"account-fix", `^The account is suspended, disabled, locked or frozen, and`, "\"the cause is unclear\" reaches it too"},
	"resolved-secret":           {"cause-secret", `is tracked`, "putting the expiry in the calendar is not confirmed by the answer"},
	"resolved-429":              {"lookalike-429", `fewer calls`, "the answer confirms backoff only"},
	"resolved-unconfirmed":      {"three-q-unconfirmed", `Capture is now on`, "the answer confirms only that the reconnect worked"},
	"resolved-owner":            {"recur-causes", `had changed`, "an employee's account as the owner reaches it without any change"},
}

// TestOutcomeClaimsHoldOnEveryPath checks each outcome's summary against
// the paths that reach it: it claims nothing that one of them leaves
// undone or contradicts.
func TestOutcomeClaimsHoldOnEveryPath(t *testing.T) {
	tree := defaultTree(t)
	for id, c := range overclaims {
		n, ok := tree.Nodes[id]
		if !ok {
			t.Errorf("no outcome %s", id)
			continue
		}
		paths, _ := flows.Paths(tree, id, 10000)
		via := false
		for _, p := range paths {
			via = via || slices.Contains(p, c.via)
		}
		if !via {
			t.Errorf("%s is no longer reached through %s; drop the rule", id, c.via)
		}
		if regexp.MustCompile(c.never).MatchString(n.Summary) {
			t.Errorf("%s says something matching %q, but %s: %q", id, c.never, c.why, n.Summary)
		}
	}
	// An outcome reached from one step only, that started OneDrive, says so;
	// the reset's outcome does not.
	if got := tree.Nodes["resolved-sync-start"].Summary; !strings.Contains(got, "not running") {
		t.Errorf("resolved-sync-start does not say OneDrive was not running: %q", got)
	}
}

// labelish matches the marks of an answer's label in what should be a
// user's words: the tree's routing ("go on to Method 1"), a verdict after
// a semicolon ("Fixed; it works"), or a trailing period the screens add.
var labelish = regexp.MustCompile(`(?i)go (on )?to (Method|step)|^(Yes|No|Fixed|Still failing)[:;]|; it works|[.]$`)

// TestScenarioReplies checks that every scenario says what the user
// reports at each action on its path, in the user's words rather than an
// answer's label, so a trainee has something to decide on, and that
// walking by the answers those replies mean follows the scenario.
func TestScenarioReplies(t *testing.T) {
	tree := defaultTree(t)
	for _, s := range tree.Scenarios {
		w, _ := flows.NewWalk(tree, clock())
		for i, id := range s.Expect[:len(s.Expect)-1] {
			n := tree.Nodes[id]
			words, ok := s.Replies[id]
			if n.Kind == flows.KindAction && !ok {
				t.Errorf("scenario %s passes action %s with no reply", s.ID, id)
			}
			answer, named := s.ReplyAnswers[id]
			if ok != named {
				t.Errorf("scenario %s at %s: the reply %q means no answer", s.ID, id, words)
			}
			if labelish.MatchString(words) {
				t.Errorf("scenario %s at %s: the reply reads as an answer, not as something a user says: %q", s.ID, id, words)
			}
			for _, c := range n.Choices {
				if ok && c.Label == words {
					t.Errorf("scenario %s at %s replies with an answer's label, not the user's words: %q", s.ID, id, words)
				}
			}
			if _, err := w.ChooseNext(s.Expect[i+1], answer); err != nil {
				t.Fatalf("scenario %s: %v", s.ID, err)
			}
			if got := w.Path()[i].Label; named && got != answer {
				t.Errorf("scenario %s at %s took %q, want the answer the reply means, %q", s.ID, id, got, answer)
			}
		}
		if out := w.Outcome(); out == nil || out.ID != s.Expect[len(s.Expect)-1] {
			t.Errorf("scenario %s ends at %s", s.ID, w.Current().ID)
		}
	}
}

// TestAdminStepsAreNotReadToTheUser checks that the actions only an admin
// can take (item 14) are marked as the admin's, never read to the user.
func TestAdminStepsAreNotReadToTheUser(t *testing.T) {
	tree := defaultTree(t)
	adminOnly := regexp.MustCompile(`Entra admin center|Audit logs|audit log|Certificates & secrets|App registrations|API permissions|Grant admin consent|client id, secret|Microsoft 365 admin center → (Users|\*\*Users)|Conditional Access → session`)
	for _, id := range tree.Order {
		for _, s := range tree.Nodes[id].Steps {
			if adminOnly.MatchString(s.Text) && s.Who != flows.ActorAdmin {
				t.Errorf("%s: %s step is admin-only: %q", id, s.Who, s.Text)
			}
		}
	}
}

// TestBackOfficeStepsAreNotReadToTheUser checks that steps for the
// operator, the integration's owner or its developer (code, connection
// ownership, production settings, servers) are marked as theirs, so the
// operator does not read them to the user on the call.
func TestBackOfficeStepsAreNotReadToTheUser(t *testing.T) {
	tree := defaultTree(t)
	backOffice := regexp.MustCompile(`(?i)custom code|in code|MSAL|the SDK|token cache|client assertion|connection's owner|owns the connection|dedicated integration account|in production|NTP|offline_access|idempotent|parallel branch|Graph scopes|scp/roles|Retry-After|delegated (to|and) application|validation times|team or channel`)
	for _, id := range tree.Order {
		for i, s := range tree.Nodes[id].Steps {
			if backOffice.MatchString(s.Text) && s.Who == flows.ActorUser {
				t.Errorf("%s step %d is read to the user but is not theirs to do: %q", id, i+1, s.Text)
			}
		}
	}
}

// TestThrottlingStepsForEveryPlatform checks the 429 step says where each
// platform the triage answer names keeps its retry and backoff settings,
// and who does each part.
func TestThrottlingStepsForEveryPlatform(t *testing.T) {
	n := defaultTree(t).Nodes["lookalike-429"]
	for platform, who := range map[string]flows.Actor{
		"Retry-After":     flows.ActorOperator,
		"Power Automate:": flows.ActorUser,
		"Logic Apps:":     flows.ActorUser,
		"Make:":           flows.ActorUser,
		"Zapier:":         flows.ActorUser,
		"n8n:":            flows.ActorUser,
		"In custom code:": flows.ActorAdmin,
	} {
		i := slices.IndexFunc(n.Steps, func(s flows.Instruction) bool { return strings.Contains(s.Text, platform) })
		if i < 0 {
			t.Errorf("lookalike-429 has no step for %q", platform)
			continue
		}
		if n.Steps[i].Who != who {
			t.Errorf("lookalike-429's %q step is the %s's, want the %s's", platform, n.Steps[i].Who, who)
		}
	}
	for _, want := range []string{"Retry policy", "Incomplete executions", "Autoreplay", "Retry On Fail", "backoff"} {
		if !strings.Contains(strings.ToLower(nodeText(n)), strings.ToLower(want)) {
			t.Errorf("lookalike-429 does not name %q", want)
		}
	}
}

// TestRootCausesSuggestReconnect checks that a connector's "Please
// reconnect", pasted at the first step, marks the re-authentication
// cluster when the walk reaches the root causes, and that nothing is
// suggested there without it.
func TestRootCausesSuggestReconnect(t *testing.T) {
	tree := defaultTree(t)
	p, _ := probes.Builtin().Lookup("clienterror")
	for name, paste := range map[string]string{"pasted": reconnectPrompt, "nothing pasted": ""} {
		w, _ := flows.NewWalk(tree, clock())
		if paste != "" {
			res := p.Run(context.Background(), probes.Input{Text: paste, OS: "linux"})
			if res.Facts["client.error_kind"] != "reconnect" {
				t.Fatalf("the check reads %v from the reconnect prompt", res.Facts)
			}
			w.ApplyProbe(p.Name(), paste, res, 0)
		}
		for _, next := range []string{"three-q-401", "three-q-relogin", "three-q-idle", "root-causes"} {
			if _, err := w.ChooseNext(next, ""); err != nil {
				t.Fatal(err)
			}
		}
		n, s := w.Current(), w.Suggested()
		switch {
		case paste != "" && (s < 0 || n.Choices[s].Next != "fix-reconnect"):
			t.Errorf("%s: root-causes suggests choice %d, want the re-authentication cluster", name, s)
		case paste == "" && s >= 0:
			t.Errorf("%s: root-causes suggests %q", name, n.Choices[s].Label)
		}
	}
}

// jargon is what an operator may not know, with what must explain it
// near its first use in a step's text.
var jargon = []struct {
	term, explained *regexp.Regexp
	what            string
}{
	{regexp.MustCompile(`\bPRT\b|AzureAdPrt`), regexp.MustCompile(`Primary Refresh Token`), "PRT"},
	{regexp.MustCompile(`(?i)hybrid[- ]join`), regexp.MustCompile(`Active Directory domain|AD domain`), "hybrid-joined"},
}

// TestJargonExplained checks that the first time a step (or a scenario's
// title and lesson) uses "PRT" or "hybrid-joined", plain words explain it
// right there: before it, or within the next few lines.
func TestJargonExplained(t *testing.T) {
	tree := defaultTree(t)
	check := func(where, text string) {
		for _, j := range jargon {
			loc := j.term.FindStringIndex(text)
			if loc == nil {
				continue
			}
			near := text[:min(len(text), loc[1]+240)]
			if !j.explained.MatchString(near) {
				t.Errorf("%s uses %s without explaining it: %q", where, j.what, text[loc[0]:min(len(text), loc[1]+240)])
			}
		}
	}
	for _, id := range tree.Order {
		n := tree.Nodes[id]
		var b strings.Builder
		b.WriteString(n.Title + "\n" + n.Body + "\n")
		for _, s := range n.Steps {
			b.WriteString(s.Text + "\n")
		}
		for _, c := range n.Choices {
			b.WriteString(c.Label + "\n")
		}
		b.WriteString(n.Why + "\n" + n.Summary + "\n" + strings.Join(n.Packet, "\n"))
		check(id, strings.Join(strings.Fields(b.String()), " "))
	}
	for _, s := range tree.Scenarios {
		check("scenario "+s.ID, s.Title+" "+s.Teaches)
	}
}

// triageByFolder says where the triage step's suggestion leads for the
// real pastes of each folder of testdata/probes (issue 10, item 1): an
// AADSTS or OAuth error body to the refresh guide, an HTTP error or an
// SDK's exception to the three-question test, and a client code to its
// OneDrive or Teams answer. "" means no answer is suggested: a device
// state, a list of stored credentials, a clock reading or a token is
// evidence that a later step reads, not a symptom the user reports (a
// token alone does not say whether an integration's call or an app's
// refresh failed).
var triageByFolder = map[string]string{
	"aadsts":      "ig-read-code",
	"httpstatus":  "three-q-401",
	"sdk":         "three-q-401",
	"jwt":         "",
	"clienterror": "other-codes",
	"dsregcmd":    "",
	"credentials": "",
	"clock":       "",
}

// triageExceptions are the files whose symptom differs from their
// folder's, with the reason.
var triageExceptions = map[string]struct{ next, why string }{
	"clienterror/mslearn_mirror_error_0x8004de40_0x8004de88_messages.txt":   {"od-connectivity", "its first code is 0x8004de40, with the sign-in message"},
	"clienterror/officeconsumer_0x8004de40_error_text.txt":                  {"net-check", `"There was a problem connecting to OneDrive", no code`},
	"sdk/msaldotnet_issue673_msaluirequired_xamarin_log_no_aadsts_cut.txt":  {"ig-read-code", "MSAL's invalid_grant from the token endpoint (400), a refresh failure"},
	"sdk/msaljs_issue6585_msalbrowser_verbose_b2c_interaction_required.txt": {"ig-read-code", "MSAL.js interaction_required: a token request that needs the user"},
}

// triageNotRead are the sample files no check recognises as a whole
// paste, so triage has nothing to suggest from them.
var triageNotRead = map[string]string{
	"httpstatus/graphdocs_issue2505_504_unknownerror_headers_after_body.txt":    "the status line is missing; only the Graph error code is there",
	"httpstatus/graphdocscontrib_issue8469_429_php_print_r_cut.txt":             "PHP's print_r of the response has no status line",
	"httpstatus/msgraphjs_issue297_429_escaped_headers_ags.txt":                 "escaped headers with no status line",
	"httpstatus/onedriveapidocs_issue177_429_python_headers_no_retry_after.txt": "Python's header dict with no status line",
	"sdk/graphdocs_issue5592_toomanyretries_statuscode0.txt":                    "the SDK gave up with status code 0",
	"sdk/msgraphjs_issue1693_etimedout_axios_error_json_cut.txt":                "a network timeout (ETIMEDOUT), no response",
	"sdk/msgraphpowershell_issue2569_connectmggraph_msal_debug_cut.txt":         "an MSAL debug log cut before any error",
	"jwt/idx33150959150_rfc7515_a1_linebreak_became_dot_four_segments.txt":      "a token broken into four segments",
	"jwt/idx34158821065_token_response_truncated_ellipsis.json":                 "a token cut short with an ellipsis",
	"jwt/idx47922985060_v1_decoded_id_token_dot_joined_json.txt":                "decoded claims joined by dots, not a token",
	"clock/idx60090837903_w32tm_status_partial_cmos_unsynced.txt":               "a partial w32tm status with no time in it",
	"dsregcmd/azuredocs_issue60007_status_debug_wam_error.txt":                  "a debug trace, not the status table",
}

// TestTriageSuggestsEverySymptom pastes every real sample at the triage
// step, as the wizard does when the step's own check cannot read it:
// every check that recognises the paste adds its facts, and the
// suggestion must be the symptom's answer.
func TestTriageSuggestsEverySymptom(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	files, err := filepath.Glob("../testdata/probes/*/*")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		// real/ mixes symptoms, one paste each with its .source note:
		// TestTriageSuggestsRealPastes reads each one's from its name.
		if filepath.Ext(f) == ".md" || filepath.Base(filepath.Dir(f)) == "real" {
			continue
		}
		name := filepath.Join(filepath.Base(filepath.Dir(f)), filepath.Base(f))
		folder := filepath.Base(filepath.Dir(f))
		seen[folder] = true
		t.Run(name, func(t *testing.T) {
			want, ok := triageByFolder[folder]
			if !ok {
				t.Fatalf("folder %s has no expected triage answer in triageByFolder", folder)
			}
			if ex, ok := triageExceptions[name]; ok {
				want = ex.next
			}
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			readings := probes.ReadAny(context.Background(), reg.All(), probes.Input{Text: string(text), OS: "linux"})
			if len(readings) == 0 {
				if _, ok := triageNotRead[name]; !ok {
					t.Errorf("no check reads %s: list it in triageNotRead with the reason", name)
				}
				return
			}
			w, _ := flows.NewWalk(tree, clock())
			for _, rd := range readings {
				w.ApplyProbe(rd.Probe, string(text), rd.Result, 0)
			}
			sug := w.Suggestion()
			got := ""
			if sug.Index >= 0 {
				got = w.Current().Choices[sug.Index].Next
			}
			if got != want {
				t.Errorf("triage suggests %q, want the answer to %q (facts %v)", got, want, keyFacts(w.Facts()))
			}
			if sug.Index >= 0 && len(sug.From) == 0 {
				t.Errorf("the suggestion names no source")
			}
			// The steps that route by what was read open with their ★
			// from the same paste; the connectivity questions ask the
			// user instead.
			if got == "ig-read-code" || got == "three-q-401" || got == "other-codes" {
				if _, err := w.Choose(sug.Index); err != nil {
					t.Fatal(err)
				}
				if s := w.Suggestion(); s.Index < 0 || len(s.From) == 0 {
					t.Errorf("%s opens with no suggestion from the paste (facts %v)", got, keyFacts(w.Facts()))
				}
			}
		})
	}
	for folder := range triageByFolder {
		if !seen[folder] {
			t.Errorf("no samples in testdata/probes/%s", folder)
		}
	}
}

// keyFacts are the facts that decide triage, for failure messages.
func keyFacts(f flows.Facts) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"client.error_code", "client.error_kind", "http.status", "http.class", "aadsts.code", "aadsts.category", "oauth.error", "jwt.fingerprint"} {
		if v, ok := f[k]; ok {
			out[k] = v
		}
	}
	return out
}

// TestTriageLabelNamesTheCodeRead checks that the answer suggested for a
// OneDrive sign-in code names that code and not its neighbour, and that
// the answer, once taken, leaves that code in the facts the ticket
// shows (item 3). Microsoft documents 0x8004de40 and 0x8004de88 as sign-in
// or connectivity failures, and both start with the network: 0x8004de40,
// whatever its message, at the question whether Microsoft 365 can be
// reached at all; 0x8004de88 at the network check.
func TestTriageLabelNamesTheCodeRead(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	for _, c := range []struct {
		paste, code, other, next string
	}{
		{"We couldn't sign you in. Login was either interrupted or unsuccessful. (Error Code: 0x8004de40)", "0x8004de40", "0x8004de88", "od-connectivity"},
		{"There was a problem connecting to OneDrive. Please check your Internet connection, and then try again. (0x8004de40)", "0x8004de40", "0x8004de88", "od-connectivity"},
		{"We can't sign into your account, please try again later 0x8004de88", "0x8004de88", "0x8004de40", "net-check"},
		{"There was a problem connecting to OneDrive. Please check your Internet connection. (0x8004de88)", "0x8004de88", "0x8004de40", "net-check"},
		{"There was a problem connecting to OneDrive. Please check your Internet connection, and then try again.", "", "0x8004de40", "net-check"},
	} {
		w, _ := flows.NewWalk(tree, clock())
		p, _ := reg.Lookup("clienterror")
		w.ApplyProbe(p.Name(), c.paste, p.Run(context.Background(), probes.Input{Text: c.paste}), 0)
		i := w.Suggested()
		if i < 0 {
			t.Errorf("%q: no answer suggested", c.paste)
			continue
		}
		ch := w.Current().Choices[i]
		if ch.Next != c.next || !strings.Contains(ch.Label, c.code) || strings.Contains(ch.Label, c.other) {
			t.Errorf("%q: suggests %q (→ %s), want an answer to %s naming %q and not %s", c.paste, ch.Label, ch.Next, c.next, c.code, c.other)
		}
		if _, err := w.Choose(i); err != nil {
			t.Fatal(err)
		}
		got, _ := w.Facts()["client.error_code"].(string)
		if got != c.code {
			t.Errorf("%q: after the answer the ticket's client.error_code is %q, want %q", c.paste, got, c.code)
		}
	}
	// Taken by hand, with nothing pasted, the answer naming 0x8004de40
	// records it.
	w, _ := flows.NewWalk(tree, clock())
	if _, err := w.ChooseNext("od-connectivity", ""); err != nil {
		t.Fatal(err)
	}
	if got := w.Facts()["client.error_code"]; got != "0x8004de40" {
		t.Errorf("the answer naming 0x8004de40 records client.error_code %v", got)
	}
}

// jwtExpiredGraph is an access token for Graph, with a scope, issued at
// 2024-11-23T09:00:00Z and expiring at 10:00:00Z.
const jwtExpiredGraph = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJpc3MiOiJodHRwczovL3N0cy53aW5kb3dzLm5ldC83MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDcvIiwiaWF0IjoxNzMyMzUyNDAwLCJuYmYiOjE3MzIzNTI0MDAsImV4cCI6MTczMjM1NjAwMCwidGlkIjoiNzJmOTg4YmYtODZmMS00MWFmLTkxYWItMmQ3Y2QwMTFkYjQ3IiwiYXBwaWQiOiI5YjFjMmQzZS00ZjVhLTRiNmMtOGQ3ZS0wZjFhMmIzYzRkNWUiLCJhcHBfZGlzcGxheW5hbWUiOiJMZWF2ZSBhcHByb3ZhbHMiLCJzY3AiOiJDaGFubmVsTWVzc2FnZS5TZW5kIiwidmVyIjoiMS4wIn0.G6UQ_Zt2PlmVwIy09E6_6QcImlNRtAWlj6xqucG4pKE"

// TestClaimsCheckUsesTheCallTime checks that the claims check suggests
// "expired before the failing call" only from the time of that call (a
// Date header, an AADSTS timestamp), never from jwt.expired, which
// compares exp with now (item 2): every token in an old log is expired
// now.
func TestClaimsCheckUsesTheCallTime(t *testing.T) {
	tree := defaultTree(t)
	reg := probes.Builtin()
	for name, c := range map[string]struct {
		response string // pasted at three-q-401
		aadsts   string // pasted at three-q-401 too, when set
		want     string // the step suggested at claims-check, "" for none
	}{
		"Date after exp: expired at the call": {
			response: "HTTP/1.1 401 Unauthorized\r\nDate: Sat, 23 Nov 2024 10:14:09 GMT\r\n\r\n",
			want:     "cause-runtime"},
		"Date before exp: valid at the call, so not expiry": {
			response: "HTTP/1.1 401 Unauthorized\r\nDate: Sat, 23 Nov 2024 09:30:00 GMT\r\n\r\n",
			want:     "claims-not-expiry"},
		"AADSTS timestamp after exp": {
			response: "HTTP/1.1 401 Unauthorized\r\n\r\n",
			aadsts:   "AADSTS700082: The refresh token has expired due to inactivity. Trace ID: 708192a3-b4c5-4d6e-8f70-8192a3b4c5d6 Correlation ID: 3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f70 Timestamp: 2024-11-23 11:00:00Z",
			want:     "cause-runtime"},
		"no time of the call: expired now, but nothing suggested": {
			response: "HTTP/1.1 401 Unauthorized\r\n\r\n",
			want:     ""},
	} {
		t.Run(name, func(t *testing.T) {
			w, _ := flows.NewWalkAt(tree, "three-q-401", clock())
			for probe, text := range map[string]string{"httpstatus": c.response, "aadsts": c.aadsts} {
				if text == "" {
					continue
				}
				p, _ := reg.Lookup(probe)
				w.ApplyProbe(probe, text, p.Run(context.Background(), probes.Input{Text: text}), 0)
			}
			for _, next := range []string{"three-q-relogin", "claims-check"} {
				if _, err := w.ChooseNext(next, ""); err != nil {
					t.Fatal(err)
				}
			}
			p, _ := reg.Lookup("jwt")
			w.ApplyProbe("jwt", jwtExpiredGraph, p.Run(context.Background(), probes.Input{Text: jwtExpiredGraph}), 0)
			if exp, _ := w.Facts()["jwt.expired"].(bool); !exp {
				t.Fatalf("the token is not expired now: the test needs one that is")
			}
			got := ""
			if i := w.Suggested(); i >= 0 {
				got = w.Current().Choices[i].Next
			}
			if got != c.want {
				t.Errorf("claims-check suggests %q, want %q (facts %v)", got, c.want, w.Facts())
			}
		})
	}
	body := strings.Join(strings.Fields(tree.Nodes["claims-check"].Body), " ")
	for _, want := range []string{"paste the failing response with its `Date:` header", "by hand"} {
		if !strings.Contains(body, want) {
			t.Errorf("claims-check's body does not say %q", want)
		}
	}
}

// TestWordingReadAloud holds the fixes an operator found reading the
// tree aloud on calls (item 4).
func TestWordingReadAloud(t *testing.T) {
	tree := defaultTree(t)
	steps := func(id string) []flows.Instruction { return tree.Nodes[id].Steps }

	// A step read to the user speaks to the user, and never asks them to
	// do what only a developer or an admin can.
	devOnly := regexp.MustCompile(`background refresh|\$batch|Retry-After|backoff|atomically|[Hh]eadless services`)
	thirdPerson := regexp.MustCompile(`(?i)\bthe user\b|the user's`)
	for _, id := range tree.Order {
		for _, s := range steps(id) {
			if s.Who != flows.ActorUser {
				continue
			}
			if devOnly.MatchString(s.Text) {
				t.Errorf("%s reads a developer's or admin's step to the user: %q", id, s.Text)
			}
			if thirdPerson.MatchString(s.Text) {
				t.Errorf("%s reads a step to the user that speaks of the user: %q", id, s.Text)
			}
		}
	}

	// 429 in Power Automate: the action's retry policy and concurrency
	// control are what the flow's owner can change.
	var pa []string
	for _, s := range steps("lookalike-429") {
		if s.Who == flows.ActorUser && strings.Contains(s.Text, "Power Automate") {
			pa = append(pa, s.Text)
		}
	}
	if all := strings.Join(pa, "\n"); !strings.Contains(all, "**Retry policy**") || !strings.Contains(all, "**Concurrency control**") {
		t.Errorf("lookalike-429 gives no Power Automate retry policy and concurrency control steps: %q", pa)
	}

	// After dsregcmd /leave a cloud-only PC takes only a local account.
	leave, local := -1, -1
	for i, s := range steps("od-reimage-rejoin") {
		if strings.Contains(s.Text, "dsregcmd /leave") && leave < 0 {
			leave = i
		}
		if strings.Contains(s.Text, "sign in with the local administrator account") && strings.Contains(s.Text, "cloud-only") {
			local = i
		}
	}
	if leave < 0 || local <= leave {
		t.Errorf("od-reimage-rejoin does not say to sign in with the local administrator account after /leave on a cloud-only PC (leave %d, local %d)", leave, local)
	}

	// Method 2 says what to do for each join type: Join this device is
	// for a cloud-only PC; a hybrid-joined PC is not disconnected.
	for _, id := range []string{"od-method-2", "od-reimage-method-2"} {
		hybrid := false
		for _, s := range steps(id) {
			if strings.Contains(s.Text, "→ **Join this device") && !strings.Contains(strings.ToLower(s.Text), "cloud-only") {
				t.Errorf("%s joins the device to Entra ID in a step not limited to a cloud-only PC: %q", id, s.Text)
			}
			if strings.Contains(strings.ToLower(s.Text), "hybrid-joined") && strings.Contains(s.Text, "do not Disconnect") {
				hybrid = true
			}
		}
		if !hybrid {
			t.Errorf("%s does not tell a hybrid-joined PC not to disconnect", id)
		}
	}

	// The reimage outcomes are true on the path where the cloud-only PC
	// stays unjoined after /join and Method 2's Connect joins it.
	var stays string
	for _, c := range tree.Nodes["od-reimage-rejoin"].Choices {
		if strings.HasPrefix(c.Label, "Stays unjoined") {
			stays = c.Next
		}
	}
	if stays == "" {
		t.Fatal("od-reimage-rejoin has no answer for a PC that stays unjoined")
	}
	for id := range reachable(tree, stays) {
		n := tree.Nodes[id]
		if n.Kind != flows.KindOutcome || !strings.Contains(n.Summary, "/join") {
			continue
		}
		if strings.Contains(n.Summary, "/leave, /join") || !strings.Contains(n.Summary, "Connect") {
			t.Errorf("%s credits dsregcmd /join, which does nothing on a cloud-only PC: %q", id, n.Summary)
		}
	}

	// Refresh-token failures are non-interactive sign-ins.
	for _, id := range []string{"cause-ca", "od-recurring-logs"} {
		found := false
		for _, s := range steps(id) {
			found = found || s.Who == flows.ActorAdmin && strings.Contains(s.Text, "**User sign-ins (non-interactive)**")
		}
		if !found {
			t.Errorf("%s does not send the admin to User sign-ins (non-interactive)", id)
		}
	}

	// An outcome's summary follows its title in the ticket
	// ("**Fixed by Method 2.** …"): it does not say the title again.
	fixedBy := regexp.MustCompile(`^Fixed by (.+)$`)
	for _, n := range tree.Outcomes() {
		sum := strings.ToLower(n.Summary)
		if strings.HasPrefix(sum, strings.ToLower(n.Title)) {
			t.Errorf("%s's summary starts by repeating its title %q", n.ID, n.Title)
		}
		if m := fixedBy.FindStringSubmatch(n.Title); m != nil && strings.Contains(sum, strings.ToLower(m[1])+" fixed it") {
			t.Errorf("%s says %q twice: %q", n.ID, n.Title, n.Summary)
		}
	}

	// A URL in a why is one word: the panel wraps text at spaces.
	const article = "https://learn.microsoft.com/sharepoint/troubleshoot/administration/error-0x8004de40-in-onedrive"
	if !slices.Contains(strings.Fields(tree.Nodes["od-connectivity"].Why), article) {
		t.Errorf("od-connectivity's why does not hold the article's URL whole: %q", tree.Nodes["od-connectivity"].Why)
	}
}

// TestPacketsAskWhatChecksRead checks the escalation packets' wording
// against what the checks read (item 5): the session fills an item with
// the facts its words name, so an item must ask for one thing and name
// it as the check reads it.
func TestPacketsAskWhatChecksRead(t *testing.T) {
	tree := defaultTree(t)
	// Every fact a check reads that a packet rule may use.
	pool := map[string]any{
		"aadsts.timestamp": "2026-11-24T09:12:40Z", "http.date": "2026-11-24T09:12:41Z",
		"aadsts.code": 700003, "oauth.error": "invalid_grant", "aadsts.trace_id": "92a3b4c5-d6e7-4f80-91a2-b3c4d5e6f708",
		"aadsts.correlation_id": "5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9", "http.request_id": "94fb3b52-452a-4535-a601-69e0a90e3aa2",
		"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken", "client.error_code": "0x8004de40",
		"jwt.tid": "72f988bf-86f1-41af-91ab-2d7cd011db47", "jwt.appid": "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "jwt.upn": "adele@contoso.example",
		"device.id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "clock.skew_seconds": 540, "onedrive.running": true,
	}
	timeFacts := regexp.MustCompile(`^(aadsts\.timestamp|http\.date) = `)
	codeFacts := regexp.MustCompile(`^(aadsts\.code|client\.error_code|oauth\.error) = `)
	whenFailed := regexp.MustCompile(`(?i)fail|appeared|started`)
	for _, n := range tree.Outcomes() {
		for _, it := range session.FillPacket(n.Packet, pool, nil) {
			var times, codes bool
			for _, ev := range it.Evidence {
				times = times || timeFacts.MatchString(ev)
				codes = codes || codeFacts.MatchString(ev)
			}
			// The time an error was raised answers when a failure
			// happened, nothing else (not a skew, not a rejoin).
			if times && !whenFailed.MatchString(it.Item) {
				t.Errorf("%s: the failure's time would answer %q", n.ID, it.Item)
			}
			// One item, one ask: a code with its time reads as collected
			// when only one of them was.
			if times && codes {
				t.Errorf("%s: %q asks for a code and a time at once", n.ID, it.Item)
			}
			// The AADSTS error carries a Trace ID and a Correlation ID;
			// a request ID is an HTTP response's header.
			if strings.Contains(it.Item, "AADSTS code") && strings.Contains(it.Item, "ID") &&
				(!strings.Contains(it.Item, "Trace ID") || !strings.Contains(it.Item, "Correlation ID") || strings.Contains(it.Item, "request ID")) {
				t.Errorf("%s: %q does not name the AADSTS error's Trace ID and Correlation ID", n.ID, it.Item)
			}
		}
	}

	// "Which fixes were tried" belongs where every way in is a fix that
	// was tried, and there it is asked.
	into := map[string][]*flows.Node{}
	for _, id := range tree.Order {
		for _, c := range tree.Nodes[id].Choices {
			into[c.Next] = append(into[c.Next], tree.Nodes[id])
		}
	}
	tried := regexp.MustCompile(`^Which fixes were tried on this call`)
	for _, n := range tree.Outcomes() {
		asks := slices.ContainsFunc(n.Packet, tried.MatchString)
		allFixes := n.Result == flows.ResultEscalate && len(into[n.ID]) > 0
		for _, from := range into[n.ID] {
			allFixes = allFixes && from.Kind == flows.KindAction
		}
		if asks && !allFixes {
			t.Errorf("%s asks which fixes were tried, but a question with no fix leads to it", n.ID)
		}
	}
	for _, id := range []string{"escalate-onedrive", "escalate-integration"} {
		if !slices.ContainsFunc(tree.Nodes[id].Packet, tried.MatchString) {
			t.Errorf("%s does not ask which fixes were tried", id)
		}
	}
}

// TestTriageSuggestsFromClientErrorKind sets the two kinds of app message
// the clienterror check recognises (an app's "token has expired and
// refresh failed", a connector asking to be reconnected) directly, as the
// check will once it reads them, and checks where triage points: the
// refresh-failure guide, and the three-question test of the integration
// guide. Neither goes to the neighbouring codes.
func TestTriageSuggestsFromClientErrorKind(t *testing.T) {
	tree := defaultTree(t)
	cases := map[string]struct {
		facts map[string]any
		want  string
		rule  string // the answer's rule as the why panel reads it
	}{
		"refresh failed": {map[string]any{"client.error_kind": "refresh-failed"}, "rf-kind",
			"client.error_kind is refresh-failed"},
		"connector asks to reconnect": {map[string]any{"client.error_kind": "reconnect"}, "three-q-401",
			"http.class in [authentication, permission, throttling, server] and aadsts.category is not set, or client.error_kind is reconnect"},
		"a 401 without a code still": {map[string]any{"http.status": 401, "http.class": "authentication"}, "three-q-401",
			"http.class in [authentication, permission, throttling, server] and aadsts.category is not set, or client.error_kind is reconnect"},
		"a 401 with an AADSTS code": {map[string]any{"http.status": 400, "http.class": "authentication", "aadsts.category": "revoked"}, "ig-read-code",
			"aadsts.category is set"},
	}
	for name, c := range cases {
		w, _ := flows.NewWalk(tree, clock())
		w.ApplyProbe("clienterror", "pasted", probes.Result{Status: probes.StatusFail, Facts: c.facts}, 0)
		sug := w.Suggestion()
		if sug.Index < 0 {
			t.Errorf("%s: nothing suggested", name)
			continue
		}
		ch := w.Current().Choices[sug.Index]
		if ch.Next != c.want {
			t.Errorf("%s: suggests %q (→ %s), want the answer to %s", name, ch.Label, ch.Next, c.want)
		}
		if got := ch.When.String(); got != c.rule {
			t.Errorf("%s: the rule reads %q, want %q", name, got, c.rule)
		}
		if len(sug.From) != 1 || sug.From[0].Probe != "clienterror" {
			t.Errorf("%s: sources %+v, want the clienterror paste", name, sug.From)
		}
		if strings.Contains(ch.Why, "No check reads") {
			t.Errorf("%s: the answer's why still says no check reads it: %q", name, ch.Why)
		}
	}
}
