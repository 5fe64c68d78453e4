package probes

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// Realistic pieces of identity platform errors, with made-up IDs.
const (
	bhIDs1     = "Trace ID: 11111111-0000-4000-8000-000000000001 Correlation ID: 21111111-0000-4000-8000-000000000001 Timestamp: 2026-11-19 10:01:00Z"
	bhMFA      = "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication."
	bhEnrol    = "AADSTS50079: Due to a configuration change made by your administrator, you must enroll in multi-factor authentication."
	bhResource = "The resource principal named https://contoso.crm.dynamics.com was not found in the tenant named Contoso."
)

// TestAADSTSDetailsSayWhatWasRead pins the detail lines an operator and a
// ticket's reader see: one line per code with its name and meaning, the
// OAuth error with its suberror, the IDs support asks for, the other
// errors of the paste, and the next move.
func TestAADSTSDetailsSayWhatWasRead(t *testing.T) {
	cases := map[string]struct {
		input string
		want  []string
	}{
		"a consent body with every field": {
			input: `{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented to use the application with ID '5617d05d-0000-4000-8000-000000000000' named 'AzureADBlob'.","error_codes":[65001],"timestamp":"2019-09-19 08:55:37Z","trace_id":"7979ed8a-3959-4be5-9206-ce16f12a5900","correlation_id":"73d7243c-43ba-4d8a-865a-0b8957def6c6","suberror":"consent_required"}`,
			want: []string{
				"AADSTS65001 DelegationDoesNotExist [consent] The user or an administrator has not consented to the app using this resource.",
				"OAuth error invalid_grant, suberror consent_required",
				"timestamp 2019-09-19T08:55:37Z",
				"trace_id 7979ed8a-3959-4be5-9206-ce16f12a5900",
				"correlation_id 73d7243c-43ba-4d8a-865a-0b8957def6c6",
				"next: " + categoryAdvice["consent"],
			}},
		"a code Microsoft names but deskside has no guidance for, no OAuth error": {
			input: "AADSTS50000: There was an error issuing a token.",
			want: []string{
				"AADSTS50000 TokenIssuanceError [unknown to deskside]",
				"next: " + categoryAdvice["unknown"],
			}},
		"a code nobody names, with an OAuth error and no suberror": {
			input: `{"error":"invalid_grant","error_description":"AADSTS99999999: something new."}`,
			want: []string{
				"AADSTS99999999 [unknown to deskside]",
				"OAuth error invalid_grant",
				"next: " + categoryAdvice["unknown"],
			}},
		"two errors, the last said twice": {
			input: "attempt 1: " + bhMFA + " " + bhIDs1 + "\nattempt 2: " + bhEnrol + "\nERROR: " + bhEnrol + "\n",
			want: []string{
				"AADSTS50076 UserStrongAuthClientAuthNRequired [interaction-required] " + aadstsTable[50076].Meaning,
				"AADSTS50079 UserStrongAuthEnrollmentRequired [interaction-required] " + aadstsTable[50079].Meaning,
				"the paste holds 2 errors: this reading is of the last one",
				"also in the paste: AADSTS50076 at line 1",
				"next: " + categoryAdvice["interaction-required"],
				"note: AADSTS50079 is named 2 times in a row, at lines 2 and 3: read as one error",
			}},
		"two errors, each said once: no note": {
			input: "attempt 1: " + bhMFA + " " + bhIDs1 + "\nattempt 2: " + bhEnrol + "\n",
			want: []string{
				"AADSTS50076 UserStrongAuthClientAuthNRequired [interaction-required] " + aadstsTable[50076].Meaning,
				"AADSTS50079 UserStrongAuthEnrollmentRequired [interaction-required] " + aadstsTable[50079].Meaning,
				"the paste holds 2 errors: this reading is of the last one",
				"also in the paste: AADSTS50076 at line 1",
				"next: " + categoryAdvice["interaction-required"],
			}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := AADSTS{}.Run(context.Background(), Input{Text: tc.input, Now: clock})
			if !reflect.DeepEqual(r.Details, tc.want) {
				t.Errorf("details:\n got %q\nwant %q", r.Details, tc.want)
			}
		})
	}
}

// TestAADSTSReadsEachForm pins the facts read from the forms an error
// arrives in: a body cut short, MSAL's "word: code", an exception's
// ErrorCode line, a redirect's query, and bodies that name a code outside
// their description.
func TestAADSTSReadsEachForm(t *testing.T) {
	cases := map[string]probeCase{
		"a code of zeros is no code": {input: "Sign-in result: AADSTS00000 (no error)", status: StatusError,
			summary: "Expected an identity platform error"},
		"the description's code is primary over one in the log around the body": {
			input:  `2026-11-19 10:01:00 WARN silent refresh had failed before (AADSTS50058); the token endpoint now says: {"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity."}`,
			status: StatusFail, want: map[string]any{"aadsts.code": 700082, "aadsts.codes": []string{"700082", "50058"}, "aadsts.category": "inactivity"}},
		"the body's error_codes come before a code in the log around it": {
			input:  `token request failed after AADSTS50058: {"error":"interaction_required","error_description":"AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.","error_codes":[50076,50079]}`,
			status: StatusFail, want: map[string]any{"aadsts.code": 50076, "aadsts.codes": []string{"50076", "50079", "50058"}}},
		"a number no code can be is not read as one": {
			input:  `{"error":"invalid_grant","error_codes":[1e10]}`,
			status: StatusFail, want: map[string]any{"oauth.error": "invalid_grant", "aadsts.category": "invalid-grant"}, absent: []string{"aadsts.code"},
			summary: "OAuth error invalid_grant with no AADSTS code"},
		"a body cut short still gives its OAuth error": {
			input:  `{"error":"invalid_resource","error_description":"AADSTS500011: ` + bhResource + ` Trace ID: 11111111-0000-4000-8000-000000000001 Correlation ID: 21111111-0000-4000-8000-0000`,
			status: StatusFail, want: map[string]any{"aadsts.code": 500011, "oauth.error": "invalid_resource", "aadsts.trace_id": "11111111-0000-4000-8000-000000000001"}},
		"MSAL's word and code at the start of the paste": {
			input:  "invalid_resource: 500011 - [2026-11-19 10:01:00Z]: " + bhResource,
			status: StatusFail, want: map[string]any{"aadsts.code": 500011, "aadsts.codes": []string{"500011"}, "oauth.error": "invalid_resource", "aadsts.category": "app-config"}},
		"two MSAL words and codes on one line are read in text order": {
			input:  "Token refresh failed: interaction_required: 50076 - [2026-11-19 10:01:00Z] (the first try had said invalid_grant: 70000)",
			status: StatusFail, want: map[string]any{"aadsts.code": 50076, "aadsts.codes": []string{"50076", "70000"}, "oauth.error": "interaction_required"}},
		"an exception's ErrorCode line": {
			input:  "MSAL.NetCore.4.67.2.0.MsalServiceException:\n  ErrorCode: invalid_resource\nMicrosoft.Identity.Client.MsalServiceException: AADSTS500011: " + bhResource + " " + bhIDs1 + "\n",
			status: StatusFail, want: map[string]any{"aadsts.code": 500011, "oauth.error": "invalid_resource", "aadsts.trace_id": "11111111-0000-4000-8000-000000000001"}},
		"a redirect's query": {
			input:  "https://app.contoso.com/signin-oidc?error=invalid_resource&error_description=AADSTS500011%3a+The+resource+principal+named+https%3a%2f%2fcontoso.crm.dynamics.com+was+not+found.%0d%0aTrace+ID%3a+11111111-0000-4000-8000-000000000001",
			status: StatusFail, want: map[string]any{"aadsts.code": 500011, "oauth.error": "invalid_resource", "aadsts.trace_id": "11111111-0000-4000-8000-000000000001"}},
		"a Request Id with no AADSTS code is not a Trace ID": {
			input:  "Sorry, but we're having trouble signing you in.\nlogin_required\nRequest Id: 31111111-0000-4000-8000-000000000001\n",
			status: StatusFail, want: map[string]any{"oauth.error": "login_required"}, absent: []string{"aadsts.trace_id", "aadsts.code"}},
		"a Request Id on a sign-in page with a code is its Trace ID": {
			input:  "Sorry, but we're having trouble signing you in.\nAADSTS50058: A silent sign-in request was sent but no user is signed in.\nRequest Id: 31111111-0000-4000-8000-000000000001\n",
			status: StatusFail, want: map[string]any{"aadsts.code": 50058, "aadsts.trace_id": "31111111-0000-4000-8000-000000000001"}},
	}
	runCases(t, AADSTS{}, cases)
}

// TestAADSTSSplitsMessagesWhereBodiesOpen pins where each error's part
// of a paste starts when its body is pretty-printed: at the line that
// opens the body, so its "error" field, printed first, is its own.
func TestAADSTSSplitsMessagesWhereBodiesOpen(t *testing.T) {
	const body2 = "{\n  \"error\": \"interaction_required\",\n  \"error_description\": \"" + bhEnrol + "\",\n  \"trace_id\": \"11111111-0000-4000-8000-000000000002\"\n}\n"
	cases := map[string]struct {
		input  string
		want   map[string]any
		absent []string
	}{
		"the body opens on the line right after the first error": {
			input: "attempt 1: invalid_grant " + bhMFA + " " + bhIDs1 + "\n" + body2,
			want:  map[string]any{"aadsts.code": 50079, "aadsts.error_count": 2, "oauth.error": "interaction_required", "aadsts.codes": []string{"50076", "50079"}}},
		"a line between the first error and the body": {
			input: "attempt 1 failed: " + bhMFA + " " + bhIDs1 + "\nattempt 2, response body:\n" + body2,
			want:  map[string]any{"aadsts.code": 50079, "aadsts.error_count": 2, "oauth.error": "interaction_required", "aadsts.codes": []string{"50076", "50079"}}},
		"a body that opens at the end of the first error's line is that error's": {
			input: "10:01:00 token request failed: " + bhMFA + " response: {\n  \"error\": \"invalid_grant\",\n  \"trace_id\": \"11111111-0000-4000-8000-000000000001\"\n}\n10:02:00 retry failed: " + bhEnrol + "\n",
			want:  map[string]any{"aadsts.code": 50079, "aadsts.error_count": 2, "aadsts.codes": []string{"50076", "50079"}},
			// the first body's fields are not the last error's
			absent: []string{"aadsts.trace_id", "oauth.error"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := AADSTS{}.Run(context.Background(), Input{Text: tc.input, Now: clock})
			checkFacts(t, r, tc.want, tc.absent)
		})
	}
}

// TestErrorMessagesIgnoreZeroCodes: "AADSTS00000" or "invalid_grant:
// 0000" names no error, so it starts no message of its own; MSAL's "word:
// code" lines each start one.
func TestErrorMessagesIgnoreZeroCodes(t *testing.T) {
	cases := map[string]struct {
		input string
		want  []errorMessage
	}{
		"AADSTS zeros before an error": {
			input: "previous call: AADSTS00000\n" + bhMFA + "\n",
			want:  []errorMessage{{line: 2, start: 0, codes: []string{"50076"}}}},
		"MSAL zeros before an error": {
			input: "previous call: invalid_grant: 0000\n" + bhMFA + "\n",
			want:  []errorMessage{{line: 2, start: 0, codes: []string{"50076"}}}},
		"two MSAL lines are two messages": {
			input: "invalid_grant: 70000 - [2026-11-19 10:01:00Z]\ninteraction_required: 50076 - [2026-11-19 10:02:00Z]\n",
			want: []errorMessage{{line: 1, start: 0, codes: []string{"70000"}},
				{line: 2, start: len("invalid_grant: 70000 - [2026-11-19 10:01:00Z]\n"), codes: []string{"50076"}}}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := errorMessages(tc.input); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestMSALCodesLooksAtSixteenMentionsOfAWord pins the bound that keeps a
// long paste cheap: each word is looked at where it occurs, at most 16
// times, so a code after the 16th mention is not read.
func TestMSALCodesLooksAtSixteenMentionsOfAWord(t *testing.T) {
	for _, tc := range []struct {
		mentions int
		want     int
	}{{15, 1}, {16, 0}} {
		text := strings.Repeat("invalid_grant was returned, retrying in 30 seconds\n", tc.mentions) + "invalid_grant: 70000\n"
		if got := msalCodes(text); len(got) != tc.want {
			t.Errorf("%d mentions before the code: %d hits %v, want %d", tc.mentions, len(got), got, tc.want)
		}
	}
}

// TestUnescapeRepeatedlyUndoesSixLevels pins how far nested escaping is
// undone: six levels (an error body in an exception in a log event, each
// escaping the last), no more.
func TestUnescapeRepeatedlyUndoesSixLevels(t *testing.T) {
	escape := func(s string, n int) string {
		for i := 0; i < n; i++ {
			s = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
		}
		return s
	}
	const body = `{"error":"invalid_grant"}`
	for _, tc := range []struct {
		levels int
		want   string
	}{{1, body}, {3, body}, {6, body}, {7, escape(body, 1)}} {
		if got := unescapeRepeatedly(escape(body, tc.levels)); got != tc.want {
			t.Errorf("%d levels: got %q, want %q", tc.levels, got, tc.want)
		}
	}
}

// TestIsURLByte pins the bytes a redirect's query holds unescaped: the
// letters and digits to the ends of their ranges, and the marks.
func TestIsURLByte(t *testing.T) {
	for _, c := range []byte("azAZ09%+-._~!*'()=&?/:;,@#$") {
		if !isURLByte(c) {
			t.Errorf("%q is not read as part of a URL", c)
		}
	}
	for _, c := range []byte("`{[\" <>\n\\^|") {
		if isURLByte(c) {
			t.Errorf("%q is read as part of a URL", c)
		}
	}
}

// TestFindErrorJSONWhereBodiesHide pins where an error body is found: in
// objects and in string values that hold JSON, four levels down at most,
// after other values that hold none, and only in the first six objects
// of the paste.
func TestFindErrorJSONWhereBodiesHide(t *testing.T) {
	const body = `{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity."}`
	quote := func(s string) string { return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) }
	// inStrings puts s in the message string of an object, n times. The
	// braces inside a string are escaped, so only the outer object is
	// tried as JSON: what lies inside is reached by looking into it.
	inStrings := func(s string, n int) string {
		for i := 0; i < n; i++ {
			s = `{"message":"` + quote(s) + `"}`
		}
		return s
	}
	inObjects := func(s string, n int) string {
		return strings.Repeat(`{"inner":`, n) + s + strings.Repeat("}", n)
	}
	cases := map[string]struct {
		text  string
		found bool
	}{
		"four strings down":           {inStrings(body, 4), true},
		"five strings down: too deep": {inStrings(body, 5), false},
		// Each "{" of a nest of objects can be tried on its own: the
		// depth bound holds only when no try is left after the outer one.
		"after five other objects, four objects down":           {strings.Repeat(`{"status":401} `, 5) + inObjects(body, 4), true},
		"after five other objects, five objects down: too deep": {strings.Repeat(`{"status":401} `, 5) + inObjects(body, 5), false},
		"after an object that holds none":                       {inStrings(`{"a":{"status":401},"b":`+body+`}`, 1), true},
		"after a string that holds other JSON":                  {`{"a":"{\"status\":401}","b":"` + quote(body) + `"}`, true},
		"after five other objects":                              {strings.Repeat(`{"status":401} `, 5) + body, true},
		"after six other objects: not searched":                 {strings.Repeat(`{"status":401} `, 6) + body, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := findErrorJSON(tc.text)
			if (got != nil) != tc.found {
				t.Errorf("found %v, want found %v in %s", got, tc.found, tc.text)
			}
			if got != nil && got["error"] != "invalid_grant" {
				t.Errorf("found %v, not the error body", got)
			}
		})
	}
}
