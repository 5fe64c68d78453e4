package probes

import (
	"context"
	"strings"
	"testing"
)

const cmdkeyTypical = `
Currently stored credentials:

    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele@contoso.example
    Type: Generic
    User: adele@contoso.example
    Local machine persistence

    Target: LegacyGeneric:target=MicrosoftOffice16_Data:ADAL:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b
    Type: Generic
    User: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b
    Local machine persistence

    Target: LegacyGeneric:target=OneDrive Cached Credential Business - Business1
    Type: Generic
    User: adele@contoso.example

    Target: Domain:target=fileserver01
    Type: Domain Password
    User: CONTOSO\adele

`

const cmdkeyGerman = `Derzeit gespeicherte Anmeldeinformationen:

    Ziel: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:jonas@contoso.example
    Typ: Generisch
    Benutzer: jonas@contoso.example
`

func TestCredentials(t *testing.T) {
	cases := map[string]probeCase{
		"typical list": {input: cmdkeyTypical, status: StatusWarn, want: map[string]any{
			"creds.count": 4, "creds.office_count": 2, "creds.onedrive_count": 1, "creds.identity_count": 0,
			"creds.to_remove": []string{
				"LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele@contoso.example",
				"LegacyGeneric:target=MicrosoftOffice16_Data:ADAL:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
				"LegacyGeneric:target=OneDrive Cached Credential Business - Business1",
			},
		}, summary: "3 cached credentials (2 Office, 1 OneDrive) to remove in Method 1: MicrosoftOffice16_Data:SSPI:adele@contoso.example; MicrosoftOffice16_Data:ADAL:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b; OneDrive Cached Credential Business - Business1."},
		"german": {input: cmdkeyGerman, status: StatusWarn, want: map[string]any{"creds.count": 1, "creds.office_count": 1}},
		"none stored": {input: "\nCurrently stored credentials:\n\n* NONE *\n", status: StatusOK, want: map[string]any{"creds.count": 0, "creds.to_remove": []string{}},
			summary: "Method 1 has nothing to remove"},
		"CloneVault listing": {input: sample(t, "credentials/clonevault_list_onedrive_business1.txt"), status: StatusWarn, want: map[string]any{
			"creds.count": 3, "creds.onedrive_count": 1, "creds.office_count": 0, "creds.identity_count": 2,
			"creds.to_remove": []string{"LegacyGeneric:target=OneDrive Cached Credential Business - Business1"},
			"creds.targets":   []string{"MicrosoftAccount:target=SSO_POP_Device", "LegacyGeneric:target=OneDrive Cached Credential Business - Business1", "WindowsLive:target=virtualapp/didlogical"},
		}},
		"Teams ADAL targets named in code": {input: sample(t, "credentials/idx15060453206_teams_credential_reader_targets.txt"), status: StatusOK, want: map[string]any{
			"creds.identity_count": 2, "creds.office_count": 0,
			"creds.targets": []string{"msteams_adalsso/adal_context_segments", "msteams_adalsso/adal_context_{segmentIndex}"},
		}},
		"no blank lines between entries": {input: sample(t, "credentials/idx36503001467_pentest_report_cmdkey_msa_device.txt"), status: StatusOK, want: map[string]any{
			"creds.count": 3, "creds.office_count": 0, "creds.onedrive_count": 0, "creds.identity_count": 3,
			"creds.targets": []string{"MicrosoftAccount:target=SSO_POP_Device", "LegacyGeneric:target=XboxLive", "WindowsLive:target=virtualapp/didlogical"},
		}, summary: "No Office or OneDrive"},
		"Office 2013 SSPI entry with tabs": {input: sample(t, "credentials/idx7467771_donpapi_comment_office15_sspi_credential.txt"), status: StatusWarn, want: map[string]any{
			"creds.office_count": 1, "creds.to_remove": []string{"LegacyGeneric:target=MicrosoftOffice15_Data:SSPI:v.xxxxxxx@xxxxxx.com"},
		}, summary: "1 Office cached credential to remove in Method 1: MicrosoftOffice15_Data:SSPI:v.xxxxxxx@xxxxxx.com."},
		"not a list": {input: "C:\\> dir\n Volume in drive C has no label.", status: StatusError, summary: "Expected the output of cmdkey /list"},
	}
	runCases(t, Credentials{}, cases)
}

// TestCredentialsShowUsersAsTheyAre: the operator must find each target
// by its exact name, user name included, so the check reports it as it
// is; the session layer masks identities in an export when asked.
func TestCredentialsShowUsersAsTheyAre(t *testing.T) {
	r := Credentials{}.Run(context.Background(), Input{Text: cmdkeyTypical})
	if !strings.Contains(r.Summary, "MicrosoftOffice16_Data:SSPI:adele@contoso.example;") {
		t.Errorf("summary does not name the SSPI target whole: %q", r.Summary)
	}
	details := strings.Join(r.Details, "\n")
	for _, want := range []string{"(user adele@contoso.example)", `(user CONTOSO\adele)`} {
		if !strings.Contains(details, want) {
			t.Errorf("details lack %q:\n%s", want, details)
		}
	}
	if strings.Contains(r.Summary+details, "***") {
		t.Errorf("a user name is masked: %q\n%s", r.Summary, details)
	}
}

// TestClassifyTargetOracle uses a published list of Credential Manager
// prefixes that belong to Microsoft sign-in state.
func TestClassifyTargetOracle(t *testing.T) {
	text := sample(t, "credentials/idx70918148160_passkeeper_system_prefixes.txt")
	var prefixes []string
	for _, part := range strings.Split(text, `"`) {
		if strings.ContainsAny(part, "[]{};=\n") && !strings.Contains(part, "target=") {
			continue
		}
		if p := strings.TrimSpace(part); p != "" && p != "," {
			prefixes = append(prefixes, p)
		}
	}
	if len(prefixes) != 16 {
		t.Fatalf("read %d prefixes from the sample, want 16: %q", len(prefixes), prefixes)
	}
	notMicrosoft := map[string]bool{"Adobe App": true, "vscodevscode.github-authentication": true}
	for _, p := range prefixes {
		got := classifyTarget(p + "example")
		if notMicrosoft[p] {
			if got != "other" {
				t.Errorf("%q classified %s, want other", p, got)
			}
		} else if got == "other" {
			t.Errorf("%q classified other, want a Microsoft kind", p)
		}
	}
	for target, want := range map[string]string{
		"LegacyGeneric:target=MicrosoftOffice16_Data:ADAL:x": "office",
		"OneDrive Cached Credential Personal":                "onedrive",
		"msteams_adalsso/adal_context_0":                     "identity",
		"Domain:target=fileserver01":                         "other",
	} {
		if got := classifyTarget(target); got != want {
			t.Errorf("classifyTarget(%q) = %s, want %s", target, got, want)
		}
	}
}

// TestCredentialsSummaryNamesWholeTargets: the operator reads the targets
// to delete from the summary, so each one it names is whole, and those
// that do not fit are counted, never cut.
func TestCredentialsSummaryNamesWholeTargets(t *testing.T) {
	var b strings.Builder
	b.WriteString("Currently stored credentials:\n\n")
	targets := []string{
		"OneDrive Cached Credential – Business - Contoso Pharmaceuticals (Research and Development)",
		"MicrosoftOffice16_Data:ADAL:3e47136a-2382-43d3-98e7-fa3646a91bfe@@@8.000000",
		"MicrosoftOffice16_Data:ADAL:3e47136a-2382-43d3-98e7-fa3646a91bfe@@@4.000000",
		"MicrosoftOffice16_Data:ADAL:3e47136a-2382-43d3-98e7-fa3646a91bfe@@@2.000000",
		"OneDrive Cached Credential – Personal",
	}
	for _, tg := range targets {
		b.WriteString("    Target: LegacyGeneric:target=" + tg + "\n    Type: Generic\n    User: 3e47136a-2382-43d3-98e7-fa3646a91bfe\n    Local machine persistence\n\n")
	}
	r := Credentials{}.Run(context.Background(), Input{Text: b.String(), OS: "linux"})
	const head = "5 cached credentials (3 Office, 2 OneDrive) to remove in Method 1: "
	if !strings.HasPrefix(r.Summary, head) {
		t.Fatalf("summary %q does not start %q", r.Summary, head)
	}
	listed, more, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(r.Summary, head), "."), "; … and ")
	if !ok || more != "3 more (all in the details)" {
		t.Errorf("summary %q does not count the targets it leaves out as 3 more", r.Summary)
	}
	for i, name := range strings.Split(listed, "; ") {
		if name != targets[i] {
			t.Errorf("summary names %q, want the whole target %q", name, targets[i])
		}
	}
	if got := wholeNames([]string{strings.Repeat("x", 300)}, 200); got != strings.Repeat("x", 300) {
		t.Errorf("a single long name was cut: %q", got)
	}
}
