package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProbeReadAny runs `deskside probe --input - [--json]` without a
// probe name: every check that recognises part of the text reports.
func TestProbeReadAny(t *testing.T) {
	response := "HTTP/1.1 400 Bad Request\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000001\n\n" +
		`{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}`
	cases := map[string]struct {
		args   []string
		stdin  string
		code   int
		probes []string // the readings, for --json
		stdout string   // a phrase the output must hold
	}{
		"json, two readings": {args: []string{"probe", "--input", "-", "--json"}, stdin: response, code: 0, probes: []string{"aadsts", "httpstatus"}},
		"json, nothing read": {args: []string{"probe", "--input", "-", "--json"}, stdin: "the user is annoyed", code: 1, probes: []string{}},
		"text, two readings": {args: []string{"probe", "--input", "-"}, stdin: response, code: 0, stdout: "httpstatus: [!] warning: HTTP 400 Bad Request"},
		"text, nothing read": {args: []string{"probe", "--input", "-"}, stdin: "the user is annoyed", code: 1,
			stdout: "No check recognised this text. deskside reads:\n  - Decode a token, such as Authorization: Bearer"},
		"a name still runs one probe": {args: []string{"probe", "aadsts", "--input", "-", "--json"}, stdin: response, code: 0, probes: []string{"aadsts"}},
		"a named check that cannot read it, then the others": {args: []string{"probe", "jwt", "--input", "-", "--json"}, stdin: response, code: 0,
			probes: []string{"jwt", "aadsts", "httpstatus"}},
		"text, a named check that cannot read it": {args: []string{"probe", "jwt", "--input", "-"}, stdin: response, code: 0,
			stdout: "jwt: [?] could not read: Expected"},
		"text, a named check and nothing else reads it": {args: []string{"probe", "jwt", "--input", "-"}, stdin: "the user is annoyed", code: 1,
			stdout: "\n\nNo check recognised this text. deskside reads:\n"},
		"no name and no input": {args: []string{"probe"}, code: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a, out, errOut := testApp(t, tc.stdin)
			code := a.main(tc.args)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			if tc.stdout != "" && !strings.Contains(out.String(), tc.stdout) {
				t.Errorf("output lacks %q:\n%s", tc.stdout, out)
			}
			if tc.probes == nil {
				return
			}
			var rs []struct {
				Probe  string `json:"probe"`
				Result struct {
					Status string         `json:"status"`
					Facts  map[string]any `json:"facts"`
				} `json:"result"`
			}
			if err := json.Unmarshal(out.Bytes(), &rs); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			got := []string{}
			for i, r := range rs {
				got = append(got, r.Probe)
				if len(r.Result.Facts) == 0 && !(i == 0 && r.Result.Status == "error") {
					t.Errorf("%s reading has no facts", r.Probe)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.probes, ",") {
				t.Errorf("readings %v, want %v", got, tc.probes)
			}
		})
	}
}

func TestProbeListSaysClockWorksAnywhere(t *testing.T) {
	a, out, _ := testApp(t, "")
	if code := a.main([]string{"probe", "--list"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), "clock        yes (--url)") || strings.Contains(out.String(), "clock        no") {
		t.Errorf("the listing says clock cannot read this PC:\n%s", out)
	}
}

// TestProbeOutputIsSafe checks that a hostile response pasted into
// deskside probe reaches the terminal with its control sequences in a
// visible form, in text and in JSON.
func TestProbeOutputIsSafe(t *testing.T) {
	hostile := "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"x \x1b]52;c;cHduZWQ=\a \x1b[2J \u009b31m \u202e\"\n\n" +
		"{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"m \x1b]0;t\a \u009b2J\"}}\n"
	in := filepath.Join(t.TempDir(), "response.txt")
	if err := os.WriteFile(in, []byte(hostile), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"probe", "httpstatus", "--input", in}, {"probe", "--input", in}, {"probe", "--input", in, "--json"}} {
		a, out, errOut := testApp(t, "")
		if code := a.main(args); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut)
		}
		got := out.String()
		if !strings.Contains(got, "InvalidAuthenticationToken") {
			t.Errorf("%v: the response was not read:\n%s", args, got)
		}
		if strings.ContainsAny(got, "\x1b\a\u009b\u202e") {
			t.Errorf("%v: a raw control reached the terminal: %q", args, got)
		}
	}
}
