package probes

import (
	"context"
	"slices"
	"strings"
)

// ClientError reads the error a OneDrive, Teams or Office client shows
// (0x8004de40, 0xCAA70004…) and says what kind of failure the code is, so
// triage can tell a sign-in problem from a network, quota or sync-engine
// problem before anyone clears credentials.
type ClientError struct{}

// Name returns "clienterror".
func (ClientError) Name() string { return "clienterror" }

// Describe says what to paste.
func (ClientError) Describe() Description {
	return Description{
		Title:   "Read a OneDrive or Teams error",
		Paste:   "the error the user sees, as they read it out or copy it (the code such as 0x8004de40 matters most)",
		Example: "We couldn't sign you in (Error code: 0x8004de40)",
	}
}

// Facts declares what the error tells.
func (ClientError) Facts() []FactSpec {
	return []FactSpec{
		{"client.error_code", FactString, "the first client error code found, lower-case hex (0x8004de40)"},
		{"client.codes", FactStrings, "every client error code found"},
		{"client.error_kind", FactString, "sign-in, connectivity, account-frozen, modern-auth, sync-engine, on-premises, conditional-access, network, unknown; refresh-failed (an app says its token has expired and the refresh failed) or reconnect (a connector or integration asks to reconnect because its access token expired)"},
		{"client.app", FactString, "onedrive, teams or office, when the code tells"},
		{"client.says_connectivity", FactBool, "the message itself talks of the connection or the Internet"},
	}
}

// oneSpace puts a phrase that a paste wrapped over lines back on one line.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

type clientCode struct {
	App, Kind, Meaning string
}

// clientCodes are the codes operators meet at triage, in deskside's words.
var clientCodes = map[string]clientCode{
	"0x8004de40": {"onedrive", "sign-in", "OneDrive could not sign in: a stale cached token or account state, or the client could not reach the service (network, proxy, TLS 1.2)."},
	"0x8004de88": {"onedrive", "connectivity", "OneDrive could not reach the service to sign in: check the network, proxy, TLS 1.2 and cipher suites."},
	"0x8004def7": {"onedrive", "account-frozen", "The OneDrive account is over its storage limit, suspended or frozen, or the sync app's setup is broken."},
	"0x8004deb4": {"onedrive", "modern-auth", "Sign-in was interrupted: on Entra-joined PCs with silent sign-in this points at modern authentication (ADAL) being off in the registry."},
	"0x8004de81": {"onedrive", "on-premises", "OneDrive could not connect to an on-premises SharePoint Server library: not a Microsoft 365 sign-in problem."},
	"0x80070194": {"onedrive", "sync-engine", "The cloud file provider exited unexpectedly: the Files On-Demand sync engine crashed; reset or relink OneDrive."},
	"0x8007016a": {"onedrive", "sync-engine", "The cloud file provider is not running: the sync engine is stopped or blocked; restart or reset OneDrive."},
	"0xcaa20004": {"teams", "conditional-access", "A Conditional Access policy stopped the sign-in: the tenant admin checks the sign-in log."},
	"0xcaa70004": {"office", "network", "The client could not connect to the sign-in service (network, proxy or TLS); other Office apps fail the same way."},
	"0xcaa70007": {"office", "network", "The connection to the sign-in service failed (network, proxy or TLS)."},
	"0xcaa82ee2": {"office", "network", "The request to the sign-in service timed out."},
	"0xcaa82ee7": {"office", "network", "The sign-in service's name could not be resolved (DNS)."},
	"0xcaa3012c": {"office", "network", "The sign-in request failed on the network (facility AA3: a firewall, proxy or DNS problem)."},
	"0xcaa80000": {"office", "network", "The sign-in request failed on the network (facility AA8)."},
	"0x102":      {"office", "network", "The wait for the sign-in service timed out."},
}

var (
	reClientCode = lazyRegexp(`(?i)\b0x(?:8004de[0-9a-f]{2}|8007[0-9a-f]{4}|caa[0-9a-f]{5}|102)\b`)
	// reConnectivity finds a message about the connection. "offline" counts
	// only as a word of its own: the OAuth scope offline_access, in every
	// MSAL log and token request, is not the user being offline.
	// reRefreshFailed is the app message of the SSO refresh-failure guide,
	// in the wordings apps use: "token has expired and refresh failed",
	// "The token has expired and the refresh failed", "token expired and
	// refresh failed".
	reRefreshFailed = lazyRegexp(`(?i)\btoken\s+(?:has\s+)?expired,?\s+and\s+(?:the\s+|its\s+)?(?:token\s+)?refresh(?:ing)?\s+(?:has\s+)?failed`)
	// reReconnect is a connector (Power Automate, Logic Apps) asking for
	// its connection to be signed in again because its access token expired.
	reReconnect    = lazyRegexp(`(?i)access\s+token\s+(?:has\s+)?expired[.,;:]?\s+(?:please\s+)?re-?connect|unauthorized[.:,]?\s+(?:the\s+)?access\s+token\s+(?:has\s+)?expired|\bconnection\b[^\n]{0,160}?\bneeds?\s+to\s+be\s+re-?authenticated|please\s+re-?connect\s+(?:the|your|this)\s+connection`)
	reConnectivity = lazyRegexp(`(?i)internet connection|problem connecting|can't connect|cannot connect|could not connect|no connection|timed out|name not resolved|\boffline(?:[^\w-]|$)`)
)

// Run reads the error.
func (ClientError) Run(_ context.Context, in Input) Result {
	const expected = "a OneDrive, Teams or Office error with its code (such as 0x8004de40 or 0xCAA70004), or an app's message such as \"token has expired and refresh failed\""
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	var codes []string
	for _, c := range reClientCode().FindAllString(text, 32) {
		c = strings.ToLower(c)
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	conn := reConnectivity().MatchString(text)
	b := newBuilder("problem")
	b.set("client.says_connectivity", conn)
	if len(codes) == 0 {
		if m := reRefreshFailed().FindString(text); m != "" {
			b.set("client.error_kind", "refresh-failed")
			b.raise(StatusFail)
			b.detailf("the message says %q", oneSpace(m))
			return b.result("The app says its token has expired and the refresh failed: the app could not renew the user's sign-in by itself, so follow the refresh-failure steps")
		}
		if m := reReconnect().FindString(text); m != "" {
			b.set("client.error_kind", "reconnect")
			b.raise(StatusFail)
			b.detailf("the message says %q", oneSpace(m))
			return b.result("A connection asks to be signed in again because its access token expired: an integration's connection (Power Automate, Logic Apps or a connector), not the user's own sign-in")
		}
		if !conn {
			return errorResult(expected, text)
		}
		b.set("client.error_kind", "connectivity")
		b.raise(StatusWarn)
		return b.result("No error code, but the message is about the connection: check that the user can reach the Internet and office.com first")
	}
	b.raise(StatusFail)
	b.set("client.codes", codes)
	b.set("client.error_code", codes[0])
	primary, known := clientCodes[codes[0]]
	for _, c := range codes {
		if info, ok := clientCodes[c]; ok {
			b.detailf("%s [%s] %s", c, info.Kind, info.Meaning)
		} else {
			b.detail(c + " [unknown to deskside]")
		}
	}
	kind := "unknown"
	summary := codes[0] + " is not a code deskside knows: search Microsoft's documentation for it"
	if known {
		kind = primary.Kind
		if kind == "sign-in" && conn {
			kind = "connectivity"
		}
		b.set("client.app", primary.App)
		summary = codes[0] + ": " + strings.TrimSuffix(primary.Meaning, ".")
	}
	b.set("client.error_kind", kind)
	if conn && kind != "connectivity" && kind != "network" {
		b.note("the message talks of the connection; check the network before anything else")
	}
	if kind == "connectivity" && primary.Kind == "sign-in" {
		summary += "; this message is about the connection, so check the network first"
	}
	return b.result(summary)
}
