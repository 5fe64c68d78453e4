package probes

import (
	"strings"
	"testing"
)

// TestCredentialsAsRead covers what the operator reads of each entry (its
// user and persistence, for entries in either list format), the summary's
// wording by kind, and how many whole names fit in it.
func TestCredentialsAsRead(t *testing.T) {
	// officeTarget is an Office target whose shown name is n characters,
	// its user name made of the letter c.
	officeTarget := func(n int, c string) string {
		const head, tail = "MicrosoftOffice16_Data:SSPI:", "@contoso.example"
		return head + strings.Repeat(c, n-len(head)-len(tail)) + tail
	}
	entries := func(targets ...string) string {
		var b strings.Builder
		b.WriteString("Currently stored credentials:\n\n")
		for _, tg := range targets {
			b.WriteString("    Target: LegacyGeneric:target=" + tg + "\n    Type: Generic\n    User: adele@contoso.example\n\n")
		}
		return b.String()
	}
	onedrive := "OneDrive Cached Credential Business - Business1"
	cases := map[string]reading{
		"the first entry's user and persistence": {status: StatusWarn,
			input:   "Currently stored credentials:\n\n    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele@contoso.example\n    Type: Generic\n    User: adele@contoso.example\n    Local machine persistence\n",
			details: []string{"office   LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele@contoso.example (user adele@contoso.example) — local machine persistence"}},
		"no persistence line: none shown": {input: entries(onedrive), status: StatusWarn,
			details: []string{"onedrive LegacyGeneric:target=" + onedrive + " (user adele@contoso.example)"}, never: []string{"—"}},
		"a listed entry then its user": {status: StatusWarn,
			input:   "[*] Enumerating generic credentials\n[-] LegacyGeneric:target=" + onedrive + "\n    User: adele@contoso.example\n",
			details: []string{"onedrive LegacyGeneric:target=" + onedrive + " (user adele@contoso.example)"}},
		"a label of 24 bytes with its indent is read": {status: StatusWarn,
			input:   "    Target: LegacyGeneric:target=" + onedrive + "\n" + strings.Repeat(" ", 20) + "User: adele@contoso.example\n",
			details: []string{"(user adele@contoso.example)"}},
		"a label of 25 bytes is not": {status: StatusWarn,
			input: "    Target: LegacyGeneric:target=" + onedrive + "\n" + strings.Repeat(" ", 21) + "User: adele@contoso.example\n",
			never: []string{"(user "}},
		"Office only": {input: entries(officeTarget(60, "a")), status: StatusWarn,
			prefix: "1 Office cached credential to remove in Method 1: " + officeTarget(60, "a")},
		"OneDrive only": {input: entries(onedrive), status: StatusWarn,
			prefix: "1 OneDrive cached credential to remove in Method 1: " + onedrive},
		"both": {input: entries(officeTarget(60, "a"), onedrive), status: StatusWarn,
			prefix: "2 cached credentials (1 Office, 1 OneDrive) to remove in Method 1: " + officeTarget(60, "a") + "; " + onedrive},
		"two names of 200 characters with the separator: both named": {input: entries(officeTarget(99, "a"), officeTarget(99, "b")), status: StatusWarn,
			summary: officeTarget(99, "a") + "; " + officeTarget(99, "b") + "."},
		"201 characters: the second is counted": {input: entries(officeTarget(100, "a"), officeTarget(99, "b")), status: StatusWarn,
			summary: officeTarget(100, "a") + "; … and 1 more (all in the details)"},
	}
	checkReadings(t, Credentials{}, cases)
}
