package probes

import (
	"context"
	"strings"
	"testing"
)

// TestDsregcmdPRTAttempt reads the diagnostics of the last PRT attempt
// that dsregcmd /status prints under AzureAdPrt: whole sections, the lines
// alone, and pastes cut off part-way.
func TestDsregcmdPRTAttempt(t *testing.T) {
	full := sample(t, "dsregcmd/msdocs_hybridjoin_troubleshoot_sso_state_attempt_0xc000006d.txt")
	cutAt := func(s, at string) string { return s[:strings.Index(s, at)+len(at)] }
	attempt := map[string]any{"sso.prt_last_attempt": "2020-07-18T20:10:33Z", "sso.attempt_status": "0xc000006d",
		"sso.prt_user_identity": "john@contoso.com", "sso.prt_credential_type": "Password", "sso.prt_http_status": 400,
		"sso.server_error_code": "invalid_grant", "sso.aadsts_code": 50126}
	cases := map[string]probeCase{
		"SSO State section": {input: full, status: StatusWarn,
			want:    merge(attempt, map[string]any{"sso.prt_correlation_id": "63648321-fc5c-46eb-996e-ed1f3ba7740f"}),
			summary: "the last PRT attempt (2020-07-18 20:10:33 UTC) failed with AADSTS50126 (The user name or password is wrong, or a new password has not synced yet), correlation ID 63648321-fc5c-46eb-996e-ed1f3ba7740f"},
		"the lines alone, without a section header": {input: sample(t, "dsregcmd/idx71183827760_prt_diagnostics_no_section_header.txt"), status: StatusWarn,
			want: map[string]any{"sso.prt_last_attempt": "2020-09-18T20:20:09Z", "sso.prt_user_identity": "user@contoso.com",
				"sso.prt_correlation_id": "aaaa0000-bb11-2222-33cc-444444dddddd", "sso.aadsts_code": 50126, "sso.azure_ad_prt": false},
			summary: "correlation ID aaaa0000-bb11-2222-33cc-444444dddddd"},
		"cut after the error description": {input: cutAt(full, "AADSTS50126: Error valid"), status: StatusWarn,
			want: merge(attempt, map[string]any{"sso.server_error_description": "AADSTS50126: Error valid"})},
		"cut inside the correlation ID": {input: cutAt(full, "Correlation ID : 63648321-fc5c"), status: StatusWarn,
			want:    map[string]any{"sso.prt_correlation_id": "63648321-fc5c", "sso.attempt_status": "0xc000006d", "sso.prt_credential_type": "Password"},
			absent:  []string{"sso.aadsts_code", "sso.prt_http_status", "sso.server_error_code"},
			summary: "failed with status 0xc000006d"},
		"from the attempt time on, AzureAdPrt not pasted": {input: full[strings.Index(full, "      Previous Prt Attempt"):], status: StatusWarn,
			want: attempt, absent: []string{"sso.azure_ad_prt"}},
		"Windows Hello credential, network status, request id": {status: StatusWarn,
			input: "                AzureAdPrt : NO\n     AcquirePrtDiagnostics : PRESENT\n      Previous Prt Attempt : 2026-11-23 08:14:02.115 UTC\n" +
				"            Attempt Status : 0xc000023c\n             User Identity : megan.bowen@contoso.com\n           Credential Type : NGC\n" +
				"                Request Id : 0f6d2a8e-1c3b-4e5f-9a7d-2b4c6e8f0a1d\n              Endpoint URI : https://login.microsoftonline.com/common/oauth2/token\n" +
				"               HTTP Method : POST\n                HTTP Error : 0x80072efd\n               HTTP status : 0\n",
			want: map[string]any{"sso.prt_credential_type": "NGC", "sso.attempt_status": "0xc000023c", "sso.prt_request_id": "0f6d2a8e-1c3b-4e5f-9a7d-2b4c6e8f0a1d",
				"sso.prt_last_attempt": "2026-11-23T08:14:02Z"},
			absent:  []string{"sso.prt_http_status", "sso.prt_correlation_id", "sso.aadsts_code"},
			summary: "failed with status 0xc000023c, request ID 0f6d2a8e-1c3b-4e5f-9a7d-2b4c6e8f0a1d"},
		"the code in the server message": {status: StatusWarn,
			input: "      Previous Prt Attempt : 2026-11-23 08:14:02.115 UTC\n            Attempt Status : 0xc000006d\n" +
				"            Server Message : AADSTS50155 Device authentication failed\n",
			want: map[string]any{"sso.aadsts_code": 50155}},
		"a PRT without an attempt": {input: sample(t, "dsregcmd/idx65743049325_sso_state_and_diagnostic_data_cloudtgt.txt"), status: StatusOK,
			absent: []string{"sso.prt_last_attempt", "sso.attempt_status", "sso.prt_correlation_id", "sso.prt_user_identity"}},
	}
	runCases(t, Dsregcmd{}, cases)
}

// TestDsregcmdPRTAttemptDetails checks that the attempt reaches the
// details, which go to the log and the escalation packet, and that a cut
// ID is said to be cut.
func TestDsregcmdPRTAttemptDetails(t *testing.T) {
	full := sample(t, "dsregcmd/msdocs_hybridjoin_troubleshoot_sso_state_attempt_0xc000006d.txt")
	r := Dsregcmd{}.Run(context.Background(), Input{Text: full, OS: "linux"})
	details := strings.Join(r.Details, "\n")
	for _, want := range []string{
		"last PRT attempt at 2020-07-18T20:10:33Z for john@contoso.com (credential type Password), status 0xc000006d, HTTP 400, invalid_grant",
		"server said: AADSTS50126: Error validating credentials due to invalid username or password.",
		"correlation ID 63648321-fc5c-46eb-996e-ed1f3ba7740f (for the escalation)",
	} {
		if !strings.Contains(details, want) {
			t.Errorf("details lack %q:\n%s", want, details)
		}
	}
	cut := full[:strings.Index(full, "fc5c")+4]
	r = Dsregcmd{}.Run(context.Background(), Input{Text: cut, OS: "linux"})
	if d := strings.Join(r.Details, "\n"); !strings.Contains(d, `note: the correlation ID "63648321-fc5c" is not a whole ID`) {
		t.Errorf("a cut correlation ID is not noted:\n%s", d)
	}
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
