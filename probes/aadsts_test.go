package probes

import "testing"

func TestAADSTS(t *testing.T) {
	ids := func(trace, corr, ts string) map[string]any {
		return map[string]any{"aadsts.trace_id": trace, "aadsts.correlation_id": corr, "aadsts.timestamp": ts}
	}
	with := func(m map[string]any, more map[string]any) map[string]any {
		for k, v := range more {
			m[k] = v
		}
		return m
	}
	cases := map[string]probeCase{
		"adal4j 50076 in a Java exception": {input: sample(t, "aadsts/adal4j_issue247_50076_claims_challenge.txt"), status: StatusFail,
			want: with(ids("20f3d1b3-8c97-4095-86ca-5b0250310d00", "0704c2e5-4552-4c68-969d-2861734c2a03", "2018-12-03T02:20:01Z"),
				map[string]any{"aadsts.code": 50076, "aadsts.category": "interaction-required", "oauth.error": "interaction_required", "aadsts.known": true})},
		"adal-node 50079, correlation id broken across lines": {input: sample(t, "aadsts/adalnode_issue151_50079_claims.txt"), status: StatusFail,
			want: with(ids("5058bf6a-b266-444a-bf5f-a68724b53600", "b6a65466-04dc-4929-89b4-6ac81e5b31f1", "2017-03-22T01:47:49Z"),
				map[string]any{"aadsts.code": 50079, "aadsts.category": "interaction-required", "oauth.error": "interaction_required"})},
		"azure cli 700082 after a prefix line": {input: sample(t, "aadsts/azurecli_issue14244_700082.txt"), status: StatusFail,
			want: with(ids("6e94ade5-10de-4d67-909a-14d845813500", "0e87b495-1e24-4882-be85-d012c216f4f6", "2020-07-06T22:31:52Z"),
				map[string]any{"aadsts.code": 700082, "aadsts.category": "inactivity", "oauth.error": "invalid_grant", "aadsts.codes": []string{"700082"},
					"aadsts.name": "ExpiredOrRevokedGrantInactiveToken"}),
			summary: "AADSTS700082 (inactivity)"},
		"azure cli 50173 revoked": {input: sample(t, "aadsts/azurecli_issue16745_50173.txt"), status: StatusFail,
			want: with(ids("0aaa7d90-73c6-46cc-9c9d-fc161b282000", "eb217b32-36ad-410b-9b1e-f71cd6947581", "2021-01-31T05:56:19Z"),
				map[string]any{"aadsts.code": 50173, "aadsts.category": "revoked", "oauth.error": "invalid_grant"})},
		"65001 consent with suberror": {input: sample(t, "aadsts/azuredocs_issue39189_65001_consent_required.json"), status: StatusFail,
			want: with(ids("7979ed8a-3959-4be5-9206-ce16f12a5900", "73d7243c-43ba-4d8a-865a-0b8957def6c6", "2019-09-19T08:55:37Z"),
				map[string]any{"aadsts.code": 65001, "aadsts.category": "consent", "oauth.error": "invalid_grant", "oauth.suberror": "consent_required"})},
		"MSAL.NET log 7000222": {input: sample(t, "aadsts/dotnetsign_issue849_msal_7000222.txt"), status: StatusFail,
			want: with(ids("de577a4f-a611-44e8-94e6-5ca7955a3800", "b1f881fe-810c-4731-a772-fa920ee90430", "2025-04-10T13:07:42Z"),
				map[string]any{"aadsts.code": 7000222, "aadsts.category": "secret", "oauth.error": "invalid_client"})},
		"7000222 with escaped slashes": {input: sample(t, "aadsts/fodi_issue23_7000222.json"), status: StatusFail,
			want: with(ids("3427eb4d-866e-4a3c-9048-6ab375960e00", "0aa7c9ea-5677-4024-b0ce-2ff6d5fe5cfa", "2020-09-04T13:52:05Z"),
				map[string]any{"aadsts.code": 7000222, "aadsts.category": "secret", "oauth.error": "invalid_client"})},
		"canonical 70011 body": {input: sample(t, "aadsts/msdocs_reference_sample_70011_invalid_scope.json"), status: StatusFail,
			want: with(ids("0000aaaa-11bb-cccc-dd33-eeeeee333333", "aaaa0000-bb11-2222-33cc-444444dddddd", "2016-01-09T02:02:12Z"),
				map[string]any{"aadsts.code": 70011, "aadsts.category": "app-config", "oauth.error": "invalid_scope"})},
		"53003 hard-wrapped": {input: sample(t, "aadsts/msolspray_issue5_53003_message_only.txt"), status: StatusFail,
			want: with(ids("36a9bfd2-0233-4b3b-b947-5ed41fa7a600", "85b60f58-62ff-4d26-b249-6a0229ba280e", "2023-05-29T05:46:34Z"),
				map[string]any{"aadsts.code": 53003, "aadsts.category": "conditional-access", "oauth.error": "interaction_required", "oauth.suberror": "message_only"})},
		"7000215 mangled by markdown": {input: sample(t, "aadsts/sapautomation_issue418_7000215_terraform.txt"), status: StatusFail,
			want: with(ids("6bad8289-db4a-49da-8609-0848d8d71700", "63b8bb61-5ca6-4ae3-8224-15a4de11cd87", "2023-02-20T07:21:29Z"),
				map[string]any{"aadsts.code": 7000215, "aadsts.category": "secret", "oauth.error": "invalid_client"})},
		"700082 plain line": {input: sample(t, "aadsts/sharelist_issue511_700082_plain.txt"), status: StatusFail,
			want: with(ids("dc41b3fa-a25b-4280-b500-cd8b8788a601", "2bf1b649-3085-40ab-aab9-508397ef1c6b", "2021-05-26T10:35:28Z"),
				map[string]any{"aadsts.code": 700082, "aadsts.category": "inactivity"}),
			absent: []string{"oauth.error"}},
		"50076 escaped three times": {input: sample(t, "aadsts/storageexplorer_pr5521_50076_nested_escaped.json"), status: StatusFail,
			want: with(ids("89ac6eb8-b824-48b7-8df9-c07037c00000", "47e9383b-5c51-4271-8747-e8f673e2924a", "2022-09-30T00:34:02Z"),
				map[string]any{"aadsts.code": 50076, "aadsts.category": "interaction-required"})},
		"MSAL multiline 50173": {input: sample(t, "aadsts/vscode_issue135299_50173_multiline.txt"), status: StatusFail,
			want: with(ids("95ef993f-b3dd-4b7c-a102-7e169585da00", "84f7ed71-97dc-44bb-a496-015cf0b6ccc6", "2021-10-18T15:18:52Z"),
				map[string]any{"aadsts.code": 50173, "aadsts.category": "revoked", "oauth.error": "invalid_grant"})},

		"no code, only invalid_grant": {input: `{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}`, status: StatusFail,
			want: map[string]any{"oauth.error": "invalid_grant", "aadsts.category": "invalid-grant"}, absent: []string{"aadsts.code"}},
		"unknown code is not guessed": {input: "AADSTS99999999: something new", status: StatusFail,
			want: map[string]any{"aadsts.code": 99999999, "aadsts.category": "unknown", "aadsts.known": false}, summary: "not a code deskside knows"},
		"code named by Microsoft but not in our table": {input: "AADSTS50000: There was an error issuing a token.", status: StatusFail,
			want: map[string]any{"aadsts.code": 50000, "aadsts.known": false, "aadsts.name": "TokenIssuanceError", "aadsts.category": "unknown"}},
		"several codes, first is primary": {input: `{"error":"invalid_grant","error_description":"AADSTS70043: expired due to sign-in frequency","error_codes":[70043,50097]}`, status: StatusFail,
			want: map[string]any{"aadsts.code": 70043, "aadsts.codes": []string{"70043", "50097"}, "aadsts.category": "sign-in-frequency"}},
		"not an error": {input: "The user says OneDrive is slow today.", status: StatusError, summary: "Expected an identity platform error"},
	}
	runCases(t, AADSTS{}, cases)
}

// TestAADSTSTableCoversTheGuides pins the codes the source guides and the
// common sign-in failures name: each must have a meaning and a category.
func TestAADSTSTableCoversTheGuides(t *testing.T) {
	codes := []int{70008, 700082, 700084, 50173, 50076, 50158, 70000, // the refresh guide
		50126, 50053, 50055, 50057, 50058, 50074, 50079, 50097, 50105, 50132, 50133, 53000, 53003, 65001, 65004,
		70011, 700016, 7000215, 7000222, 700024, 90072, 50020, 50034, 500011, 50011, 9002313, 54005, 70043,
		700003, 50089, 50078, 530003, 135011, 81010}
	for _, c := range codes {
		cat, meaning, _, known := LookupAADSTS(c)
		if !known || meaning == "" || cat == "unknown" {
			t.Errorf("AADSTS%d: known=%v category=%q meaning=%q", c, known, cat, meaning)
		}
		if categoryAdvice[cat] == "" {
			t.Errorf("AADSTS%d: category %q has no advice", c, cat)
		}
	}
	for c, info := range aadstsTable {
		if categoryAdvice[info.Category] == "" {
			t.Errorf("AADSTS%d: category %q has no advice", c, info.Category)
		}
	}
}

// TestAADSTSReadsJSONFirst: a JSON body says which value is which, so a
// code mentioned in text before it does not become the primary one.
func TestAADSTSReadsJSONFirst(t *testing.T) {
	cases := map[string]probeCase{
		"earlier code in prose": {input: `Yesterday it was AADSTS50076. Today: {"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082],"trace_id":"11111111-2222-3333-4444-555555555555"}`,
			status: StatusFail, want: map[string]any{"aadsts.code": 700082, "aadsts.codes": []string{"700082", "50076"}, "oauth.error": "invalid_grant",
				"aadsts.trace_id": "11111111-2222-3333-4444-555555555555"}},
		"body inside an exception's message string": {input: `{"name":"ServerError","message":"{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided client secret keys are expired.\",\"error_codes\":[7000222],\"timestamp\":\"2026-11-19 10:01:00Z\"}"}`,
			status: StatusFail, want: map[string]any{"aadsts.code": 7000222, "oauth.error": "invalid_client", "aadsts.timestamp": "2026-11-19T10:01:00Z"}},
		"error word that is not an OAuth error is ignored": {input: `{"error":"Bad Request!","error_description":"AADSTS90002: Tenant not found."}`,
			status: StatusFail, want: map[string]any{"aadsts.code": 90002}, absent: []string{"oauth.error"}},
	}
	runCases(t, AADSTS{}, cases)
}
