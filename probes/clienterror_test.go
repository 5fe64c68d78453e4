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
	}
	runCases(t, ClientError{}, cases)
}
