package probes

import "testing"

func TestClientError(t *testing.T) {
	cases := map[string]probeCase{
		"AAD operational log timeout": {input: sample(t, "clienterror/idx52045758390_aad_operational_log_xmlhttp_timeout.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x102", "client.error_kind": "network", "client.says_connectivity": true,
				"client.codes": []string{"0x102", "0xcaa70004", "0xcaa70007", "0xcaa3012c", "0xcaa80000"}}},
		"Teams sign-in symptom list": {input: sample(t, "clienterror/idx55997102193_teams_desktop_signin_symptoms.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0xcaa82ee7", "client.error_kind": "network",
				"client.codes": []string{"0xcaa82ee7", "0xcaa82ee2", "0xcaa20004", "0xcaa70004", "0xcaa70007"}}},
		"0x8007016A provider not running": {input: sample(t, "clienterror/irohastack_0x8007016a_message.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x8007016a", "client.error_kind": "sync-engine", "client.app": "onedrive"}},
		"0x8004def7 support article": {input: sample(t, "clienterror/msdocs_support_error_0x8004def7_symptoms_cause.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x8004def7", "client.error_kind": "account-frozen"}},
		"Teams CAA excerpt": {input: sample(t, "clienterror/msdocs_teams_signin_caa_codes_excerpt.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0xcaa20004", "client.error_kind": "conditional-access", "client.app": "teams",
				"client.codes": []string{"0xcaa20004", "0xcaa70004", "0xcaa70007"}}},
		"0x8004de40 and 0x8004de88 messages": {input: sample(t, "clienterror/mslearn_mirror_error_0x8004de40_0x8004de88_messages.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x8004de40", "client.error_kind": "sign-in", "client.codes": []string{"0x8004de40", "0x8004de88"}, "client.says_connectivity": false}},
		"0x80070194 after migration": {input: sample(t, "clienterror/mslearn_qa_12238043_0x80070194_user_report.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x80070194", "client.error_kind": "sync-engine"}},
		"0x8004de40 connection dialog without a code": {input: sample(t, "clienterror/officeconsumer_0x8004de40_error_text.txt"), status: StatusWarn,
			want: map[string]any{"client.error_kind": "connectivity", "client.says_connectivity": true}, absent: []string{"client.error_code"}},
		"0x8004deb4": {input: sample(t, "clienterror/officedocssharepoint_issue1456_0x8004deb4.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x8004deb4", "client.error_kind": "modern-auth"}},
		"0x8004de81 SharePoint Server": {input: sample(t, "clienterror/officedocssharepoint_issue3375_0x8004de81_spse.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x8004de81", "client.error_kind": "on-premises"}},
		"0x8004def7 in Chinese notes": {input: sample(t, "clienterror/philfan_notes_0x8004def7_frozen_zh.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x8004def7", "client.error_kind": "account-frozen"}},
		"0x80070194 message": {input: sample(t, "clienterror/techbillow_0x80070194_message.txt"), status: StatusFail,
			want: map[string]any{"client.error_code": "0x80070194", "client.error_kind": "sync-engine"}},
		"0x8004de40 said with a connection problem": {input: "There was a problem connecting to OneDrive (Error Code: 0x8004de40)", status: StatusFail,
			want: map[string]any{"client.error_kind": "connectivity"}, summary: "check the network first"},
		"unknown code": {input: "error 0x8004de99 while signing in", status: StatusFail,
			want: map[string]any{"client.error_kind": "unknown"}, summary: "not a code deskside knows"},
		"no code": {input: "it just doesn't work", status: StatusError},
		"offline as a word of its own": {input: "OneDrive says: You're offline. Connect to the Internet to sync your files.", status: StatusWarn,
			want: map[string]any{"client.error_kind": "connectivity", "client.says_connectivity": true}},
	}
	runCases(t, ClientError{}, cases)
}

// TestClientErrorMessages holds the app and connector messages of the
// shared contract: an app's "token has expired and refresh failed" is
// refresh-failed, a connector asking to reconnect is reconnect.
func TestClientErrorMessages(t *testing.T) {
	cases := map[string]probeCase{
		"Teams dialog": {status: StatusFail, summary: "refresh failed",
			input: "Microsoft Teams\n\nWe're sorry—we've run into an issue.\nToken has expired and refresh failed.\n\nRestart   Sign out",
			want:  map[string]any{"client.error_kind": "refresh-failed", "client.says_connectivity": false}, absent: []string{"client.error_code", "client.app"}},
		"Outlook add-in pane": {status: StatusFail,
			input: "Outlook\nSomething went wrong\nThe token has expired and the refresh failed. Please sign in again to continue using this add-in.\nSession ID: 6f0c8a4e-2b1d-4e7a-9c3f-5d8e7a6b4c2d",
			want:  map[string]any{"client.error_kind": "refresh-failed"}},
		"app log line, lower case": {status: StatusFail,
			input: "2026-11-23T11:52:10.117Z [sync] error: token expired and refresh failed (retry 3/3), giving up",
			want:  map[string]any{"client.error_kind": "refresh-failed"}},
		"wrapped over two lines": {status: StatusFail,
			input: "ERROR: The token has expired and\n  the refresh failed.",
			want:  map[string]any{"client.error_kind": "refresh-failed"}},
		"Power Automate run history": {status: StatusFail, summary: "signed in again",
			input: `{
  "status": 401,
  "message": "The access token has expired. Please reconnect the connection and try again.\r\nclientRequestId: 8d2c4b1a-7e3f-4a5b-9c6d-0e1f2a3b4c5d",
  "error": {
    "code": "Unauthorized",
    "message": "The access token has expired. Please reconnect."
  },
  "source": "sharepointonline-ne.azconn-ne-002.p.azurewebsites.net"
}`,
			want: map[string]any{"client.error_kind": "reconnect"}, absent: []string{"client.error_code"}},
		"Power Automate action output": {status: StatusFail,
			input: `{"statusCode":401,"headers":{"x-ms-request-id":"4b3c2d1e-0f9a-4b8c-7d6e-5f4a3b2c1d0e"},"body":{"error":{"code":401,"message":"Unauthorized. Access token has expired."}}}`,
			want:  map[string]any{"client.error_kind": "reconnect"}},
		"Logic Apps connection": {status: StatusFail,
			input: "ActionFailed. An action failed. No dependent actions succeeded.\n" +
				`{"code":"ConnectionAuthorizationFailed","message":"The API connection 'office365' needs to be re-authenticated. The refresh token has expired; open the connection in the Azure portal and authorize it again."}`,
			want: map[string]any{"client.error_kind": "reconnect"}},
		"Teams Workflows card": {status: StatusFail,
			input: "Workflows\nYour flow 'Post to channel' failed. Please reconnect the connection used by this flow.",
			want:  map[string]any{"client.error_kind": "reconnect"}},
		"a code still decides": {status: StatusFail,
			input: "We couldn't sign you in (Error code: 0x8004de40). Token has expired and refresh failed.",
			want:  map[string]any{"client.error_kind": "sign-in", "client.error_code": "0x8004de40"}},
		"expired token alone is not this": {status: StatusError,
			input: "IDX10223: Lifetime validation failed. The token is expired. ValidTo: '11/23/2026 11:00:00', Current time: '11/23/2026 12:00:00'."},
		"refresh failing alone is not this": {status: StatusError,
			input: "Background refresh failed: the list of files could not be loaded."},
	}
	runCases(t, ClientError{}, cases)
}

// TestClientErrorIgnoresScopes holds token-request logs that name the
// offline_access scope: a scope is not the user being offline, and none of
// these is a OneDrive or Teams error, so the check recognises nothing.
func TestClientErrorIgnoresScopes(t *testing.T) {
	cases := map[string]probeCase{
		"AADSTS body with the scope in its message": {status: StatusError, input: `{"error":"invalid_scope","error_description":"AADSTS70011: The provided request must include a 'scope' input parameter. ` +
			`The provided value for the input parameter 'scope' is not valid. The scope https://graph.microsoft.com/.default offline_access openid profile is not valid.\r\n` +
			`Trace ID: 3c1f0e2a-1b7d-4c55-9a61-0d2e4f8a7b00\r\nCorrelation ID: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\r\nTimestamp: 2026-11-23 11:52:10Z","error_codes":[70011]}`},
		"token request line of a proxy log": {status: StatusError, input: "2026-11-23 11:52:09,877 DEBUG POST https://login.microsoftonline.com/organizations/oauth2/v2.0/token " +
			"grant_type=refresh_token&client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46&scope=openid profile offline_access&refresh_token=[redacted]\n" +
			"2026-11-23 11:52:10,102 ERROR invalid_grant AADSTS700082: The refresh token has expired due to inactivity."},
		"MSAL.NET verbose console": {status: StatusError, input: "MSAL 4.61.3.0 MSAL.NetCore .NET 8.0.4 Microsoft Windows 10.0.22631 [2026-11-23 11:52:09Z] " +
			"Requested scopes: 'https://graph.microsoft.com/User.Read offline_access openid profile'\n" +
			"MSAL 4.61.3.0 MSAL.NetCore [2026-11-23 11:52:10Z] Exception type: Microsoft.Identity.Client.MsalUiRequiredException, ErrorCode: invalid_grant\n" +
			"AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed."},
		"msal-browser console": {status: StatusError, input: "[Mon, 23 Nov 2026 11:52:09 GMT] : [01932c4e-0f1a-7b2c-9d3e-4f5a6b7c8d9e] : @azure/msal-browser@3.27.0 : Verbose - " +
			"acquireTokenSilent called with scopes: [\"User.Read\",\"openid\",\"profile\",\"offline_access\"]\n" +
			"InteractionRequiredAuthError: interaction_required: AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication."},
		"consent prompt URL": {status: StatusError, input: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1b730954-1685-4b74-9bfd-dac224a7b894" +
			"&response_type=code&scope=offline_access%20openid%20profile%20Mail.Read&prompt=consent\nAADSTS65001: The user or administrator has not consented to use the application."},
		"scope list with a hyphen": {status: StatusError, input: "scopes: openid, offline-access, Files.ReadWrite.All"},
	}
	runCases(t, ClientError{}, cases)
}
