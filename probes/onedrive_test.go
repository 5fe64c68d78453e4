package probes

import (
	"context"
	"strings"
	"testing"

	"deskside/probes/probetest"
)

func TestOneDrivePaste(t *testing.T) {
	cases := map[string]probeCase{
		"running, csv": {input: `"OneDrive.exe","10236","Console","1","98,412 K"`, status: StatusOK, want: map[string]any{"onedrive.running": true}},
		"running, table with version": {input: "\nImage Name                     PID Session Name        Session#    Mem Usage\n========================= ======== ================ =========== ============\nOneDrive.exe                 10236 Console                    1     98,412 K\n\nHKEY_CURRENT_USER\\Software\\Microsoft\\OneDrive\n    Version    REG_SZ    25.214.1103.0002\n",
			status: StatusOK, want: map[string]any{"onedrive.running": true, "onedrive.version": "25.214.1103.0002"}, summary: "version 25.214.1103.0002"},
		"not running": {input: "INFO: No tasks are running which match the specified criteria.", status: StatusWarn, want: map[string]any{"onedrive.running": false}, summary: "not running"},
		"other text":  {input: "explorer.exe 4411 Console 1 10 K", status: StatusError},
	}
	runCases(t, OneDrive{}, cases)
}

func TestOneDriveOnWindows(t *testing.T) {
	run := probetest.NewRunner(t,
		probetest.Call{Program: "tasklist", Args: []string{"/FI", "IMAGENAME eq OneDrive.exe", "/FO", "CSV", "/NH"}, Stdout: []byte("\"OneDrive.exe\",\"10236\",\"Console\",\"1\",\"98,412 K\"\r\n")},
		probetest.Call{Program: "reg", Args: []string{"query", `HKCU\Software\Microsoft\OneDrive`, "/v", "Version"}, Stdout: []byte("\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\OneDrive\r\n    Version    REG_SZ    24.201.1006.0005\r\n\r\n")},
	)
	r := OneDrive{}.Run(context.Background(), Input{Runner: run, OS: "windows"})
	if r.Facts["onedrive.running"] != true || r.Facts["onedrive.version"] != "24.201.1006.0005" {
		t.Errorf("facts %v (%s)", r.Facts, r.Summary)
	}
}

func TestOneDriveElsewhere(t *testing.T) {
	r := OneDrive{}.Run(context.Background(), Input{OS: "linux"})
	if r.Status != StatusUnavailable || r.Summary == "" {
		t.Fatalf("got %s %q", r.Status, r.Summary)
	}
	const want = "run this on the user's PC, or ask the user"
	if !strings.Contains(r.Summary, want) {
		t.Errorf("summary %q does not say %q", r.Summary, want)
	}
}
