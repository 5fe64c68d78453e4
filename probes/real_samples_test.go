package probes

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// realCase is what the paste-reading checks must find in one real paste
// from testdata/probes/real (each file's .source says where it was
// published and what it is). The expected values were worked out by
// reading the paste itself, not by running deskside on it.
type realCase struct {
	// want holds, per check, facts it must set to exactly these values.
	want map[string]map[string]any
	// absent holds, per check, facts it must leave unset: a placeholder
	// or a masked value is not an ID.
	absent map[string][]string
	// not lists checks that must not recognise the paste at all.
	not []string
}

// neverReal are checks that no paste in testdata/probes/real is for: an
// error or a response is not a device state, a credential list or a clock
// reading, whatever times and key: value lines it holds.
var neverReal = []string{"dsregcmd", "credentials", "clock"}

func aad(f map[string]any) map[string]map[string]any { return map[string]map[string]any{"aadsts": f} }

func TestReadAnyReadsRealPastes(t *testing.T) {
	idFacts := []string{"aadsts.trace_id", "aadsts.correlation_id"}
	cases := map[string]realCase{
		"bingads_issue279_70000_error_code_pairs": {
			want: aad(map[string]any{"aadsts.code": 70000, "oauth.error": "invalid_grant", "aadsts.trace_id": "91af4011-2822-4038-b029-ddd8c46caf00",
				"aadsts.correlation_id": "ee3f808b-2662-4eca-ad60-c824a57f2719", "aadsts.timestamp": "2024-04-15T18:41:56Z"}),
			not: []string{"httpstatus"}},
		"ms365mcp_issue522_70000_msal_node_aligned_fields": {
			want:   aad(map[string]any{"aadsts.code": 70000, "oauth.error": "invalid_grant", "oauth.suberror": "bad_token"}),
			absent: map[string][]string{"aadsts": append(idFacts, "aadsts.timestamp")}, not: []string{"httpstatus"}},
		"adalpython_issue81_70000_adalerror_oneline": {
			want: map[string]map[string]any{
				"aadsts": {"aadsts.code": 70000, "oauth.error": "invalid_grant", "aadsts.trace_id": "52e91e1c-6ee0-40b8-b3f8-546b8be4fbad",
					"aadsts.correlation_id": "6e9b6654-a911-44f3-9f40-f26555f4df30", "aadsts.timestamp": "2017-03-15T14:08:19Z"},
				"httpstatus": {"http.status": 400, "http.class": "other"}}},
		"azuresdkpython_issue26729_700082_placeholder_ids_duplicated_text": {
			want: aad(map[string]any{"aadsts.code": 700082, "aadsts.category": "inactivity", "oauth.error": "invalid_grant",
				"aadsts.trace_id": "85b6b9fa-9664-4f28-86c7-f109cda89c00", "aadsts.correlation_id": "749be7b6-a551-44b2-9db3-83eb617c3303",
				"aadsts.timestamp": "2022-10-10T13:10:01Z"}),
			not: []string{"httpstatus"}},
		"powerplatform_issue894_700082_pac_cli_nbsp": {
			want: aad(map[string]any{"aadsts.code": 700082, "aadsts.trace_id": "4e7e9611-79bb-4525-a2f8-47212bf25300",
				"aadsts.correlation_id": "fc3fb0fc-fccc-4422-9905-9c8b4d639f89", "aadsts.timestamp": "2024-05-23T19:17:36Z"}),
			absent: map[string][]string{"aadsts": {"oauth.error"}}, not: []string{"httpstatus"}},
		"azuredatastudio_issue15331_700082_response_error_cut": {
			want:   aad(map[string]any{"aadsts.code": 700082, "oauth.error": "invalid_grant"}),
			absent: map[string][]string{"aadsts": append(idFacts, "aadsts.timestamp")}, not: []string{"httpstatus"}},
		"sprestproxy_issue96_53003_soap_fault_escaped_in_json": {
			want: map[string]map[string]any{
				"aadsts":     {"aadsts.code": 53003, "aadsts.category": "conditional-access"},
				"httpstatus": {"http.status": 400}},
			absent: map[string][]string{"aadsts": {"oauth.error"}}},
		"azurecli_issue31428_530084_prompt_twice": {
			want: aad(map[string]any{"aadsts.code": 530084, "aadsts.trace_id": "687dcce5-c2d5-4ec0-999a-f8a0f4e21200",
				"aadsts.correlation_id": "4adc6ab0-3934-46a6-9658-89b9181a6e3f", "aadsts.timestamp": "2025-05-08T06:39:23Z"}),
			not: []string{"httpstatus"}},
		"azuredev_issue7704_530084_redacted_ids": {
			want:   aad(map[string]any{"aadsts.code": 530084, "aadsts.timestamp": "2026-04-13T19:04:12Z"}),
			absent: map[string][]string{"aadsts": idFacts}, not: []string{"httpstatus"}},
		"fabrictoolbox_issue641_53003_notebook_log": {
			want:   aad(map[string]any{"aadsts.code": 53003, "aadsts.category": "conditional-access"}),
			absent: map[string][]string{"aadsts": append(idFacts, "oauth.error")}, not: []string{"httpstatus"}},
		"msgraphjs_issue42_429_statuscodeerror_cut_in_token": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 429, "http.class": "throttling", "http.graph_error_code": "TooManyRequests",
				"http.request_id": "27f60550-c048-4426-9280-985f794e0bbc", "http.says_expired": false}},
			absent: map[string][]string{"httpstatus": {"http.retry_after"}}, not: []string{"aadsts", "jwt"}},
		"intunecd_issue36_503_python_exception_tuple_cut": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 503, "http.class": "server", "http.graph_error_code": "UnknownError", "http.says_expired": false}},
			not:  []string{"aadsts"}},
		"automateapi_issue64_401_remote_server_returned_ps51": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.class": "authentication", "http.says_expired": false}},
			not:  []string{"aadsts"}},
		"m365documentation_issue58_401_lifetime_ps7_gutter_wrapped": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken",
				"http.message": "Lifetime validation failed, the token is expired.", "http.says_expired": true}},
			absent: map[string][]string{"httpstatus": {"http.request_id", "http.client_request_id", "http.date"}}, not: []string{"aadsts"}},
		"officee5_issue6_401_java_graphserviceexception_link_in_number": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken", "http.says_expired": false}},
			not:  []string{"aadsts"}},
		"consolejavaconnect_issue1_401_bare_status_line_then_body": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.graph_error_code": "InvalidAuthenticationToken",
				"http.message": "Access token validation failure.", "http.request_id": "be979fa7-653b-4bf4-9640-47fc8aa3fcba"}},
			not: []string{"aadsts"}},
		"tokencache_issue5_65001_status_code_0_generalexception": {
			want: aad(map[string]any{"aadsts.code": 65001, "aadsts.category": "consent", "oauth.error": "invalid_grant",
				"aadsts.trace_id": "954ee60b-7dc1-4423-a41c-9c850aa65600", "aadsts.correlation_id": "ce5777e0-bfb1-41de-80b8-833aeb03b29b",
				"aadsts.timestamp": "2021-04-24T10:40:10Z"}),
			not: []string{"httpstatus"}},
		"nodejsconnect_issue50_65001_express_log": {
			want: aad(map[string]any{"aadsts.code": 65001, "aadsts.trace_id": "4a246de5-9dc9-4a96-9458-a17c894776cd",
				"aadsts.correlation_id": "a8e10a23-9aa7-40b3-89ad-4f2272742356", "aadsts.timestamp": "2016-12-06T12:03:38Z"}),
			not: []string{"httpstatus"}},
		"cipp_issue1716_65001_graph_error_glued_colons": {
			want: aad(map[string]any{"aadsts.code": 65001, "oauth.error": "invalid_grant"}),
			not:  []string{"httpstatus"}},
		"laravelazure_issue22_90072_placeholder_ids": {
			want:   aad(map[string]any{"aadsts.code": 90072, "aadsts.category": "tenant", "oauth.error": "interaction_required", "aadsts.timestamp": "2020-02-09T17:33:33Z"}),
			absent: map[string][]string{"aadsts": idFacts}, not: []string{"httpstatus"}},
		"adaldotnet_issue1504_50155_removed_ids_inner_json": {
			want: map[string]map[string]any{
				"aadsts": {"aadsts.code": 50155, "aadsts.category": "device", "oauth.error": "invalid_grant", "oauth.suberror": "device_authentication_failed",
					"aadsts.trace_id": "178cb0a8-df29-4ebd-bc96-0dc3c0662c00", "aadsts.timestamp": "2019-02-17T04:40:13Z"},
				"httpstatus": {"http.status": 400}},
			absent: map[string][]string{"aadsts": {"aadsts.correlation_id"}}},
		"datalakestore_issue111_50076_masked_guid_tails": {
			want: map[string]map[string]any{
				"aadsts":     {"aadsts.code": 50076, "oauth.error": "interaction_required", "aadsts.timestamp": "2016-11-08T13:51:43Z"},
				"httpstatus": {"http.status": 400}},
			absent: map[string][]string{"aadsts": idFacts}},
		"blobfile_issue112_50078_python_traceback_backticks": {
			want: aad(map[string]any{"aadsts.code": 50078, "oauth.error": "interaction_required"}),
			not:  []string{"httpstatus"}},
		"partnercenter_issue259_50076_two_errors_console_wrapped": {
			want: aad(map[string]any{"aadsts.code": 50076, "aadsts.codes": []string{"50076"}, "aadsts.trace_id": "aaf534ab-254b-4f2c-bf32-625fd335e600",
				"aadsts.correlation_id": "235ad0f5-88dd-4268-b1c8-28a943068a42", "aadsts.timestamp": "2020-01-14T20:30:08Z"}),
			not: []string{"httpstatus"}},
		"passportazure_issue6_70002_70000_status_data": {
			want: map[string]map[string]any{
				"aadsts": {"aadsts.code": 70002, "aadsts.codes": []string{"70002", "70000"}, "oauth.error": "invalid_grant",
					"aadsts.trace_id": "8ccfdad7-7856-498c-82fa-88e6d5b40fee", "aadsts.correlation_id": "c7f33b6a-5683-4fff-be74-ffba44a27abc",
					"aadsts.timestamp": "2014-08-27T12:08:46Z"},
				"httpstatus": {"http.status": 400}}},
		"kusto_issue89_50079_adalerror_suberror": {
			want: map[string]map[string]any{
				"aadsts": {"aadsts.code": 50079, "oauth.error": "interaction_required", "oauth.suberror": "basic_action",
					"aadsts.trace_id": "8d4704cf-5c83-42bb-860b-7a2180d1fa00", "aadsts.correlation_id": "87014a28-6bc1-4413-8592-ec1aac63646e",
					"aadsts.timestamp": "2018-12-31T20:57:33Z"},
				"httpstatus": {"http.status": 400}}},
		"msaldotnet_issue3665_50076_obo_log_line_masked": {
			want: aad(map[string]any{"aadsts.code": 50076, "aadsts.trace_id": "fa9d1369-853f-423f-b624-b78cd3da0e00",
				"aadsts.correlation_id": "70fee1b3-4ec2-4bcd-8637-471686d69b2e", "aadsts.timestamp": "2022-09-10T16:43:36Z"}),
			absent: map[string][]string{"aadsts": {"oauth.error"}}, not: []string{"httpstatus"}},
		"azurecli_issue17013_50078_json_cut_midway": {
			want: map[string]map[string]any{
				"aadsts":     {"aadsts.code": 50078, "oauth.error": "interaction_required"},
				"httpstatus": {"http.status": 400}},
			absent: map[string][]string{"aadsts": append(idFacts, "aadsts.timestamp")}},
		"onedrive_skilion_issue333_90130_url_encoded_redirect": {
			want: aad(map[string]any{"aadsts.code": 90130, "oauth.error": "invalid_request", "aadsts.trace_id": "6411e14d-fb8a-4570-81dd-5af8149e0e00",
				"aadsts.correlation_id": "bfa12c2b-01aa-40dc-9599-fb4cd9b594a0", "aadsts.timestamp": "2018-04-06T10:02:40Z"}),
			not: []string{"httpstatus"}},
		"firecrawl_issue2374_50020_signin_page_request_id": {
			want: aad(map[string]any{"aadsts.code": 50020, "aadsts.category": "tenant", "aadsts.trace_id": "785a37cc-ed23-4ff9-a0d9-c42344605600",
				"aadsts.correlation_id": "94c54230-0c50-4e9b-81b1-3a7a9c2a6520", "aadsts.timestamp": "2025-11-07T05:57:24Z"}),
			not: []string{"httpstatus"}},
		"powerbicsharp_issue64_50020_sorry_page": {
			want:   aad(map[string]any{"aadsts.code": 50020, "aadsts.correlation_id": "6815d3fa-f445-487c-833f-239ee84286aa", "aadsts.timestamp": "2017-01-06T19:53:30Z"}),
			absent: map[string][]string{"aadsts": {"aadsts.trace_id"}}, not: []string{"httpstatus"}},
		"logicapps_klapwijk_issue3_401_connection_no_access_token": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.class": "authentication",
				"http.message": "The connection does not contain an access token. Please edit the connection and login."}},
			not: []string{"aadsts"}},
		"azuredocs_issue9472_401_logic_apis_code_number_fragment": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.client_request_id": "f4938353-9f27-47d7-9c40-d1f554e22e1f",
				"http.message": "The response is not in a JSON format."}},
			absent: map[string][]string{"httpstatus": {"http.graph_error_code"}}, not: []string{"aadsts"}},
		"icebreaker_issue295_401_logic_app_exception_typo": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.class": "authentication"}},
			not:  []string{"aadsts"}},
		"logicapps_issue611_401_arm_authenticationfailed_no_status": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.graph_error_code": "AuthenticationFailed"}},
			not:  []string{"aadsts"}},
		"dotnetopenauth_issue124_401_folded_www_authenticate": {
			want: map[string]map[string]any{"httpstatus": {"http.status": 401, "http.www_authenticate_error": "invalid_token",
				"http.www_authenticate_description": "The access token expired", "http.says_expired": true}},
			not: []string{"aadsts"}},
		"azurecli_issue31300_50076_msal_retry_then_profile_summary": {
			want: aad(map[string]any{"aadsts.code": 50076, "aadsts.codes": []string{"50076"}, "oauth.error": "invalid_grant",
				"aadsts.trace_id": "59e9f676-e35d-4533-834b-d39ca1341300", "aadsts.correlation_id": "ed4779c9-aa14-430a-aad5-6259c740b704",
				"aadsts.timestamp": "2025-04-20T07:49:19Z"}),
			not: []string{"httpstatus"}},
		"azurepowershell_issue20413_400_msal_debug_retry_failed": {
			want:   map[string]map[string]any{"httpstatus": {"http.status": 400, "http.class": "other", "http.date": "2022-12-09T01:57:17Z", "http.says_expired": false}},
			absent: map[string][]string{"httpstatus": {"http.request_id", "http.graph_error_code"}}, not: []string{"aadsts"}},
		"mslearn_ja_401_semicolon_status_www_authenticate_graph": {
			want:   map[string]map[string]any{"httpstatus": {"http.status": 401, "http.class": "authentication", "http.says_expired": false}},
			absent: map[string][]string{"httpstatus": {"http.www_authenticate_error"}}, not: []string{"aadsts"}},
	}

	files, err := filepath.Glob(filepath.Join("..", "testdata", "probes", "real", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no real samples found: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		if _, ok := cases[name]; !ok {
			t.Errorf("%s has no expectations in this table", name)
		}
		if _, err := os.Stat(strings.TrimSuffix(f, ".txt") + ".source"); err != nil {
			t.Errorf("%s has no .source file saying where it was published", name)
		}
	}
	ps := Builtin().All()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			text := sample(t, filepath.Join("real", name+".txt"))
			got := map[string]Result{}
			for _, r := range ReadAny(context.Background(), ps, Input{Text: text, Now: clock, OS: "linux"}) {
				got[r.Probe] = r.Result
			}
			for probe, facts := range tc.want {
				r, ok := got[probe]
				if !ok {
					t.Errorf("%s did not recognise the paste", probe)
					continue
				}
				for k, want := range facts {
					if v, ok := r.Facts[k]; !ok {
						t.Errorf("%s: fact %s not set, want %#v (summary %q)", probe, k, want, r.Summary)
					} else if !reflect.DeepEqual(v, want) {
						t.Errorf("%s: fact %s = %#v, want %#v", probe, k, v, want)
					}
				}
			}
			for probe, facts := range tc.absent {
				for _, k := range facts {
					if v, ok := got[probe].Facts[k]; ok {
						t.Errorf("%s: fact %s = %#v, want it unset", probe, k, v)
					}
				}
			}
			for _, probe := range append(slices.Clone(tc.not), neverReal...) {
				if r, ok := got[probe]; ok {
					t.Errorf("%s recognised the paste, and should not have: %s", probe, r.Summary)
				}
			}
			// Throttling and service faults say nothing of the token: no
			// check may read them as an expired one.
			if r, ok := got["httpstatus"]; ok {
				if s, _ := r.Facts["http.status"].(int); (s == 429 || s >= 500) && r.Facts["http.says_expired"] == true {
					t.Errorf("a %d was read as an expired token: %s", s, r.Summary)
				}
			}
		})
	}
}
