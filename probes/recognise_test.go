package probes

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readingNames(rs []Reading) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Probe)
	}
	return out
}

func TestReadAny(t *testing.T) {
	tok := makeToken(t, v2Claims("https://graph.microsoft.com", testNow.Add(-time.Hour), testNow.Add(-10*time.Minute)))
	cases := map[string]struct {
		in   string
		want []string
		fact map[string]any // facts some reading must carry
	}{
		"response whose body is an AADSTS error": {
			in: "HTTP/1.1 400 Bad Request\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000001\nDate: Mon, 23 Nov 2026 11:58:00 GMT\n\n" +
				`{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}`,
			want: []string{"aadsts", "httpstatus"},
			fact: map[string]any{"aadsts.code": 700082, "http.request_id": "0b1c2d3e-0000-4000-8000-000000000001", "http.status": 400}},
		"log with a token in it": {
			in:   "11:58:00 DEBUG calling Graph\n11:58:01 DEBUG Authorization: Bearer " + tok + "\n11:58:02 DEBUG got 401",
			want: []string{"jwt"}, fact: map[string]any{"jwt.expired": true}},
		"401 response with the token that failed": {
			in:   "HTTP/1.1 401 Unauthorized\nDate: Mon, 23 Nov 2026 11:45:00 GMT\n\nAuthorization: Bearer " + tok,
			want: []string{"jwt", "httpstatus"}, fact: map[string]any{"jwt.expired": false, "jwt.checked_at": "Date header 2026-11-23T11:45:00Z", "http.status": 401}},
		"one section of dsregcmd": {in: sample(t, "dsregcmd/msdocs_sso_state_prt_no_aadsts50126.txt"), want: []string{"dsregcmd"},
			fact: map[string]any{"sso.aadsts_code": 50126}},
		"the user's clock": {in: "PS C:\\> Get-Date\n\nMonday, November 23, 2026 11:51:00 AM\n", want: []string{"clock"},
			fact: map[string]any{"clock.skew_seconds": -540, "clock.checked": "the user's PC"}},
		"a client error code": {in: "We couldn't sign you in. Error code: 0x8004de40", want: []string{"clienterror"}},
		"an AADSTS error that names offline_access is no client error": {
			in:   `{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity. Trace ID: 3c1f0e2a-1b7d-4c55-9a61-0d2e4f8a7b00","error_codes":[700082],"scope":"openid profile offline_access"}`,
			want: []string{"aadsts"}, fact: map[string]any{"aadsts.code": 700082}},
		"a Date header alone is no clock reading": {in: "Date: Mon, 23 Nov 2026 11:45:00 GMT", want: []string{}},
		"prose":   {in: "OneDrive is slow today and the user is annoyed.", want: []string{}},
		"nothing": {in: "  \n ", want: []string{}},
		"binary":  {in: "\x00\x01\x02\x03\xff\xfe\x00\x00\x10\x11", want: []string{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			rs := ReadAny(context.Background(), Builtin().All(), Input{Text: tc.in, Now: clock, OS: "linux"})
			if got := readingNames(rs); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("readings %v, want %v", got, tc.want)
			}
			for k, want := range tc.fact {
				found := false
				for _, r := range rs {
					if v, ok := r.Result.Facts[k]; ok {
						found = true
						if !reflect.DeepEqual(v, want) {
							t.Errorf("%s: %s = %#v, want %#v", r.Probe, k, v, want)
						}
					}
				}
				if !found {
					t.Errorf("no reading sets %s", k)
				}
			}
		})
	}
}

// panicky is a probe that panics, to show that ReadAny survives one.
type panicky struct{ JWT }

func (panicky) Name() string                      { return "panicky" }
func (panicky) Run(context.Context, Input) Result { panic("boom") }

// runsPrograms fails the test if ReadAny lets it run a program.
type runsPrograms struct {
	Dsregcmd
	t *testing.T
}

func (p runsPrograms) Run(ctx context.Context, in Input) Result {
	if in.Runner != nil || in.URL != "" {
		p.t.Error("ReadAny handed a probe a runner or a URL")
	}
	return p.Dsregcmd.Run(ctx, in)
}

func TestReadAnyReadsOnlyThePaste(t *testing.T) {
	ps := []Probe{panicky{}, runsPrograms{t: t}, Credentials{}}
	rs := ReadAny(context.Background(), ps, Input{Text: "AzureAdJoined : YES\nDomainJoined : NO", Runner: ExecRunner{}, URL: "https://example.com", OS: "windows"})
	if got := readingNames(rs); !reflect.DeepEqual(got, []string{"dsregcmd"}) {
		t.Errorf("readings %v, want [dsregcmd]", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rs := ReadAny(ctx, ps, Input{Text: "AzureAdJoined : YES"}); len(rs) != 0 {
		t.Errorf("a cancelled context still read: %v", readingNames(rs))
	}
}

func TestPasteKinds(t *testing.T) {
	kinds := PasteKinds(Builtin().All())
	paste := 0
	for _, p := range Builtin().All() {
		if TakesPaste(p) {
			paste++
			if p.Describe().Example == "" {
				t.Errorf("%s reads pastes but has no example", p.Name())
			}
		}
	}
	if len(kinds) != paste {
		t.Fatalf("%d kinds for %d paste-reading probes: %q", len(kinds), paste, kinds)
	}
	if !strings.Contains(kinds[1], "Read an AADSTS error, such as {\"error\":\"invalid_grant\"") {
		t.Errorf("kind %q", kinds[1])
	}
	for _, k := range kinds {
		if strings.Contains(k, "\n") || len(k) > 200 {
			t.Errorf("kind is not one short line: %q", k)
		}
	}
	if got := PasteKinds([]Probe{OneDrive{}, noPaste{}}); len(got) != 1 {
		t.Errorf("a probe without a paste is listed: %q", got)
	}
}

type noPaste struct{ OneDrive }

func (noPaste) Describe() Description { return Description{Title: "x", Program: "x"} }

// realisticPaste builds about 1 MiB of what a long paste holds: log lines,
// headers, AADSTS bodies, dsregcmd sections and a token, from the samples.
func realisticPaste(tb testing.TB) string {
	var parts []string
	for _, f := range []string{"aadsts/vscode_issue135299_50173_multiline.txt", "dsregcmd/msdocs_sso_state_prt_no_aadsts50126.txt",
		"httpstatus/graph_m365dsc_issue4427_lifetime_expired_ps.txt", "jwt/msdocs_access_token_v1.jwt", "aadsts/storageexplorer_pr5521_50076_nested_escaped.json",
		"clienterror/idx52045758390_aad_operational_log_xmlhttp_timeout.txt", "credentials/clonevault_list_onedrive_business1.txt"} {
		parts = append(parts, sample(tb, f))
	}
	unit := strings.Join(parts, "\n2026-11-23 11:58:00.123 [MSAL] Verbose: acquiring token silently for scopes User.Read\n")
	var b strings.Builder
	for b.Len() < MaxPaste-len(unit) {
		b.WriteString(unit)
		b.WriteString("\n")
	}
	return b.String()
}

func TestReadAnyOnAMiB(t *testing.T) {
	in := realisticPaste(t)
	start := time.Now()
	rs := ReadAny(context.Background(), Builtin().All(), Input{Text: in, Now: clock, OS: "linux"})
	t.Logf("%d KiB read in %v by %v", len(in)>>10, time.Since(start), readingNames(rs))
	for _, want := range []string{"jwt", "aadsts", "httpstatus", "dsregcmd"} {
		if !strings.Contains(strings.Join(readingNames(rs), " "), want) {
			t.Errorf("%s did not recognise its part of the paste", want)
		}
	}
}

func BenchmarkReadAny1MiB(b *testing.B) {
	in := Input{Text: realisticPaste(b), Now: clock, OS: "linux"}
	ps := Builtin().All()
	b.SetBytes(int64(len(in.Text)))
	for b.Loop() {
		ReadAny(context.Background(), ps, in)
	}
}

// TestReadPaste pins the one rule for a paste at a step: the own check
// first; the others only when it read nothing and there is text; the
// kinds when nothing read it.
func TestReadPaste(t *testing.T) {
	aadstsBody := `{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}`
	response := "HTTP/1.1 400 Bad Request\nrequest-id: 0b1c2d3e-0000-4000-8000-000000000001\n\n" + aadstsBody
	cases := map[string]struct {
		own     Probe
		in      Input
		ownRead bool     // the own check's result read the paste
		others  []string // the other readings, in order
		kinds   bool     // the kinds are listed
	}{
		"own check reads it; the others read their part": {own: AADSTS{}, in: Input{Text: response}, ownRead: true, others: []string{"httpstatus"}},
		"own check reads it all; no one else recognises": {own: AADSTS{}, in: Input{Text: `{"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked."}`}, ownRead: true, others: []string{}},
		"own check cannot; the others read it":           {own: JWT{}, in: Input{Text: response}, others: []string{"aadsts", "httpstatus"}},
		"own check cannot; nor can anyone":               {own: JWT{}, in: Input{Text: "the user is annoyed"}, others: []string{}, kinds: true},
		"no own check; the others read it":               {in: Input{Text: response}, others: []string{"aadsts", "httpstatus"}},
		"no own check; nothing reads it":                 {in: Input{Text: "the user is annoyed"}, others: []string{}, kinds: true},
		"no own check; nothing pasted":                   {in: Input{Text: " \n"}, others: []string{}, kinds: true},
		"own check on this PC, which it cannot run":      {own: Credentials{}, in: Input{OS: "linux"}, others: []string{}},
		"own check that panics; the others read it":      {own: panicky{}, in: Input{Text: aadstsBody}, others: []string{"aadsts"}},
		"the own check is never read twice":              {own: twoMinds{}, in: Input{Text: aadstsBody}, others: []string{"aadsts"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			tc.in.Now = clock
			ps := Builtin().All()
			if tc.own == (twoMinds{}) {
				ps = append(ps, tc.own)
			}
			got := ReadPaste(context.Background(), tc.own, ps, tc.in)
			if (got.Own != nil) != (tc.own != nil) {
				t.Fatalf("own reading %v, want one: %v", got.Own, tc.own != nil)
			}
			if got.Own != nil {
				if got.Own.Probe != tc.own.Name() {
					t.Errorf("own reading by %s, want %s", got.Own.Probe, tc.own.Name())
				}
				if got.Own.Result.Recognised() != tc.ownRead {
					t.Errorf("own check read it: %v, want %v (%s)", got.Own.Result.Recognised(), tc.ownRead, got.Own.Result.Summary)
				}
			}
			if names := readingNames(got.Others); !reflect.DeepEqual(names, tc.others) {
				t.Errorf("other readings %v, want %v", names, tc.others)
			}
			if (len(got.Kinds) > 0) != tc.kinds {
				t.Errorf("kinds listed: %v, want %v", len(got.Kinds) > 0, tc.kinds)
			}
			if got.Recognised() != (tc.ownRead || len(tc.others) > 0) {
				t.Errorf("Recognised() = %v", got.Recognised())
			}
			if n := len(got.Readings()); n != len(got.Others)+btoi(got.Own != nil) {
				t.Errorf("%d readings in all", n)
			}
		})
	}
}

// twoMinds cannot read a paste at its own step but reads it among every
// check, so ReadPaste must leave it out of the others itself.
type twoMinds struct{ JWT }

func (twoMinds) Name() string                      { return "twominds" }
func (twoMinds) Run(context.Context, Input) Result { return Result{Status: StatusError} }
func (twoMinds) readPaste(context.Context, Input) Result {
	return Result{Status: StatusOK, Summary: "read."}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestReadPasteCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := ReadPaste(ctx, JWT{}, Builtin().All(), Input{Text: "AADSTS700082: The refresh token has expired due to inactivity."})
	if got.Own == nil || got.Own.Result.Summary != "The check was cancelled." {
		t.Errorf("own reading %+v, want the cancellation", got.Own)
	}
	if len(got.Others) != 0 || len(got.Kinds) != 0 {
		t.Errorf("a cancelled paste went on to the others: %+v", got)
	}
}
