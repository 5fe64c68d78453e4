package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// testApp is an app with in-memory streams, a fixed clock, linux as OS
// and a state folder of its own.
func testApp(t testing.TB, stdin string) (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	a := newApp(strings.NewReader(stdin), &out, &errOut)
	a.now = func() time.Time { return testNow }
	a.goos = "linux"
	a.isTerminal = func() bool { return false }
	state := t.TempDir()
	a.getenv = func(k string) string {
		switch k {
		case "XDG_STATE_HOME":
			return state
		case "HOME":
			return filepath.Join(state, "home")
		}
		return ""
	}
	return a, &out, &errOut
}

func TestExitCodes(t *testing.T) {
	cases := map[string]struct {
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		"validate the default tree": {args: []string{"validate"}, code: 0,
			stdout: "flows.yaml (embedded): valid — 5 flows, "},
		"validate a good file": {args: []string{"validate", "testdata/flows/good/small.yaml"}, code: 0,
			stdout: "testdata/flows/good/small.yaml: valid — 1 flows, 6 nodes (4 outcomes), 4 scenarios\n"},
		"validate a bad file": {args: []string{"validate", "testdata/flows/bad/unknown-next.yaml"}, code: 1,
			stderr: "testdata/flows/bad/unknown-next.yaml:12:15: choice \"No\" of node \"ask\" leads to \"method-2\", which does not exist\n1 problem(s) found"},
		"validate a missing file": {args: []string{"validate", "testdata/flows/none.yaml"}, code: 1,
			stderr: "deskside: flows: cannot read the tree file: open testdata/flows/none.yaml: no such file or directory."},
		"validate two files": {args: []string{"validate", "a", "b"}, code: 2, stderr: "validate takes at most one tree file, got 2"},
		"unknown command":    {args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		"unknown flag":       {args: []string{"run", "--colour"}, code: 2, stderr: "unknown flag: --colour"},
		"unknown flow":       {args: []string{"run", "--plain", "--flow", "nope"}, code: 2, stderr: `no flow "nope" in flows.yaml (embedded)`},
		"version":            {args: []string{"version"}, code: 0, stdout: "deskside 0.1.0"},
		"plain walk to an outcome": {args: []string{"run", "--plain"}, stdin: "7\n", code: 0,
			stdout: "OUTCOME: not-this-problem — The symptom matches none of deskside's guides"},
		"plain walk, input ends": {args: []string{"run", "--plain"}, stdin: "1\n", code: 1,
			stdout: "Input ended at step 2"},
		"plain walk from a flow": {args: []string{"--plain", "--flow", "invalid-grant"}, stdin: "q\n", code: 0,
			stdout: "== Step 1, about 2 to go: invalid_grant: read the AADSTS code =="},
		"probe by paste": {args: []string{"probe", "httpstatus", "--input", "-"}, stdin: "HTTP/1.1 403 Forbidden", code: 0,
			stdout: "[✗] fail: HTTP 403 Forbidden"},
		"probe with unreadable input": {args: []string{"probe", "jwt", "--input", "-"}, stdin: "hello", code: 1,
			stdout: "[?] error: Expected a token"},
		"probe that cannot run here": {args: []string{"probe", "credentials"}, code: 1, stdout: "unavailable on this machine"},
		"probe without a name":       {args: []string{"probe"}, code: 2, stderr: "probe needs one probe name"},
		"probe list":                 {args: []string{"probe", "--list"}, code: 0, stdout: "dsregcmd     no (windows only)  yes"},
		"log folder cannot be made": {args: []string{"run", "--plain", "--log-dir", "/dev/null/sessions"}, stdin: "7\n", code: 1,
			stderr: "deskside: session: cannot create the log folder /dev/null/sessions: mkdir /dev/null: not a directory. Choose a folder that can be written with --log-dir, or run without a log with --no-log."},
		"no log": {args: []string{"run", "--plain", "--no-log"}, stdin: "7\n", code: 0, stdout: "OUTCOME: not-this-problem"},
		"a log is written": {args: []string{"run", "--plain", "--ticket", "INC7"}, stdin: "7\n", code: 0,
			stdout: "deskside/sessions/20261123T120000Z-INC7.jsonl"},
		"export needs a log":   {args: []string{"export"}, code: 2, stderr: "export needs one session log"},
		"export a bad format":  {args: []string{"export", "testdata/sessions/resolved.jsonl", "--format", "pdf"}, code: 2, stderr: `unknown export format "pdf"`},
		"export markdown":      {args: []string{"export", "testdata/sessions/resolved.jsonl"}, code: 0, stdout: "# deskside session INC0012345 — Resolved"},
		"export text":          {args: []string{"export", "testdata/sessions/escalated.jsonl", "--format", "txt"}, code: 0, stdout: "[ ] What changed in identity policy"},
		"export not a journal": {args: []string{"export", "flows.yaml"}, code: 1, stderr: "this is not a deskside session log"},
		"resume a finished session": {args: []string{"resume", "testdata/sessions/resolved.jsonl", "--plain"}, code: 1,
			stderr: "this session already reached its outcome (Fixed by Method 1); export it with: deskside export testdata/sessions/resolved.jsonl"},
		"resume with nothing to resume": {args: []string{"resume", "--plain"}, code: 1, stderr: "no unfinished session in"},
		"sessions, none":                {args: []string{"sessions"}, code: 0, stdout: "No sessions in"},
		"the wizard needs a terminal":   {args: []string{}, code: 2, stderr: "deskside: deskside needs a terminal; use --plain for plain text."},
		"resume in the wizard needs a terminal": {args: []string{"resume", "testdata/sessions/resolved.jsonl"}, code: 1,
			stderr: "already reached its outcome"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a, out, errOut := testApp(t, tc.stdin)
			code := a.main(tc.args)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out.String(), tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, out)
			}
			if !strings.Contains(errOut.String(), tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, errOut)
			}
			if strings.Contains(errOut.String(), "goroutine ") {
				t.Error("a stack trace reached the operator")
			}
		})
	}
}

// TestFlagsToOptions checks each command's flags land in its options.
func TestFlagsToOptions(t *testing.T) {
	a, _, _ := testApp(t, "")
	t.Run("run", func(t *testing.T) {
		var got runOptions
		c := a.runCommand(func(o runOptions) error { got = o; return nil })
		c.SetArgs([]string{"--flows", "x.yaml", "--flow", "onedrive", "--plain"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if want := (runOptions{flowsFile: "x.yaml", flow: "onedrive", plain: true}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("validate", func(t *testing.T) {
		var got validateOptions
		c := a.validateCommand(func(o validateOptions) error { got = o; return nil })
		c.SetArgs([]string{"mine.yaml"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.file != "mine.yaml" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("probe", func(t *testing.T) {
		var got probeOptions
		c := a.probeCommand(func(o probeOptions) error { got = o; return nil })
		c.SetArgs([]string{"clock", "--url", "https://example.com", "--json", "--input", "-"})
		if err := c.Execute(); err != nil {
			t.Fatal(err)
		}
		if want := (probeOptions{name: "clock", url: "https://example.com", json: true, input: "-"}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
}

// TestProbeJSONForEverySample runs `deskside probe --input FILE --json` on
// every shared sample: every check that recognises part of it reports, and
// the facts that say what it is are read.
func TestProbeJSONForEverySample(t *testing.T) {
	// One telling fact per sample, read from the sample itself.
	key := map[string]map[string]any{
		"aadsts/azurecli_issue14244_700082.txt":                               {"aadsts.code": 700082.0},
		"aadsts/msolspray_issue5_53003_message_only.txt":                      {"aadsts.category": "conditional-access"},
		"aadsts/storageexplorer_pr5521_50076_nested_escaped.json":             {"aadsts.code": 50076.0},
		"jwt/msdocs_access_token_v1.jwt":                                      {"jwt.version": "1.0", "jwt.expired": true},
		"jwt/msdocs_id_token_v2.jwt":                                          {"jwt.version": "2.0"},
		"httpstatus/graph_m365dsc_issue4427_lifetime_expired_ps.txt":          {"http.status": 401.0},
		"httpstatus/graph_throttling_429_body_as_quoted.json":                 {"http.status": 429.0},
		"dsregcmd/kolide_not_configured.txt":                                  {"device.join_type": "none"},
		"dsregcmd/msdocs_device_state_hybrid.txt":                             {"device.join_type": "hybrid"},
		"dsregcmd/idx67093621629_workplace_joined_full.txt":                   {"device.join_type": "registered"},
		"credentials/clonevault_list_onedrive_business1.txt":                  {"creds.onedrive_count": 1.0},
		"credentials/idx7467771_donpapi_comment_office15_sspi_credential.txt": {"creds.office_count": 1.0},
		"clienterror/officedocssharepoint_issue1456_0x8004deb4.txt":           {"client.error_kind": "modern-auth"},
		"clienterror/irohastack_0x8007016a_message.txt":                       {"client.error_kind": "sync-engine"},
		"sdk/mailarchiver_issue267_kiota_odataerror_lifetime_no_status.txt":   {"http.status": 401.0},
	}
	// Samples in which no check may recognise anything, and why: deskside
	// reports what a paste holds and does not guess what it leaves out.
	noReading := map[string]string{
		"clock/idx60090837903_w32tm_status_partial_cmos_unsynced.txt":               "w32tm lines with no time or offset to compare",
		"dsregcmd/azuredocs_issue60007_status_debug_wam_error.txt":                  "dsregcmd /debug trace lines, no status values",
		"httpstatus/graphdocs_issue2505_504_unknownerror_headers_after_body.txt":    "the status is only in the reporter's prose",
		"httpstatus/graphdocscontrib_issue8469_429_php_print_r_cut.txt":             "the status is only in the issue's title",
		"httpstatus/msgraphjs_issue297_429_escaped_headers_ags.txt":                 "headers without a status",
		"httpstatus/onedriveapidocs_issue177_429_python_headers_no_retry_after.txt": "headers without a status",
		"sdk/graphdocs_issue5592_toomanyretries_statuscode0.txt":                    "StatusCode 0: no response at all",
		"sdk/msgraphjs_issue1693_etimedout_axios_error_json_cut.txt":                "a network timeout: no response at all",
		"sdk/msgraphpowershell_issue2569_connectmggraph_msal_debug_cut.txt":         "a debug log cut before any error",
		"jwt/idx34158821065_token_response_truncated_ellipsis.json":                 "the token was cut with an ellipsis",
		"jwt/idx47922985060_v1_decoded_id_token_dot_joined_json.txt":                "decoded JSON parts, not a token",
		"jwt/idx33150959150_rfc7515_a1_linebreak_became_dot_four_segments.txt":      "a line break became a dot: four parts",
	}
	files, _ := filepath.Glob("testdata/probes/*/*")
	if len(files) < 40 {
		t.Fatalf("only %d samples found", len(files))
	}
	for _, f := range files {
		if filepath.Ext(f) == ".md" {
			continue
		}
		rel := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(rel, func(t *testing.T) {
			a, out, errOut := testApp(t, "")
			code := a.main([]string{"probe", "--input", f, "--json"})
			var rs []struct {
				Probe  string `json:"probe"`
				Result struct {
					Status  string         `json:"status"`
					Summary string         `json:"summary"`
					Facts   map[string]any `json:"facts"`
				} `json:"result"`
			}
			if err := json.Unmarshal(out.Bytes(), &rs); err != nil {
				t.Fatalf("exit %d, output is not JSON: %v\n%s%s", code, err, out, errOut)
			}
			if why, ok := noReading[rel]; ok {
				if len(rs) != 0 || code != 1 {
					t.Errorf("exit %d with %d readings, want none (%s)", code, len(rs), why)
				}
				return
			}
			if code != 0 || len(rs) == 0 {
				t.Fatalf("exit %d, %d readings", code, len(rs))
			}
			facts := map[string]any{}
			for _, r := range rs {
				for k, v := range r.Result.Facts {
					facts[k] = v
				}
			}
			for k, want := range key[rel] {
				if got := facts[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", k, got, want)
				}
			}
		})
	}
}

// TestSessionRoundTrip walks a session with a secret in a note, lists it,
// and exports it to a file: the operator is told what was masked first.
func TestSessionRoundTrip(t *testing.T) {
	a, out, _ := testApp(t, "n the user pasted Authorization: Bearer abcdefghijklmnop\n7\n")
	if code := a.main([]string{"run", "--plain", "--ticket", "INC9", "--operator", "Dana"}); code != 0 {
		t.Fatalf("run exit %d", code)
	}
	m := regexp.MustCompile(`Session log: (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no log path in:\n%s", out)
	}
	logPath := m[1]
	if _, err := os.Stat(strings.TrimSuffix(logPath, ".jsonl") + ".md"); err != nil {
		t.Errorf("no Markdown export beside the journal: %v", err)
	}

	b, out2, _ := testApp(t, "")
	b.getenv = a.getenv
	if code := b.main([]string{"sessions"}); code != 0 || !strings.Contains(out2.String(), "INC9") || !strings.Contains(out2.String(), "not-this-problem") {
		t.Errorf("sessions (exit %d):\n%s", code, out2)
	}

	c, _, errOut := testApp(t, "")
	dest := filepath.Join(t.TempDir(), "ticket.md")
	if code := c.main([]string{"export", logPath, "-o", dest}); code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	if want := "Masked when the log was written: 1 item masked: 1 Authorization header."; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	data, _ := os.ReadFile(dest)
	if bytes.Contains(data, []byte("abcdefghijklmnop")) || !bytes.Contains(data, []byte("Bearer [redacted]")) {
		t.Errorf("export:\n%s", data)
	}
}
