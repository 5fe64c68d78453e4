package probes

import (
	"strings"
	"testing"
)

// dsregStatus writes a dsregcmd /status the way Windows prints it: each
// section boxed, each name right-aligned on its colon.
func dsregStatus(sections ...string) string {
	var b strings.Builder
	for _, s := range sections {
		title, lines, _ := strings.Cut(s, "\n")
		b.WriteString("+----------------------------------------------------------------------+\n")
		b.WriteString("| " + title + strings.Repeat(" ", 69-len(title)) + "|\n")
		b.WriteString("+----------------------------------------------------------------------+\n\n")
		for _, l := range strings.Split(lines, "\n") {
			name, value, _ := strings.Cut(l, "=")
			b.WriteString(strings.Repeat(" ", max(0, 26-len(name))) + name + " : " + value + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestDsregcmdAsRead covers what the device check reads and says: names
// at the edge of what dsregcmd prints, the tenant in the summary, the
// device's own failures and the details an escalation needs.
func TestDsregcmdAsRead(t *testing.T) {
	joined := "Device State\nAzureAdJoined=YES\nEnterpriseJoined=NO\nDomainJoined=NO\nDevice Name=DESKTOP-4KQ2M7"
	details := "Device Details\nDeviceId=5f8d2c1a-3b4e-4f60-9a7b-8c9d0e1f2a3b\nTpmProtected=YES\nDeviceAuthStatus=SUCCESS"
	tenant := func(name, id string) string {
		s := "Tenant Details"
		if name != "" {
			s += "\nTenantName=" + name
		}
		if id != "" {
			s += "\nTenantId=" + id
		}
		return s
	}
	sso := "SSO State\nAzureAdPrt=YES\nAzureAdPrtUpdateTime=2026-11-23 08:14:02.000 UTC\nAzureAdPrtExpiryTime=2026-12-07 08:14:01.000 UTC"
	diag := func(lines ...string) string { return "Diagnostic Data\n" + strings.Join(lines, "\n") }
	cases := map[string]reading{
		"joined, tenant name and id, PRT": {input: dsregStatus(joined, details, tenant("Contoso", testTenant), sso), status: StatusOK,
			prefix:  "Entra ID joined, tenant Contoso (" + testTenant + "); PRT present",
			want:    map[string]any{"sso.azure_ad_prt_update_time": "2026-11-23T08:14:02Z", "sso.azure_ad_prt_expiry_time": "2026-12-07T08:14:01Z"},
			details: []string{"device id 5f8d2c1a-3b4e-4f60-9a7b-8c9d0e1f2a3b"}},
		"tenant name only": {input: dsregStatus(joined, tenant("Contoso", "")), status: StatusOK,
			prefix: "Entra ID joined, tenant Contoso.", never: []string{"device id"}},
		"tenant id only": {input: dsregStatus(joined, tenant("", testTenant)), status: StatusOK,
			prefix: "Entra ID joined, tenant (" + testTenant + ")"},
		"no tenant": {input: dsregStatus(joined), status: StatusOK, prefix: "Entra ID joined.",
			never: []string{"tenant"}},
		"PRT times not in dsregcmd's format are kept as written": {input: dsregStatus(joined, "SSO State\nAzureAdPrt=YES\nAzureAdPrtUpdateTime=23/11/2026 08:14"), status: StatusOK,
			want: map[string]any{"sso.azure_ad_prt_update_time": "23/11/2026 08:14"}},
		"a test name of 49 characters is read": {input: dsregStatus(joined, diag("Windows Hello for Business Key Registration Check=FAIL [0x80090016]")),
			status: StatusFail, want: map[string]any{"device.failed_tests": []string{"Windows Hello for Business Key Registration Check: FAIL [0x80090016]"}}},
		"a name of 50 characters is not dsregcmd's": {input: dsregStatus(joined, diag("Windows Hello for Business Key Registration Checks=FAIL [0x80090016]")),
			status: StatusOK, absent: []string{"device.failed_tests"}},
		"names with digits are read, with an underscore are not": {input: dsregStatus(joined, diag("Sync Join Test 1809=FAIL", "last_error=FAIL")),
			status: StatusFail, want: map[string]any{"device.failed_tests": []string{"Sync Join Test 1809: FAIL"}}},
		"the device cannot authenticate": {input: dsregStatus(joined, "Device Details\nDeviceId=5f8d2c1a-3b4e-4f60-9a7b-8c9d0e1f2a3b\nDeviceAuthStatus=FAILED. Device is either disabled or deleted"),
			status: StatusFail, want: map[string]any{"device.auth_failed": true, "device.needs_rejoin": true},
			summary: "the device cannot authenticate (FAILED. Device is either disabled or deleted): it was deleted or disabled in Entra ID"},
		"a PRT attempt that failed with a server error code alone": {input: dsregStatus(joined, "SSO State\nAzureAdPrt=NO\nPrevious Prt Attempt=2026-11-23 08:14:02.115 UTC\nAttempt Status=0xc000006d\nServer Error Code=invalid_grant\nRequest Id=0f6d2a8e-1c3b-4e5f-9a7d-2b4c6e8f0a1d"),
			status: StatusWarn, absent: []string{"sso.aadsts_code"},
			summary: "; the last PRT attempt (2026-11-23 08:14:02 UTC) failed with invalid_grant, request ID 0f6d2a8e-1c3b-4e5f-9a7d-2b4c6e8f0a1d",
			details: []string{"request ID 0f6d2a8e-1c3b-4e5f-9a7d-2b4c6e8f0a1d (for the escalation)"}},
	}
	checkReadings(t, Dsregcmd{}, cases)
}
