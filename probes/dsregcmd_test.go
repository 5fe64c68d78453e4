package probes_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"deskside/probes"
	"deskside/probes/probetest"
)

func readSample(t testing.TB, name string) string {
	t.Helper()
	return string(mustRead(t, "../testdata/probes/"+name))
}

func checkFacts(t *testing.T, r probes.Result, want map[string]any, absent ...string) {
	t.Helper()
	for k, w := range want {
		if got, ok := r.Facts[k]; !ok || !reflect.DeepEqual(got, w) {
			t.Errorf("fact %s = %#v (set %v), want %#v", k, got, ok, w)
		}
	}
	for _, k := range absent {
		if v, ok := r.Facts[k]; ok {
			t.Errorf("fact %s = %#v, want it unset", k, v)
		}
	}
}

func TestDsregcmdSamples(t *testing.T) {
	cases := map[string]struct {
		file   string
		status probes.Status
		want   map[string]any
		absent []string
	}{
		"registered only, Italian banner, no final newline": {"dsregcmd/idx67093621629_workplace_joined_full.txt", probes.StatusOK, map[string]any{
			"device.azure_ad_joined": false, "device.enterprise_joined": false, "device.domain_joined": false, "device.workplace_joined": true,
			"device.join_type": "registered", "sso.azure_ad_prt": false, "tenant.name": "Almaviva SpA", "tenant.id": "028226e0-99ea-4fab-9d1b-daa440c9e286",
			"device.id": "a011becc-6f67-4413-831f-b8deeef8e2ff", "device.needs_rejoin": false, "device.tpm_protected": true, "device.name": "Vagabondo",
			"ngc.prereq_result": "WillNotProvision", "user.wam_default_set": "NO",
		}, nil},
		"not joined, padded values": {"dsregcmd/kolide_not_configured.txt", probes.StatusWarn, map[string]any{
			"device.join_type": "none", "device.needs_rejoin": true, "user.wam_default_set": "ERROR", "sso.azure_ad_prt": false,
			"device.name": "lenovo-thinkpad", "device.workplace_joined": false,
		}, []string{"tenant.id"}},
		"device details": {"dsregcmd/msdocs_device_details.txt", probes.StatusOK, map[string]any{
			"device.id": "00aa00aa-bb11-cc22-dd33-44ee44ee44ee", "device.auth_status": "SUCCESS", "device.auth_failed": false,
			"device.tpm_protected": false, "device.needs_rejoin": false,
		}, []string{"device.join_type"}},
		"hybrid": {"dsregcmd/msdocs_device_state_hybrid.txt", probes.StatusOK, map[string]any{
			"device.join_type": "hybrid", "device.azure_ad_joined": true, "device.domain_joined": true, "device.enterprise_joined": false,
		}, nil},
		"join failing at discover": {"dsregcmd/msdocs_diag_prejoin_discover_fail.txt", probes.StatusFail, map[string]any{
			"device.failed_tests": []string{"DRS Discovery Test: FAIL [0x801c0021/0x801c000c]"}, "device.error_phase": "discover",
			"device.client_error_code": "0x801c0021",
		}, []string{"device.join_type"}},
		"legacy layout": {"dsregcmd/msdocs_hybrid_legacy_format_status.txt", probes.StatusOK, map[string]any{
			"device.join_type": "hybrid", "device.id": "5820fbe9-60c8-43b0-bb11-44aee233e4e7", "tenant.id": "aaaabbbb-0000-cccc-1111-dddd2222eeee",
			"tenant.name": "Contoso", "sso.azure_ad_prt": true, "device.workplace_joined": false, "user.ngc_set": true, "device.tpm_protected": true,
		}, nil},
		"ngc prerequisites": {"dsregcmd/msdocs_ngc_prereq.txt", probes.StatusOK, map[string]any{"ngc.prereq_result": "WillProvision"},
			[]string{"device.join_type", "device.needs_rejoin"}},
		"no PRT, AADSTS50126": {"dsregcmd/msdocs_sso_state_prt_no_aadsts50126.txt", probes.StatusWarn, map[string]any{
			"sso.azure_ad_prt": false, "sso.aadsts_code": 50126, "sso.server_error_code": "invalid_grant", "sso.attempt_status": "0xc000006d",
			"sso.enterprise_prt": true,
		}, []string{"device.join_type"}},
		"tenant details": {"dsregcmd/msdocs_tenant_details.txt", probes.StatusOK, map[string]any{
			"tenant.name": "HybridADFS", "tenant.id": "aaaabbbb-0000-cccc-1111-dddd2222eeee"}, nil},
		"user state only": {"dsregcmd/msdocs_user_state.txt", probes.StatusOK, map[string]any{
			"user.ngc_set": true, "device.workplace_joined": false, "user.wam_default_set": "YES"},
			[]string{"device.join_type", "device.needs_rejoin"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := probes.Dsregcmd{}.Run(context.Background(), probes.Input{Text: readSample(t, tc.file), OS: "linux"})
			if r.Status != tc.status {
				t.Errorf("status %s, want %s: %s", r.Status, tc.status, r.Summary)
			}
			checkFacts(t, r, tc.want, tc.absent...)
		})
	}
}

func utf16LE(s string, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

// TestDsregcmdOnWindows runs the probe as on the user's PC, with a fake
// runner replaying real output in the encodings a Windows pipe produces.
func TestDsregcmdOnWindows(t *testing.T) {
	text := readSample(t, "dsregcmd/msdocs_hybrid_legacy_format_status.txt")
	crlf := strings.ReplaceAll(text, "\n", "\r\n")
	for name, out := range map[string][]byte{
		"utf-8 crlf":     []byte(crlf),
		"utf-16 bom":     utf16LE(crlf, true),
		"utf-16 no bom":  utf16LE(crlf, false),
		"utf-8 with bom": append([]byte("\xEF\xBB\xBF"), crlf...),
	} {
		t.Run(name, func(t *testing.T) {
			run := probetest.NewRunner(t, probetest.Call{Program: "dsregcmd", Args: []string{"/status"}, Stdout: out})
			r := probes.Dsregcmd{}.Run(context.Background(), probes.Input{Runner: run, OS: "windows"})
			checkFacts(t, r, map[string]any{"device.join_type": "hybrid", "tenant.name": "Contoso", "sso.azure_ad_prt": true})
		})
	}
}

func TestWindowsProbesElsewhere(t *testing.T) {
	for _, p := range []probes.Probe{probes.Dsregcmd{}, probes.Credentials{}, probes.OneDrive{}} {
		r := p.Run(context.Background(), probes.Input{OS: "linux", Runner: probetest.NewRunner(t)})
		if r.Status != probes.StatusUnavailable {
			t.Errorf("%s on linux: status %s, want unavailable", p.Name(), r.Status)
		}
		if !strings.Contains(r.Summary, "paste") && !strings.Contains(r.Summary, "ask the user") {
			t.Errorf("%s on linux does not say what to do instead: %q", p.Name(), r.Summary)
		}
	}
}

func TestWindowsProbeCommandFails(t *testing.T) {
	run := probetest.NewRunner(t, probetest.Call{Program: "cmdkey", Args: []string{"/list"},
		Err: &probes.CmdError{Args: []string{"cmdkey", "/list"}, ExitCode: -1, Err: errors.New("access denied")}})
	r := probes.Credentials{}.Run(context.Background(), probes.Input{Runner: run, OS: "windows"})
	if r.Status != probes.StatusError || !strings.Contains(r.Summary, "Paste the output of cmdkey /list instead") {
		t.Errorf("got %s %q", r.Status, r.Summary)
	}
}
