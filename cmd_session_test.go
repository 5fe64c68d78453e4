package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExportFlags(t *testing.T) {
	cases := map[string]struct {
		args []string
		want exportOptions
	}{
		"defaults keep identities": {args: []string{"s.jsonl"}, want: exportOptions{log: "s.jsonl", format: "md"}},
		"masked text to a file": {args: []string{"s.jsonl", "--mask-users", "--format", "txt", "-o", "out.txt"},
			want: exportOptions{log: "s.jsonl", format: "txt", out: "out.txt", maskUsers: true}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a, _, _ := testApp(t, "")
			var got exportOptions
			c := a.exportCommand(func(o exportOptions) error { got = o; return nil })
			c.SetArgs(tc.args)
			if err := c.Execute(); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestExportMaskUsers exports the recorded resolved session, whose
// cmdkey paste names the user, with and without --mask-users.
func TestExportMaskUsers(t *testing.T) {
	const log = "testdata/sessions/resolved.jsonl"
	for _, format := range []string{"md", "json", "txt"} {
		t.Run(format, func(t *testing.T) {
			a, out, _ := testApp(t, "")
			if code := a.main([]string{"export", log, "--format", format}); code != 0 {
				t.Fatalf("exit %d", code)
			}
			if !strings.Contains(out.String(), "adele.vance@contoso.example") {
				t.Errorf("the default export lost the user:\n%s", out)
			}
			a, out, errOut := testApp(t, "")
			dest := filepath.Join(t.TempDir(), "export."+format)
			if code := a.main([]string{"export", log, "--format", format, "--mask-users", "-o", dest}); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			data, err := os.ReadFile(dest)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(string(data)), "adele") || !strings.Contains(string(data), "a…@contoso.example") {
				t.Errorf("the masked export:\n%s", data)
			}
			if !regexp.MustCompile(`Masked in this export: [2-9] user names or addresses, keeping the domain\.`).MatchString(errOut.String()) {
				t.Errorf("stderr: %s", errOut)
			}
			if out.Len() != 0 {
				t.Errorf("stdout with -o: %s", out)
			}
		})
	}
}
