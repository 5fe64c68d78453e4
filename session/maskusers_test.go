package session

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMaskUsers(t *testing.T) {
	cases := map[string]struct {
		in, want string
		n        int
	}{
		"an address keeps its domain":            {"User: adele.vance@contoso.com", "User: a…@contoso.com", 1},
		"a UPN in a cmdkey target":               {"target=MicrosoftOffice16_Data:SSPI:adele.vance@contoso.example", "target=MicrosoftOffice16_Data:SSPI:a…@contoso.example", 1},
		"a check's own mask reads the same":      {"to remove: a***@contoso.example.", "to remove: a…@contoso.example.", 1},
		"two addresses":                          {"from j@x.io to kim.lee@fabrikam.co.uk", "from j…@x.io to k…@fabrikam.co.uk", 2},
		"a down-level logon name":                {"Executing Account Name : CONTOSO\\adele.vance, adele.vance@contoso.com", "Executing Account Name : CONTOSO\\a…, a…@contoso.com", 2},
		"AzureAD\\ names the user too":           {"AzureAD\\AdeleVance", "AzureAD\\A…", 1},
		"two logon names":                        {`CONTOSO\adele then FABRIKAM\kim.lee`, `CONTOSO\a… then FABRIKAM\k…`, 2},
		"a logon name ends a sentence":           {`Signed in as CONTOSO\adele.vance.`, `Signed in as CONTOSO\a….`, 1},
		"a Graph URL naming the user":            {"GET /v1.0/users/adele@contoso.com/drive", "GET /v1.0/users/a…@contoso.com/drive", 1},
		"masking twice changes nothing":          {"a…@contoso.com and CONTOSO\\a…", "a…@contoso.com and CONTOSO\\a…", 0},
		"a path is not a user":                   {`C:\Windows\System32 and \\FS01\share\folder and CONTOSO\share\x`, `C:\Windows\System32 and \\FS01\share\folder and CONTOSO\share\x`, 0},
		"an escape in pasted JSON is not a user": {`"line one\nline two\tSECOND"`, `"line one\nline two\tSECOND"`, 0},
		"built-in accounts name no one":          {`NT AUTHORITY\SYSTEM, BUILTIN\Administrators`, `NT AUTHORITY\SYSTEM, BUILTIN\Administrators`, 0},
		"a package version is not an address":    {"msal@1.4.2 and @azure/msal-node", "msal@1.4.2 and @azure/msal-node", 0},
		"no user":                                {"The password was reset at 08:50.", "The password was reset at 08:50.", 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, n := MaskUsers(tc.in)
			if got != tc.want || n != tc.n {
				t.Errorf("MaskUsers(%q) = %q, %d; want %q, %d", tc.in, got, n, tc.want, tc.n)
			}
		})
	}
}

// TestMaskUsersExports exports a session whose pastes name the user, in
// every format, with and without --mask-users: the default keeps who the
// user is, the masked export shows no name but keeps the domain, and the
// summary the caller holds is left as it was. The masked exports are
// golden files too.
func TestMaskUsersExports(t *testing.T) {
	gs := goldenSessions["resolved"]
	acts := append([]act{noted(`Signed in as CONTOSO\adele.vance; mail to adele.vance@contoso.example bounced.`)}, gs.acts...)
	path := record(t, t.TempDir(), gs.ticket, gs.operator, acts)
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(l)
	for _, f := range []Format{FormatMarkdown, FormatJSON, FormatText} {
		t.Run(string(f), func(t *testing.T) {
			plain, _, err := Export(s, f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(plain, []byte("adele.vance@contoso.example")) || !bytes.Contains(plain, []byte(`adele.vance;`)) {
				t.Errorf("the default export does not keep the user's name:\n%s", plain)
			}
			out, counts, err := ExportWith(s, f, ExportOptions{MaskUsers: true})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(bytes.ToLower(out), []byte("adele")) || bytes.Contains(out, []byte("***@")) {
				t.Errorf("the masked export still names the user:\n%s", out)
			}
			if !bytes.Contains(out, []byte("a…@contoso.example")) || !bytes.Contains(out, []byte(`CONTOSO\\a…`)) && !bytes.Contains(out, []byte(`CONTOSO\a…`)) {
				t.Errorf("the masked export lost the domain:\n%s", out)
			}
			if counts[KindUser] == 0 {
				t.Errorf("counts %v name no user masked", counts)
			}
			if again, _, _ := Export(s, f); !bytes.Equal(again, plain) {
				t.Error("masking changed the summary it was given")
			}
			checkExportGolden(t, "resolved-masked", f, out)
		})
	}
}

// TestMaskUsersInJSONStrings: a name right after a line break, which
// JSON writes as \n, is masked as the reader sees it (not as
// "nadele.vance"), and the masked JSON export stays valid JSON.
func TestMaskUsersInJSONStrings(t *testing.T) {
	gs := goldenSessions["resolved"]
	acts := append([]act{noted("Bounced at 09:12 for\nadele.vance@contoso.example")}, gs.acts...)
	path := record(t, t.TempDir(), gs.ticket, gs.operator, acts)
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := ExportWith(Summarize(l), FormatJSON, ExportOptions{MaskUsers: true})
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("the masked JSON export is not JSON: %v\n%s", err, out)
	}
	var plain string
	walkStrings(doc, func(s string) { plain += s + "\n" })
	if !strings.Contains(plain, "Bounced at 09:12 for\na…@contoso.example") {
		t.Errorf("the export's strings, masked:\n%s\nwant the address on the second line masked", plain)
	}
}

// walkStrings calls f with every string in a decoded JSON value.
func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		for _, e := range v {
			walkStrings(e, f)
		}
	}
}

// TestMaskUsersCountsOnlyNamesFound: a masked export of a session that
// names nobody reports no user masked, so the ticket does not say "0
// user names masked".
func TestMaskUsersCountsOnlyNamesFound(t *testing.T) {
	gs := goldenSessions["back-steps-and-notes"]
	l, err := ReadFile(record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{FormatMarkdown, FormatJSON, FormatText} {
		_, counts, err := ExportWith(Summarize(l), f, ExportOptions{MaskUsers: true})
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := counts[KindUser]; ok {
			t.Errorf("%s: counts %v hold %d user names, want none", f, counts, n)
		}
	}
}

// TestMaskSummaryOutcome: the outcome's text and packet are masked with
// the rest, and a session that stopped before its outcome is masked too.
func TestMaskSummaryOutcome(t *testing.T) {
	gs := goldenSessions["resolved"]
	l, err := ReadFile(record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts))
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(l)
	if s.Outcome == nil {
		t.Fatal("the resolved session has no outcome")
	}
	o := *s.Outcome
	o.Summary = `Signed in again as CONTOSO\adele.vance.`
	o.Packet = []string{"sign-in log for adele.vance@contoso.example"}
	s.Outcome = &o
	masked, n := maskSummary(s)
	if masked.Outcome.Summary != `Signed in again as CONTOSO\a….` || masked.Outcome.Packet[0] != "sign-in log for a…@contoso.example" || n < 2 {
		t.Errorf("outcome masked as %q, %q (%d names)", masked.Outcome.Summary, masked.Outcome.Packet, n)
	}
	if s.Outcome.Summary != `Signed in again as CONTOSO\adele.vance.` {
		t.Error("masking changed the summary it was given")
	}
	s.Outcome = nil
	if masked, _ := maskSummary(s); masked.Outcome != nil {
		t.Error("a session without an outcome got one")
	}
}
