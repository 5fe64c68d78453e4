package probes

import (
	"context"
	"strings"
	"testing"
)

// TestClientErrorConnectionNote: a message that talks of the connection
// gets the note "check the network before anything else" unless the code
// already says so: a sign-in code read as connectivity says it in the
// summary, and a network code is about the network.
func TestClientErrorConnectionNote(t *testing.T) {
	const note = "check the network before anything else"
	cases := []struct {
		name, paste string
		kind        string
		noted       bool
	}{
		{"sign-in code with a connection message", "OneDrive: error code 0x8004de40. There's a problem connecting to OneDrive.", "connectivity", false},
		{"network code with a connection message", "Microsoft 365 sign-in: error 0xcaa70004, the request timed out.", "network", false},
		{"other code with a connection message", "OneDrive error 0x8004def7. There's a problem connecting to OneDrive.", "account-frozen", true},
		{"other code, no connection message", "OneDrive error 0x8004def7: your account is frozen.", "account-frozen", false},
	}
	for _, tc := range cases {
		r := (ClientError{}).Run(context.Background(), Input{Text: tc.paste})
		if r.Facts["client.error_kind"] != tc.kind {
			t.Errorf("%s: kind %v, want %s", tc.name, r.Facts["client.error_kind"], tc.kind)
		}
		text := r.Text()
		if got := strings.Contains(text, note); got != tc.noted {
			t.Errorf("%s: the connection note shown %v, want %v:\n%s", tc.name, got, tc.noted, text)
		}
	}
}
