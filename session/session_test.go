package session

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"deskside/flows"
	"deskside/probes"
)

var update = flag.Bool("update", false, "rewrite the golden exports in testdata/golden/session")

var sessionStart = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// callClock advances 23 seconds a reading: a call's pace, and stable.
func callClock() func() time.Time {
	n := 0
	return func() time.Time {
		n++
		return sessionStart.Add(time.Duration(n) * 23 * time.Second)
	}
}

func defaultTree(t testing.TB) *flows.Tree {
	t.Helper()
	tree, err := flows.LoadFile("../flows.yaml", flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// act is one thing the operator does in a recorded test session.
type act struct {
	next  string // answer the choice leading here
	back  bool
	probe string // run this probe on input
	input string
	note  string
}

func to(next string) act             { return act{next: next} }
func pasted(probe, input string) act { return act{probe: probe, input: input} }
func noted(text string) act          { return act{note: text} }
func goBack() act                    { return act{back: true} }
func (a act) String() string         { return a.next + a.probe + a.note }
func fixedNow() func() time.Time     { return func() time.Time { return sessionStart } }
func probeRun(p probes.Probe, in string) probes.Result {
	return p.Run(context.Background(), probes.Input{Text: in, Now: fixedNow(), OS: "linux"})
}

// record walks the default tree through acts, journaling everything, and
// returns the journal's path.
func record(t testing.TB, dir, ticket, operator string, acts []act) string {
	t.Helper()
	tree := defaultTree(t)
	clock := callClock()
	j, err := Create(dir, Start{Version: "0.1.0", TreeFile: "flows.yaml", TreeTitle: tree.Title, TreeSHA256: tree.SHA256,
		Ticket: ticket, Operator: operator, OS: "windows", StartNode: tree.Start}, clock())
	if err != nil {
		t.Fatal(err)
	}
	w, evs := flows.NewWalk(tree, clock)
	must(t, j.Append(evs...))
	reg := probes.Builtin()
	for i, a := range acts {
		var err error
		switch {
		case a.back:
			evs, err = w.Back()
		case a.probe != "":
			p, _ := reg.Lookup(a.probe)
			evs = w.ApplyProbe(a.probe, a.input, probeRun(p, a.input), 180*time.Millisecond)
		case a.note != "":
			evs, err = w.Note(a.note)
		default:
			evs, err = w.ChooseNext(a.next, "")
		}
		if err != nil {
			t.Fatalf("act %d (%s) at %s: %v", i, a, w.Current().ID, err)
		}
		must(t, j.Append(evs...))
	}
	reason := "quit"
	if w.Ended() {
		reason = "outcome"
	}
	must(t, j.AppendEntry(Entry{TS: Stamp(clock()), Event: flows.Event{Type: EventEnd}, Reason: reason}))
	must(t, j.Close())
	return j.Path()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const cmdkeyPaste = `Currently stored credentials:

    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele.vance@contoso.example
    Type: Generic
    User: adele.vance@contoso.example
    Local machine persistence
`

// The sessions the golden exports are made from.
var goldenSessions = map[string]struct {
	ticket, operator string
	acts             []act
}{
	"resolved": {"INC0012345", "Dana Whitfield", []act{
		pasted("clienterror", "We couldn't sign you in. (Error Code: 0x8004de40)"),
		to("od-connectivity"), to("od-cause"), to("od-pw-signout"),
		noted("User reset the password at 08:50 via SSPR."),
		to("od-method-1"), pasted("credentials", cmdkeyPaste), to("resolved-method-1"),
	}},
	"escalated": {"INC0099881", "Sam Ortega", []act{
		to("three-q-401"),
		pasted("httpstatus", "HTTP/1.1 401 Unauthorized\nrequest-id: 5d0a4c9e-7a51-4c8b-9d62-1f0e7b3a2c11\nclient-request-id: 0b1c2d3e-0000-4000-8000-000000000002\nDate: Mon, 23 Nov 2026 09:29:40 GMT\n\n{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token validation failure.\"}}"),
		to("three-q-relogin"), to("claims-check"),
		pasted("jwt", "Request URL: https://graph.microsoft.com/v1.0/me"),
		pasted("jwt", "eyJ0eXAiOiJKV1Qi"),
		pasted("jwt", testJWTUnexpired),
		to("claims-not-expiry"), to("drift-dev-prod"),
		noted("Prod and dev app registrations checked side by side; both look right."),
		to("escalate-integration"),
	}},
	"back-steps-and-notes": {"", "Lee", []act{
		to("od-connectivity"), to("net-check"), goBack(),
		noted("Browser reaches office.com; Teams works."),
		to("od-cause"), to("od-reimage-check"), goBack(), to("od-method-1"),
		to("od-method-2"), noted("Local admin account confirmed before disconnecting."),
		to("resolved-method-2"),
	}},
}

// testJWTUnexpired is the dev-tenant token of the default tree's
// dev-token-in-prod scenario: Graph audience, expiring in 2100.
const testJWTUnexpired = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJpc3MiOiJodHRwczovL3N0cy53aW5kb3dzLm5ldC8xMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUvIiwiaWF0IjoxNzc5NjI0MDAwLCJuYmYiOjE3Nzk2MjQwMDAsImV4cCI6NDEwMjQ0NDgwMCwidGlkIjoiMTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwiYXBwaWQiOiJhYWFhYWFhYS1iYmJiLWNjY2MtZGRkZC1lZWVlZWVlZWVlZWUiLCJhcHBfZGlzcGxheW5hbWUiOiJIUiBub3RpZmljYXRpb25zIChkZXYpIiwic2NwIjoiQ2hhbm5lbE1lc3NhZ2UuU2VuZCIsInZlciI6IjEuMCJ9.XgW9WWyCZFjswI0Rk5qcKBdRUpEvcIcoyeU1EOBEtys"

// TestGoldenExports renders three sessions in all three formats and
// compares them with files a person has read. Rewrite with -update.
func TestGoldenExports(t *testing.T) {
	for name, gs := range goldenSessions {
		path := record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts)
		l, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := Summarize(l)
		// The journals themselves are kept too: the reader's fuzz corpus
		// starts from them. testdata/sessions keeps the version-1 logs,
		// which are never rewritten (TestVersion1Logs reads them).
		journal := filepath.Join("..", "testdata", "sessions", "v2", name+".jsonl")
		if *update {
			data, _ := os.ReadFile(path)
			must(t, os.MkdirAll(filepath.Dir(journal), 0o755))
			must(t, os.WriteFile(journal, data, 0o644))
		}
		if _, err := os.Stat(journal); err != nil {
			t.Errorf("%v (run go test ./session -update to create it)", err)
		}
		for _, f := range []Format{FormatMarkdown, FormatJSON, FormatText} {
			t.Run(name+"."+string(f), func(t *testing.T) {
				out, _, err := Export(s, f)
				if err != nil {
					t.Fatal(err)
				}
				checkExportGolden(t, name, f, out)
			})
		}
	}
}

func TestSummaryOfBackSteps(t *testing.T) {
	gs := goldenSessions["back-steps-and-notes"]
	l, err := ReadFile(record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts))
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(l)
	var nodes []string
	for _, p := range s.Path {
		nodes = append(nodes, p.Node)
	}
	if got, want := strings.Join(nodes, " "), "triage od-connectivity od-cause od-method-1 od-method-2"; got != want {
		t.Errorf("final path %q, want %q", got, want)
	}
	if s.Backs != 2 || len(s.Notes) != 2 || s.Outcome == nil || s.Outcome.Node != "resolved-method-2" {
		t.Errorf("backs %d, notes %d, outcome %+v", s.Backs, len(s.Notes), s.Outcome)
	}
	if s.Path[1].Amends != "No: office.com does not load, or every Microsoft 365 app fails to connect" {
		t.Errorf("amendment at step 2: %q", s.Path[1].Amends)
	}
	if s.Path[2].Amends == "" {
		t.Error("the changed answer at od-cause is not marked as an amendment")
	}
}

// TestNoSecretAtRest pastes secrets into every input of a session — each
// probe, notes, the ticket and operator fields — and greps the journal and
// every export for each secret.
func TestNoSecretAtRest(t *testing.T) {
	jwtParts := strings.Split(testJWTUnexpired, ".")
	secrets := []string{
		testJWTUnexpired, jwtParts[1], jwtParts[2],
		"0.AXoA-RefreshSecret-1234567890abcdefGHIJ",
		"Qq8Q~ClientSecretValue0123456789abcdEFGH",
		"CorrectHorse!Battery9",
		"EwBwA8l6BAAUO9chh8cJscQLmU-opaque-access",
		"ESTSAUTHPERSISTENT=0.ARoAv4j5cvGGr0GRqy180BHbR",
		"sv2Fsig0123ABCDsecret%3D",
		"0.AXoAAuthCodeSecretValue12345",
		"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
	}
	everything := strings.Join([]string{
		"Authorization: Bearer " + testJWTUnexpired,
		"authorization: Bearer EwBwA8l6BAAUO9chh8cJscQLmU-opaque-access",
		"Cookie: ESTSAUTHPERSISTENT=0.ARoAv4j5cvGGr0GRqy180BHbR",
		`{"error":"invalid_grant","error_description":"AADSTS700082: expired","refresh_token":"0.AXoA-RefreshSecret-1234567890abcdefGHIJ","client_secret":"Qq8Q~ClientSecretValue0123456789abcdEFGH"}`,
		"login with password: CorrectHorse!Battery9",
		"https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=sv2Fsig0123ABCDsecret%3D&se=2026",
		"https://app.example/cb?code=0.AXoAAuthCodeSecretValue12345&state=1",
		"-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
		"HTTP/1.1 401 Unauthorized",
	}, "\n")
	acts := []act{
		pasted("clienterror", everything), noted(everything),
		to("three-q-401"), pasted("httpstatus", everything), noted("user pasted " + testJWTUnexpired),
		to("three-q-relogin"), to("claims-check"), pasted("jwt", everything), pasted("jwt", testJWTUnexpired),
		to("claims-not-expiry"), to("cause-ca"), to("escalate-conditional-access"),
	}
	dir := t.TempDir()
	path := record(t, dir, "INC1 password=CorrectHorse!Battery9", "Dana refresh_token=0.AXoA-RefreshSecret-1234567890abcdefGHIJ", acts)
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	files[filepath.Base(path)], _ = os.ReadFile(path)
	for _, f := range []Format{FormatMarkdown, FormatJSON, FormatText} {
		out, _, err := Export(Summarize(l), f)
		if err != nil {
			t.Fatal(err)
		}
		files["export."+string(f)] = out
	}
	for name, content := range files {
		for _, s := range secrets {
			if bytes.Contains(content, []byte(s)) {
				t.Errorf("%s holds the secret %.12q…", name, s)
			}
		}
	}
	if !bytes.Contains(files[filepath.Base(path)], []byte("[jwt sha256:")) {
		t.Error("the journal does not show the token's fingerprint")
	}
}

func TestTornLastLine(t *testing.T) {
	gs := goldenSessions["resolved"]
	path := record(t, t.TempDir(), gs.ticket, gs.operator, gs.acts)
	data, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(data, []byte("\n"))
	cut := append(bytes.Join(lines[:5], nil), lines[5][:len(lines[5])/2]...)
	must(t, os.WriteFile(path, cut, 0o600))
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Torn || len(l.Entries) != 5 || l.EndsWithNewline {
		t.Errorf("torn %v, %d entries, ends with newline %v", l.Torn, len(l.Entries), l.EndsWithNewline)
	}
	if p := l.Problems(); len(p) != 1 || !strings.Contains(p[0], "cut off") {
		t.Errorf("problems %q", p)
	}
	// Continuing the log closes the torn line first.
	j, err := Reopen(l)
	if err != nil {
		t.Fatal(err)
	}
	must(t, j.AppendEntry(Entry{TS: Stamp(sessionStart), Event: flows.Event{Type: flows.EventNote, Text: "after the crash"}}))
	must(t, j.Close())
	l, err = ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if l.Torn || len(l.Damaged) != 1 || len(l.Entries) != 6 || l.Entries[5].Text != "after the crash" || l.Entries[5].Seq != 6 {
		t.Errorf("after reopening: torn %v, damaged %v, %d entries", l.Torn, l.Damaged, len(l.Entries))
	}
}

func TestUnwritableDirectory(t *testing.T) {
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		// Root writes anywhere; use a path under a file instead.
		f := filepath.Join(t.TempDir(), "a-file")
		must(t, os.WriteFile(f, nil, 0o600))
		_, err := Create(filepath.Join(f, "sessions"), Start{}, sessionStart)
		if err == nil || !strings.Contains(err.Error(), "cannot create the log folder") {
			t.Errorf("err = %v", err)
		}
		return
	}
	dir := t.TempDir()
	must(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	_, err := Create(dir, Start{}, sessionStart)
	if err == nil || !strings.Contains(err.Error(), "cannot write a log in") {
		t.Errorf("err = %v", err)
	}
}

func TestCreateModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no permission bits")
	}
	dir := filepath.Join(t.TempDir(), "state", "deskside", "sessions")
	j, err := Create(dir, Start{Ticket: "INC 42/../x"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", fi.Mode().Perm())
	}
	fi, _ := os.Stat(j.Path())
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v", fi.Mode().Perm())
	}
	if got := filepath.Base(j.Path()); got != "20261123T093000Z-INC_42_.._x.jsonl" {
		t.Errorf("file name %q", got)
	}
	// A second session in the same second gets its own file.
	j2, err := Create(dir, Start{Ticket: "INC 42/../x"}, sessionStart)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if j2.Path() == j.Path() {
		t.Error("two sessions share a file")
	}
}

// failingFile stands in for a full disk: writes fail until space is freed.
type failingFile struct {
	full   bool
	buf    bytes.Buffer
	syncs  int
	writes int
}

func (f *failingFile) Write(p []byte) (int, error) {
	f.writes++
	if f.full {
		n := min(len(p), 5)
		f.buf.Write(p[:n])
		return n, errors.New("no space left on device")
	}
	return f.buf.Write(p)
}
func (f *failingFile) Sync() error  { f.syncs++; return nil }
func (f *failingFile) Close() error { return nil }

func TestDiskFullKeepsEvents(t *testing.T) {
	ff := &failingFile{}
	j := NewJournal(ff, "test.jsonl", 0)
	ev := func(text string) flows.Event {
		return flows.Event{Type: flows.EventNote, At: sessionStart, Text: text}
	}
	must(t, j.Append(ev("one")))
	ff.full = true
	err := j.Append(ev("two"), ev("three"))
	if !errors.Is(err, ErrPending) || !strings.Contains(err.Error(), "2 events are not on disk yet") {
		t.Fatalf("err = %v", err)
	}
	if j.Unsaved() != 2 {
		t.Errorf("unsaved %d", j.Unsaved())
	}
	ff.full = false
	must(t, j.Flush())
	if j.Unsaved() != 0 {
		t.Errorf("unsaved after flush %d", j.Unsaved())
	}
	l, err := Read(strings.NewReader(`{"seq":0,"ts":"2026-11-23T09:30:00.000Z","type":"session-start","session":{"version":"x","tree_file":"t","tree_title":"t","tree_sha256":"","os":"linux","start_node":"a"}}` + "\n" + ff.buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range l.Entries[1:] {
		texts = append(texts, e.Text)
	}
	if got := strings.Join(texts, ","); got != "one,two,three" {
		t.Errorf("notes on disk %q (damaged lines %v)", got, l.Damaged)
	}
	if len(l.Damaged) != 1 {
		t.Errorf("the partial write should read as one damaged line, got %v", l.Damaged)
	}
	if ff.syncs != 3 {
		t.Errorf("%d fsyncs for 3 events, want one each", ff.syncs)
	}
}

func TestReadRejects(t *testing.T) {
	cases := map[string]string{
		"":           "the log is empty",
		"not json\n": "no line of it could be read",
		`{"seq":1,"ts":"2026-11-23T09:30:00Z","type":"note","text":"x"}` + "\n": "does not begin with session-start",
	}
	for in, want := range cases {
		_, err := Read(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", in, err, want)
		}
	}
}

func TestDefaultDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}, filepath.Join("/s", "deskside", "sessions")},
		{"linux", map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/h"}, filepath.Join("/h", ".local", "state", "deskside", "sessions")},
		{"linux", map[string]string{"HOME": "/h"}, filepath.Join("/h", ".local", "state", "deskside", "sessions")},
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\a\AppData\Local`}, filepath.Join(`C:\Users\a\AppData\Local`, "deskside", "sessions")},
		{"darwin", map[string]string{"HOME": "/Users/a"}, filepath.Join("/Users/a", "Library", "Application Support", "deskside", "sessions")},
	}
	for _, c := range cases {
		got, err := DefaultDir(c.goos, env(c.env))
		if err != nil || got != c.want {
			t.Errorf("%s %v: %q, %v; want %q", c.goos, c.env, got, err, c.want)
		}
	}
	if _, err := DefaultDir("linux", env(nil)); err == nil || !strings.Contains(err.Error(), "--log-dir") {
		t.Errorf("no home: %v", err)
	}
}

func TestRebuild(t *testing.T) {
	tree := defaultTree(t)
	gs := goldenSessions["back-steps-and-notes"]
	acts := gs.acts[:len(gs.acts)-1] // stop before the outcome
	l, err := ReadFile(record(t, t.TempDir(), "", "", acts))
	if err != nil {
		t.Fatal(err)
	}
	w, warning, err := Rebuild(tree, l, nil)
	if err != nil || warning != "" {
		t.Fatalf("%v %q", err, warning)
	}
	if w.Current().ID != "od-method-2" || len(w.Path()) != 4 || len(w.Notes()) != 2 {
		t.Errorf("at %s, path %d, notes %d", w.Current().ID, len(w.Path()), len(w.Notes()))
	}

	// Another tree that still has every step: a warning.
	edited := bytes.Replace(mustRead(t, "../flows.yaml"), []byte("title: Microsoft 365 sign-in and token troubleshooting"), []byte("title: Edited"), 1)
	other, err := flows.Parse("edited.yaml", edited, flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	if _, warning, err := Rebuild(other, l, nil); err != nil || !strings.Contains(warning, "another version of the tree") {
		t.Errorf("edited tree: %v %q", err, warning)
	}
	// A tree without a step on the path: an error.
	small, err := flows.LoadFile("../testdata/flows/good/small.yaml", flows.CatalogOf(probes.Builtin().All()))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Rebuild(small, l, nil); err == nil || !strings.Contains(err.Error(), "--flows") {
		t.Errorf("unrelated tree: %v", err)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestListAndNewestUnfinished(t *testing.T) {
	dir := t.TempDir()
	done := goldenSessions["resolved"]
	record(t, dir, "A", "", done.acts)
	unfinished := record(t, dir, "B", "", done.acts[:3])
	must(t, os.WriteFile(filepath.Join(dir, "junk.jsonl"), []byte("garbage\n"), 0o600))
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("%d sessions", len(list))
	}
	got, err := NewestUnfinished(dir)
	if err != nil || got != unfinished {
		t.Errorf("newest unfinished %q, %v; want %q", got, err, unfinished)
	}
}

// TestVersion1Logs reads the version-1 journals kept in testdata/sessions
// (written before the journal had its own record type) and checks that
// they export exactly as the sessions recorded today do: old logs stay
// readable.
func TestVersion1Logs(t *testing.T) {
	for name := range goldenSessions {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "sessions", name+".jsonl")
			if bytes.Contains(mustRead(t, path), []byte(`"v":`)) {
				t.Fatalf("%s is no longer a version-1 log", path)
			}
			l, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if p := l.Problems(); len(p) > 0 {
				t.Errorf("problems %q", p)
			}
			s := Summarize(l)
			for _, f := range []Format{FormatMarkdown, FormatJSON, FormatText} {
				out, _, err := Export(s, f)
				if err != nil {
					t.Fatal(err)
				}
				// A version-1 log has no answer facts (`sets`), so its
				// escalation packet cannot credit answers: its own goldens
				// differ from version 2's only there.
				golden := filepath.Join("..", "testdata", "golden", "session", "v1", name+"."+string(f))
				if *update {
					must(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					must(t, os.WriteFile(golden, out, 0o644))
				}
				if !bytes.Equal(out, mustRead(t, golden)) {
					t.Errorf("the version-1 log exports differently from %s", golden)
				}
			}
		})
	}
}

// TestRecordFormat checks what a version-2 line holds: its version, the
// suggestion shown with a step, and that a reader meets a newer version
// with a warning rather than silence.
func TestRecordFormat(t *testing.T) {
	buf := &bytes.Buffer{}
	j := NewJournal(memFile{buf}, "mem.jsonl", 0)
	two := 2
	must(t, j.AppendEntry(Entry{TS: Stamp(sessionStart), Event: flows.Event{Type: EventStart}, Start: &Start{StartNode: "triage"}}))
	must(t, j.Append(flows.Event{Type: flows.EventStep, At: sessionStart, Node: "triage", Title: "What is the user seeing?",
		SuggestedIndex: &two, SuggestedFrom: "the paste at step 1 (aadsts)"}))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], `{"v":2,"seq":2,"ts":"2026-11-23T09:30:00.000Z","type":"step"`) ||
		!strings.Contains(lines[1], `"suggested_choice":2,"suggested_from":"the paste at step 1 (aadsts)"`) {
		t.Fatalf("lines %q", lines)
	}
	l, err := Read(strings.NewReader(buf.String() + `{"v":9,"seq":3,"ts":"2026-11-23T09:31:00Z","type":"note","text":"from the future","mood":"calm"}` + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := l.Entries[1].SuggestedChoice; c == nil || *c != 2 || l.Entries[1].SuggestedFrom == "" {
		t.Errorf("suggestion read back as %v %q", c, l.Entries[1].SuggestedFrom)
	}
	if l.Entries[2].Text != "from the future" || l.Newer != 9 {
		t.Errorf("newer line: %+v, newer %d", l.Entries[2], l.Newer)
	}
	if p := l.Problems(); len(p) != 1 || !strings.Contains(p[0], "newer deskside (log format 9") {
		t.Errorf("problems %q", p)
	}
}

// checkExportGolden compares an export with its golden file, rewritten
// with -update, and keeps the text export within 72 columns.
func checkExportGolden(t *testing.T, name string, f Format, out []byte) {
	t.Helper()
	golden := filepath.Join("..", "testdata", "golden", "session", name+"."+string(f))
	if *update {
		must(t, os.WriteFile(golden, out, 0o644))
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./session -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("export differs from %s; run go test ./session -update and read the diff", golden)
	}
	if f == FormatText {
		for i, line := range strings.Split(string(out), "\n") {
			if n := len([]rune(line)); n > 72 {
				t.Errorf("line %d is %d columns: %q", i+1, n, line)
			}
		}
	}
}
