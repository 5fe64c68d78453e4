package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
	"deskside/session"
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
			stderr: "testdata/flows/bad/unknown-next.yaml:12:15: choice \"No\" of node \"ask\" leads to \"method-2\", which does not exist\n1 problem found; fix it and run deskside validate again.\n"},
		"validate a missing file": {args: []string{"validate", "testdata/flows/none.yaml"}, code: 1,
			stderr: "Cannot read the tree file: testdata/flows/none.yaml does not exist. Check the path and run the command again.\n"},
		"validate two files": {args: []string{"validate", "a", "b"}, code: 2, stderr: "Validate takes at most one tree file, got 2"},
		"unknown command":    {args: []string{"frobnicate"}, code: 2, stderr: `Unknown command "frobnicate"`},
		"unknown flag":       {args: []string{"run", "--colour"}, code: 2, stderr: "Unknown flag: --colour"},
		"unknown flow":       {args: []string{"run", "--plain", "--flow", "nope"}, code: 2, stderr: `No flow "nope" in flows.yaml (embedded); the flows are: onedrive, integration-401`},
		"version":            {args: []string{"version"}, code: 0, stdout: "deskside 0.1.0"},
		"plain walk to an outcome": {args: []string{"run", "--plain"}, stdin: "7\n", code: 0,
			stdout: "OUTCOME: not-this-problem — Not a Microsoft 365 sign-in or token problem"},
		"plain walk, input ends": {args: []string{"run", "--plain"}, stdin: "1\n", code: 1,
			stdout: "Input ended at step 2"},
		"plain walk from a flow": {args: []string{"--plain", "--flow", "invalid-grant"}, stdin: "q\n", code: 0,
			stdout: "\nStep 1, about 3 to go: invalid_grant: read the AADSTS code\n"},
		"probe by paste": {args: []string{"probe", "httpstatus", "--input", "-"}, stdin: "HTTP/1.1 403 Forbidden", code: 0,
			stdout: "[✗] problem: HTTP 403 Forbidden"},
		"probe with unreadable input": {args: []string{"probe", "jwt", "--input", "-"}, stdin: "hello", code: 1,
			stdout: "[?] could not read: Expected a token"},
		"probe that cannot run here": {args: []string{"probe", "credentials"}, code: 1, stdout: "unavailable on this machine"},
		"probe without a name":       {args: []string{"probe"}, code: 2, stderr: "Probe needs one probe name"},
		"probe list":                 {args: []string{"probe", "--list"}, code: 0, stdout: "dsregcmd     no (windows only)  yes"},
		"log folder cannot be made": {args: []string{"run", "--plain", "--log-dir", "/dev/null/sessions"}, stdin: "7\n", code: 1,
			stderr: "Cannot create the log folder /dev/null/sessions: part of /dev/null is a file, not a folder. Choose a folder that can be written with --log-dir, or run without a log with --no-log.\n"},
		"no log": {args: []string{"run", "--plain", "--no-log"}, stdin: "7\n", code: 0, stdout: "OUTCOME: not-this-problem"},
		"a log is written": {args: []string{"run", "--plain", "--ticket", "INC7"}, stdin: "7\n", code: 0,
			stdout: "deskside/sessions/20261123T120000Z-INC7.jsonl"},
		"export needs a log":   {args: []string{"export"}, code: 2, stderr: "Export needs one session log"},
		"export a bad format":  {args: []string{"export", "testdata/sessions/resolved.jsonl", "--format", "pdf"}, code: 2, stderr: `Unknown export format "pdf"`},
		"export markdown":      {args: []string{"export", "testdata/sessions/resolved.jsonl"}, code: 0, stdout: "# deskside session INC0012345 — Resolved"},
		"export text":          {args: []string{"export", "testdata/sessions/escalated.jsonl", "--format", "txt"}, code: 0, stdout: "[ ] What changed in identity policy"},
		"export not a journal": {args: []string{"export", "flows.yaml"}, code: 1, stderr: "flows.yaml: this is not a deskside session log"},
		"resume a finished session": {args: []string{"resume", "testdata/sessions/resolved.jsonl", "--plain"}, code: 1,
			stderr: "This session already reached its outcome (Fixed by Method 1); export it with: deskside export testdata/sessions/resolved.jsonl"},
		"resume with nothing to resume": {args: []string{"resume", "--plain"}, code: 1, stderr: "No unfinished session in"},
		"sessions, none":                {args: []string{"sessions"}, code: 0, stdout: "No sessions in"},
		"the wizard needs a terminal":   {args: []string{}, code: 2, stderr: "The wizard needs a terminal, and this command's input or output is not one; run it in a terminal, or use --plain for numbered prompts on plain text.\n"},
		"resume in the wizard needs a terminal": {args: []string{"resume", "UNFINISHED"}, code: 2,
			stderr: "The wizard needs a terminal"},
	}
	// An unfinished session: the start and its first step, nothing answered.
	unfinished := filepath.Join(t.TempDir(), "unfinished.jsonl")
	lines, err := os.ReadFile("testdata/sessions/resolved.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	head := strings.SplitAfterN(string(lines), "\n", 3)
	if err := os.WriteFile(unfinished, []byte(head[0]+head[1]), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a, out, errOut := testApp(t, tc.stdin)
			for i, arg := range tc.args {
				if arg == "UNFINISHED" {
					tc.args[i] = unfinished
				}
			}
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
			if strings.Contains(errOut.String(), "goroutine ") || packagePrefix.MatchString(errOut.String()) {
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
		// A .source file says where the paste beside it was published.
		if ext := filepath.Ext(f); ext == ".md" || ext == ".source" {
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

// TestPlainOperatorRemembered checks that plain mode records the
// operator's name: from --operator, else from the last session.
func TestPlainOperatorRemembered(t *testing.T) {
	a, _, _ := testApp(t, "7\n")
	if code := a.main([]string{"run", "--plain", "--operator", "Dana Whitfield"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	b, out, _ := testApp(t, "7\n")
	b.getenv = a.getenv
	if code := b.main([]string{"run", "--plain", "--ticket", "INC2"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), "Operator: Dana Whitfield (from the last session; --operator NAME changes it)") {
		t.Errorf("stdout:\n%s", out)
	}
	logPath := regexp.MustCompile(`Session log: (\S+)`).FindStringSubmatch(out.String())
	if logPath == nil {
		t.Fatalf("no log in:\n%s", out)
	}
	l, err := session.ReadFile(logPath[1])
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Start().Operator; got != "Dana Whitfield" {
		t.Errorf("the second session records operator %q", got)
	}
}

// TestPlainResumeLine checks the command printed on quit: the log's
// absolute path, quoted when it holds a space, ready to paste.
func TestPlainResumeLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "call logs")
	a, out, _ := testApp(t, "q\n")
	if code := a.main([]string{"run", "--plain", "--log-dir", dir}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	m := regexp.MustCompile(`Session log: (.+)\n`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("stdout:\n%s", out)
	}
	want := "Continue it with: deskside resume --plain '" + m[1] + "'\n"
	if !filepath.IsAbs(m[1]) || !strings.Contains(out.String(), want) {
		t.Errorf("stdout lacks %q:\n%s", want, out)
	}
	cases := map[string]struct{ path, goos, want string }{
		"plain path":         {"/var/log/x.jsonl", "linux", "/var/log/x.jsonl"},
		"space, unix":        {"/home/a b/x.jsonl", "linux", "'/home/a b/x.jsonl'"},
		"quote, unix":        {"/tmp/it's.jsonl", "darwin", `'/tmp/it'\''s.jsonl'`},
		"space, windows":     {`C:\Users\Jane Doe\x.jsonl`, "windows", `"C:\Users\Jane Doe\x.jsonl"`},
		"plain windows path": {`C:\Users\jd\x.jsonl`, "windows", `C:\Users\jd\x.jsonl`},
	}
	for name, tc := range cases {
		if got := shellQuote(tc.path, tc.goos); got != tc.want {
			t.Errorf("%s: got %s, want %s", name, got, tc.want)
		}
	}
}

// TestPlainTrainingScore checks the JSON score of plain training: who,
// which scenario, when and how long, and a partial score when the input
// ends before the outcome.
func TestPlainTrainingScore(t *testing.T) {
	type score struct {
		Trainee   string           `json:"trainee"`
		Scenario  string           `json:"scenario"`
		Started   time.Time        `json:"started"`
		Seconds   *int             `json:"seconds"`
		Finished  bool             `json:"finished"`
		StoppedAt int              `json:"stopped_at_step"`
		Matched   int              `json:"matched_steps"`
		Misses    []flows.Miss     `json:"misses"`
		Overrides []flows.Override `json:"overrides"`
	}
	t.Run("finished", func(t *testing.T) {
		a, out, errOut := testApp(t, "1\n1\n1\n1\n1\n")
		if code := a.main([]string{"train", "password-reset", "--plain", "--json", "--operator", "Dana"}); code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		var s score
		if err := json.Unmarshal(out.Bytes(), &s); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if s.Trainee != "Dana" || s.Scenario != "password-reset" || !s.Started.Equal(testNow) || s.Seconds == nil || !s.Finished || s.Matched != 5 {
			t.Errorf("score %+v\n%s", s, out)
		}
	})
	t.Run("input ends early", func(t *testing.T) {
		a, out, errOut := testApp(t, "1\n2\n")
		code := a.main([]string{"train", "password-reset", "--plain", "--json"})
		if code != 1 {
			t.Errorf("exit %d", code)
		}
		var s score
		if err := json.Unmarshal(out.Bytes(), &s); err != nil {
			t.Fatalf("no partial score: %v\n%s\n%s", err, out, errOut)
		}
		if s.Finished || s.StoppedAt != 3 || s.Matched != 1 || len(s.Misses) != 1 || s.Misses[0].Why == "" {
			t.Errorf("score %+v", s)
		}
	})
	t.Run("text", func(t *testing.T) {
		a, out, _ := testApp(t, "1\nq\n")
		a.main([]string{"train", "password-reset", "--plain"})
		if !strings.Contains(out.String(), "SCORE: Trainee: unnamed trainee. Scenario: password-reset. Started 2026-11-23 12:00:00 UTC.\nUnfinished: the walk stopped at step 2") {
			t.Errorf("stdout:\n%s", out)
		}
	})
}

// fullDisk is a session log file on a disk that fills up when told to.
type fullDisk struct {
	full bool
	buf  bytes.Buffer
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if f.full {
		return 0, errors.New("no space left on device")
	}
	return f.buf.Write(p)
}
func (f *fullDisk) Sync() error  { return nil }
func (f *fullDisk) Close() error { return nil }

// TestPlainFullDisk checks that a walk whose events could not be written
// is not reported as a success: no OUTCOME line, no "Session log" line,
// exit 1, and a message that says what was lost and what to do.
func TestPlainFullDisk(t *testing.T) {
	a, out, errOut := testApp(t, "7\n")
	tree, err := a.loadTree("")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	ff := &fullDisk{}
	j := session.NewJournal(ff, path, 0)
	if err := j.AppendEntry(session.Entry{TS: session.Stamp(testNow), Event: flows.Event{Type: session.EventStart}, Start: &session.Start{StartNode: "triage"}}); err != nil {
		t.Fatal(err)
	}
	ff.full = true
	w, evs := flows.NewWalk(tree, a.now)
	_ = j.Append(evs...)
	err = a.plainWalk(w, j, nil)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Errorf("err %v, want exit 1", err)
	}
	if strings.Contains(out.String(), "OUTCOME:") || strings.Contains(out.String(), "Session log:") {
		t.Errorf("stdout declares success:\n%s", out)
	}
	for _, want := range []string{"could not be written to " + path, "no space left on device", "Free space on the disk", "Continue it with: deskside resume --plain " + path} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestPlainTrainingKeepsTheLesson checks that plain training gives no
// answer away before the trainee answers: the list shows each scenario's
// title and length, and what it teaches comes after the score.
func TestPlainTrainingKeepsTheLesson(t *testing.T) {
	a, out, errOut := testApp(t, "1\n1\n1\n1\n1\n1\n")
	if code := a.main([]string{"train", "--plain"}); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	tree, err := a.loadTree("")
	if err != nil {
		t.Fatal(err)
	}
	sc := tree.Scenarios[0]
	got := out.String()
	score := strings.Index(got, "SCORE: ")
	if score < 0 {
		t.Fatalf("no score:\n%s", got)
	}
	if i := strings.Index(got, sc.Teaches); i < score {
		t.Errorf("what %q teaches is printed at %d, before the score at %d:\n%s", sc.ID, i, score, got)
	}
	for _, s := range tree.Scenarios {
		if s.Teaches != "" && strings.Contains(got[:score], s.Teaches) {
			t.Errorf("the lesson of %q is shown before the score", s.ID)
		}
	}
	if !strings.Contains(got, "  1) "+sc.Title+" ("+probes.Plural(len(sc.Expect)-1, "step", "steps")+")\n") {
		t.Errorf("the list does not show the first scenario as title and length:\n%s", got)
	}
}

// TestLooseLogFolderWarnsOnANewSession checks that a log folder other
// users can open is said before the first step of a new call, not only
// on resume.
func TestLooseLogFolderWarnsOnANewSession(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	a, out, errOut := testApp(t, "q\n")
	a.main([]string{"run", "--plain", "--log-dir", dir})
	if !strings.Contains(errOut.String(), "Warning: The log folder "+dir+" can be opened by other users of this PC (mode 0777)") {
		t.Errorf("no warning about the folder:\nstderr: %s\nstdout: %s", errOut, out)
	}
}

// TestPlainAsksForTheTicket checks that plain mode at a keyboard asks for
// the ticket, as the wizard's start screen does, and records it; piped
// input (isTerminal false) is never asked.
func TestPlainAsksForTheTicket(t *testing.T) {
	dir := t.TempDir()
	a, out, errOut := testApp(t, "INC0077\n7\n")
	a.isTerminal = func() bool { return true }
	if code := a.main([]string{"run", "--plain", "--log-dir", dir}); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out.String(), "Ticket ID (optional; Enter to skip)> ") || !strings.Contains(out.String(), "OUTCOME: not-this-problem") {
		t.Errorf("no ticket prompt, or the answer after it was lost:\n%s", out)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "*-INC0077.jsonl"))
	if len(logs) != 1 {
		t.Errorf("the session log is not named by the ticket: %v", logs)
	}
	a, out, _ = testApp(t, "7\n")
	a.main([]string{"run", "--plain", "--no-log"})
	if strings.Contains(out.String(), "Ticket ID") {
		t.Error("piped input was asked for a ticket")
	}
}
