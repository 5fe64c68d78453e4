package session

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"deskside/probes"
)

func TestFillPacket(t *testing.T) {
	answers := []Answered{
		{Step: 2, Title: "First: can the user reach Microsoft 365 at all?", Label: "Yes: office.com works and other apps are signed in", Sets: map[string]any{"answer.office_web_loads": true}},
		{Step: 5, Title: "Network check", Label: "No: it fails on the phone's hotspot too", Sets: map[string]any{"answer.other_network_works": false}},
	}
	yes401 := []Answered{{Step: 2, Title: "Three-question test, 1 of 3: is it a 401?", Label: "Yes, 401 Unauthorized", Sets: map[string]any{"answer.status_confirmed": true, "http.status": 401}}}
	methods := []Answered{
		{Step: 1, Title: "What is the user seeing?", Label: "OneDrive pop-up (0x8004de40)", Sets: map[string]any{"client.error_code": "0x8004de40"}},
		{Step: 2, Title: "Method 1: remove stored credentials (Credential Manager)", Label: "Still failing"},
		{Step: 3, Title: "Method 2: disconnect and reconnect the work account", Label: "Still failing"},
		{Step: 4, Title: "Reimaged PC: leave and rejoin Entra ID", Label: "Joined again; still failing"},
		{Step: 5, Title: "Method 3: unlink and relink OneDrive on this PC", Label: "Still failing"},
	}
	const fixes = "Which fixes were tried on this call (Methods 1–3, the rejoin, the sync app's reset) and what each changed"
	cases := map[string]struct {
		item    string
		facts   map[string]any
		answers []Answered
		want    []string
		done    bool
		missing []string
	}{
		// Answers on the path.
		"an answer on the path answers the item": {
			item: "Whether https://login.microsoftonline.com and https://office.com load", answers: answers,
			want: []string{"answered at step 2: Yes: office.com works and other apps are signed in"}, done: true},
		"a second answer answers another item": {
			item: "That the same PC works on another network", answers: answers,
			want: []string{"answered at step 5: No: it fails on the phone's hotspot too"}, done: true},
		"an answer that set another fact does not count": {
			item: "Whether reconnecting helped, and for how long", answers: answers,
			missing: []string{"whether signing in again helped"}},

		// The status and the error body.
		"a typed 401 alone does not tick the full error body": {
			item: "The HTTP status and the full error body", answers: yes401,
			want:    []string{"answered at step 2: Yes, 401 Unauthorized"},
			missing: []string{"the error body"}},
		"the pasted body with the answer does": {
			item:    "The HTTP status and the full error body",
			facts:   map[string]any{"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken"},
			answers: yes401,
			want:    []string{"http.status = 401", "answered at step 2: Yes, 401 Unauthorized", "http.graph_error_code = InvalidAuthenticationToken"}, done: true},
		"one alternative is enough": {
			item:  "The HTTP status and full error body, or the error text the user sees",
			facts: map[string]any{"client.error_code": "0x8004de40"},
			want:  []string{"client.error_code = 0x8004de40"}, done: true},

		// The time the error appeared.
		"the call's own times never tick the error's time": {
			item: "The error code and the time it appeared in UTC", facts: map[string]any{"aadsts.code": 50173}, answers: answers,
			want: []string{"aadsts.code = 50173"}, missing: []string{"the time of the failure"}},
		"the error's time read from a paste does": {
			item:  "The error code and the time it appeared in UTC",
			facts: map[string]any{"aadsts.code": 50173, "aadsts.timestamp": "2026-11-19T10:01:00Z"},
			want:  []string{"aadsts.timestamp = 2026-11-19T10:01:00Z", "aadsts.code = 50173"}, done: true},
		"the Date header is the failure's time, in UTC": {
			item: "Timestamps of the failures in UTC", facts: map[string]any{"http.date": "2026-11-19T11:01:00+01:00"},
			want: []string{"http.date = 2026-11-19T10:01:00Z"}, done: true},
		"a time alone does not tick the code": {
			item: "The error code the user sees", facts: map[string]any{"aadsts.timestamp": "2026-11-19T10:01:00Z"},
			missing: []string{"the error code"}},

		// IDs: each one named must be there.
		"a Trace ID without the Correlation ID is half of it": {
			item:  "The AADSTS code, Trace ID and Correlation ID of a failed sign-in",
			facts: map[string]any{"aadsts.code": 700082, "aadsts.trace_id": "92a3b4c5-d6e7-4f80-91a2-b3c4d5e6f708"},
			want:  []string{"aadsts.code = 700082", "aadsts.trace_id = 92a3b4c5-d6e7-4f80-91a2-b3c4d5e6f708"}, missing: []string{"the Correlation ID"}},
		"the tenant without the app id": {
			item: "The tenant ID and app (client) ID — no secrets, no tokens", facts: map[string]any{"tenant.id": "72f988bf-86f1-41af-91ab-2d7cd011db47"},
			want: []string{"tenant.id = 72f988bf-86f1-41af-91ab-2d7cd011db47"}, missing: []string{"the app (client) ID"}},
		"a redirect URI is never read, so the item stays open": {
			item: "The app's client id and redirect URI (no secrets)", facts: map[string]any{"jwt.appid": "3f2a9c1e"},
			want: []string{"jwt.appid = 3f2a9c1e"}, missing: []string{"the redirect URI"}},
		"nothing names what deskside can read": {
			item: "The failing endpoint and method (e.g. POST https://graph.microsoft.com/v1.0/teams/…/messages)", facts: map[string]any{"http.status": 401}},

		// The fixes tried.
		"the fixes tried are the Method steps on the path, with their answers": {
			item: fixes, answers: methods,
			want: []string{
				"step 2 (Method 1: remove stored credentials (Credential Manager)): Still failing",
				"step 3 (Method 2: disconnect and reconnect the work account): Still failing",
				"step 4 (Reimaged PC: leave and rejoin Entra ID): Joined again; still failing",
				"step 5 (Method 3: unlink and relink OneDrive on this PC): Still failing"}, done: true},
		"no fix on the path, nothing tried": {
			item: fixes, answers: answers, missing: []string{"the fixes tried"}},

		// The clock.
		"the clock's skew is ticked from the clock check": {
			item:  "How far off the clock is, as the clock check measured it",
			facts: map[string]any{"clock.skew_seconds": 540, "clock.direction": "ahead", "clock.checked": "this machine", "aadsts.timestamp": "2026-11-19T10:01:00Z"},
			want:  []string{"clock.skew_seconds = 540", "clock.direction = ahead", "clock.checked = this machine"}, done: true},
		"no clock check, no skew": {
			item: "How far off the clock is, as the clock check measured it", facts: map[string]any{"http.date": "2026-11-19T10:01:00Z"},
			missing: []string{"the clock's skew"}},
		"the time source from w32tm": {
			item: "The output of w32tm /query /status (or the NTP client's status)", facts: map[string]any{"clock.source": "time.windows.com"},
			want: []string{"clock.source = time.windows.com"}, done: true},
		"the OneDrive version without whether it runs": {
			item: "The OneDrive version and whether it is running", facts: map[string]any{"onedrive.version": "24.201"},
			want: []string{"onedrive.version = 24.201"}, missing: []string{"whether OneDrive is running"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := FillPacket([]string{tc.item}, tc.facts, tc.answers)
			if len(got) != 1 || got[0].Item != tc.item {
				t.Fatalf("got %+v", got)
			}
			if !reflect.DeepEqual(got[0].Evidence, tc.want) {
				t.Errorf("evidence %q, want %q", got[0].Evidence, tc.want)
			}
			if got[0].Collected() != tc.done {
				t.Errorf("collected = %v, want %v", got[0].Collected(), tc.done)
			}
			if !reflect.DeepEqual(got[0].Missing, tc.missing) {
				t.Errorf("missing %q, want %q", got[0].Missing, tc.missing)
			}
		})
	}
}

// TestPacketAsksAreDeclared holds the packet's facts to the fact names'
// contract: each is declared by a check, or is an answer fact.
func TestPacketAsksAreDeclared(t *testing.T) {
	declared := map[string]bool{}
	for _, p := range probes.Builtin().All() {
		for _, f := range p.Facts() {
			declared[f.Name] = true
		}
	}
	for _, a := range packetAsks {
		for _, f := range slices.Concat(a.facts, a.answers) {
			if !declared[f] && !strings.HasPrefix(f, "answer.") {
				t.Errorf("%s: %q is declared by no check", a.what, f)
			}
		}
	}
}
