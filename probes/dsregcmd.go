package probes

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Dsregcmd reads `dsregcmd /status`: how the PC is joined to Entra ID,
// whether it holds a Primary Refresh Token, and what the last join or PRT
// attempt reported. A cloned image, a deleted device object or a missing PRT
// each send the call down a different branch.
type Dsregcmd struct{}

// Name returns "dsregcmd".
func (Dsregcmd) Name() string { return "dsregcmd" }

// Describe says what to paste and what runs on Windows.
func (Dsregcmd) Describe() Description {
	return Description{
		Title:   "Read device join state",
		Paste:   "the whole output of dsregcmd /status",
		Program: "dsregcmd /status",
		OnlyOS:  "windows",
	}
}

// Facts declares what the output tells.
func (Dsregcmd) Facts() []FactSpec {
	return []FactSpec{
		{"device.azure_ad_joined", FactBool, "AzureAdJoined: joined to Microsoft Entra ID"},
		{"device.enterprise_joined", FactBool, "EnterpriseJoined: joined to an on-premises DRS"},
		{"device.domain_joined", FactBool, "DomainJoined: joined to an Active Directory domain"},
		{"device.workplace_joined", FactBool, "WorkplaceJoined: registered (Entra registered) for this user"},
		{"device.join_type", FactString, "entra-joined, hybrid, registered, domain-only or none"},
		{"device.name", FactString, "Device Name"},
		{"device.id", FactString, "DeviceId (or WorkplaceDeviceId for a registered device)"},
		{"device.auth_status", FactString, "DeviceAuthStatus: SUCCESS, or why the device could not authenticate"},
		{"device.auth_failed", FactBool, "DeviceAuthStatus says the device could not authenticate (deleted, disabled or its key is gone)"},
		{"device.tpm_protected", FactBool, "the device key is in the TPM"},
		{"device.needs_rejoin", FactBool, "the device is not joined or registered at all, or cannot authenticate: leave and join again"},
		{"device.failed_tests", FactStrings, "diagnostic tests reported as FAIL"},
		{"device.error_phase", FactString, "Error Phase of the last join attempt"},
		{"device.client_error_code", FactString, "Client ErrorCode of the last join attempt"},
		{"tenant.id", FactString, "TenantId (or WorkplaceTenantId)"},
		{"tenant.name", FactString, "TenantName (or WorkplaceTenantName)"},
		{"sso.azure_ad_prt", FactBool, "AzureAdPrt: the user holds a Primary Refresh Token"},
		{"sso.azure_ad_prt_update_time", FactString, "AzureAdPrtUpdateTime, RFC 3339 UTC"},
		{"sso.azure_ad_prt_expiry_time", FactString, "AzureAdPrtExpiryTime, RFC 3339 UTC"},
		{"sso.enterprise_prt", FactBool, "EnterprisePrt: a PRT from on-premises AD FS"},
		{"sso.attempt_status", FactString, "Attempt Status of the last PRT attempt"},
		{"sso.server_error_code", FactString, "Server Error Code of the last PRT attempt (invalid_grant…)"},
		{"sso.server_error_description", FactString, "Server Error Description of the last PRT attempt"},
		{"sso.aadsts_code", FactInt, "the AADSTS code in the last PRT attempt's error"},
		{"user.ngc_set", FactBool, "NgcSet: Windows Hello for Business key present"},
		{"user.wam_default_set", FactString, "WamDefaultSet: YES, NO or ERROR"},
		{"ngc.prereq_result", FactString, "PreReqResult of the Windows Hello for Business check"},
	}
}

var (
	reSection = lazyRegexp(`^\s*\|\s*(.+?)\s*\|\s*$`)
	reDsKey   = lazyRegexp(`^[A-Za-z][A-Za-z0-9 ()\-./]{0,48}$`)
	reFailVal = lazyRegexp(`(?i)^FAIL\b`)
	reDsTime  = lazyRegexp(`(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.\d+)? UTC`)
)

// dsregOutput is the parsed output: values by section, and the first
// value of each name across sections.
type dsregOutput struct {
	sections map[string]map[string]string
	first    map[string]string
	order    []string // "Section: Name" in order, for details
}

func parseDsreg(text string) dsregOutput {
	out := dsregOutput{sections: map[string]map[string]string{}, first: map[string]string{}}
	section := ""
	for _, line := range strings.Split(text, "\n") {
		if m := reSection().FindStringSubmatch(line); m != nil {
			section = m[1]
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		if !reDsKey().MatchString(name) {
			continue
		}
		value = strings.TrimSpace(value)
		if out.sections[section] == nil {
			out.sections[section] = map[string]string{}
		}
		if _, dup := out.sections[section][name]; !dup {
			out.sections[section][name] = value
		}
		if _, dup := out.first[name]; !dup {
			out.first[name] = value
			out.order = append(out.order, name)
		}
	}
	return out
}

func (o dsregOutput) get(names ...string) (string, bool) {
	for _, n := range names {
		if v, ok := o.first[n]; ok {
			return v, true
		}
	}
	return "", false
}

// knownDsregKeys are names that only dsregcmd prints; one of them must be
// present for a paste to count as its output.
var knownDsregKeys = []string{"AzureAdJoined", "DomainJoined", "WorkplaceJoined", "AzureAdPrt", "DeviceId", "TenantId",
	"DeviceAuthStatus", "NgcSet", "PreReqResult", "Error Phase", "DRS Discovery Test", "WorkplaceDeviceId", "EnterprisePrt", "TenantName"}

// Run reads the output.
func (p Dsregcmd) Run(ctx context.Context, in Input) Result {
	text, res := readPC(ctx, in, p.Describe(), "dsregcmd", "/status")
	if res != nil {
		return *res
	}
	const expected = "the output of dsregcmd /status (lines such as \"AzureAdJoined : YES\")"
	text, bad := prepare(text, expected)
	if bad != nil {
		return *bad
	}
	o := parseDsreg(text)
	found := false
	for _, k := range knownDsregKeys {
		if _, ok := o.first[k]; ok {
			found = true
			break
		}
	}
	if !found {
		return errorResult(expected, text)
	}

	f := map[string]any{}
	var details, problems []string
	boolFact := func(fact string, names ...string) (bool, bool) {
		v, ok := o.get(names...)
		if !ok {
			return false, false
		}
		b, ok := yesNo(v)
		if ok {
			f[fact] = b
		}
		return b, ok
	}
	strFact := func(fact string, names ...string) string {
		v, ok := o.get(names...)
		if ok && v != "" {
			f[fact] = v
		}
		return v
	}
	aad, haveAAD := boolFact("device.azure_ad_joined", "AzureAdJoined")
	boolFact("device.enterprise_joined", "EnterpriseJoined")
	dom, _ := boolFact("device.domain_joined", "DomainJoined")
	wpj, _ := boolFact("device.workplace_joined", "WorkplaceJoined")
	strFact("device.name", "Device Name")
	devID := strFact("device.id", "DeviceId", "WorkplaceDeviceId")
	tid := strFact("tenant.id", "TenantId", "WorkplaceTenantId")
	tname := strFact("tenant.name", "TenantName", "WorkplaceTenantName")
	boolFact("device.tpm_protected", "TpmProtected")
	prt, havePRT := boolFact("sso.azure_ad_prt", "AzureAdPrt")
	boolFact("sso.enterprise_prt", "EnterprisePrt")
	boolFact("user.ngc_set", "NgcSet")
	strFact("user.wam_default_set", "WamDefaultSet")
	strFact("ngc.prereq_result", "PreReqResult")
	for fact, name := range map[string]string{"sso.azure_ad_prt_update_time": "AzureAdPrtUpdateTime", "sso.azure_ad_prt_expiry_time": "AzureAdPrtExpiryTime"} {
		if v, ok := o.get(name); ok {
			if m := reDsTime().FindStringSubmatch(v); m != nil {
				f[fact] = m[1] + "T" + m[2] + "Z"
			} else if v != "" {
				f[fact] = v
			}
		}
	}

	joinType := ""
	if haveAAD {
		switch {
		case aad && dom:
			joinType = "hybrid"
		case aad:
			joinType = "entra-joined"
		case wpj:
			joinType = "registered"
		case dom:
			joinType = "domain-only"
		default:
			joinType = "none"
		}
		f["device.join_type"] = joinType
	}

	authStatus := strFact("device.auth_status", "DeviceAuthStatus")
	authFailed := authStatus != "" && !strings.EqualFold(authStatus, "SUCCESS")
	if authStatus != "" {
		f["device.auth_failed"] = authFailed
		if authFailed {
			problems = append(problems, "the device cannot authenticate ("+authStatus+"): it was deleted or disabled in Entra ID, or its key is gone (a cloned image)")
		}
	}

	var failed []string
	for _, name := range o.order {
		if v := o.first[name]; reFailVal().MatchString(v) {
			failed = append(failed, name+": "+v)
		}
	}
	if failed != nil {
		f["device.failed_tests"] = failed
		problems = append(problems, "diagnostic test failed: "+strings.Join(failed, "; "))
	}
	if v := strFact("device.error_phase", "Error Phase"); v != "" {
		problems = append(problems, "the last join failed in the "+v+" phase")
	}
	strFact("device.client_error_code", "Client ErrorCode")

	strFact("sso.attempt_status", "Attempt Status")
	serverErr := strFact("sso.server_error_code", "Server Error Code")
	desc := strFact("sso.server_error_description", "Server Error Description")
	if m := reCode().FindStringSubmatch(desc); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			f["sso.aadsts_code"] = n
			_, meaning, _, _ := LookupAADSTS(n)
			line := "the last PRT attempt failed with AADSTS" + m[1]
			if meaning != "" {
				line += ": " + meaning
			}
			problems = append(problems, line)
		}
	} else if serverErr != "" {
		problems = append(problems, "the last PRT attempt failed with "+serverErr)
	}

	needsRejoin := authFailed || (haveAAD && !aad && !wpj)
	if haveAAD || authStatus != "" {
		f["device.needs_rejoin"] = needsRejoin
	}
	if havePRT && !prt && aad {
		problems = append(problems, "no Primary Refresh Token although the device is joined: Office and OneDrive cannot sign in silently")
	}

	var summary string
	switch joinType {
	case "hybrid":
		summary = "Hybrid joined (Entra ID and domain)"
	case "entra-joined":
		summary = "Entra ID joined"
	case "registered":
		summary = "Entra registered only (workplace joined), not Entra joined"
	case "domain-only":
		summary = "Domain joined only, not known to Entra ID"
	case "none":
		summary = "Not joined to Entra ID or a domain, and not registered"
	default:
		summary = "dsregcmd output without device state"
	}
	if tname != "" || tid != "" {
		summary += fmt.Sprintf(", tenant %s", strings.TrimSpace(tname+" "+paren(tid)))
	}
	if havePRT {
		if prt {
			summary += "; PRT present"
		} else if aad || !haveAAD {
			summary += "; no PRT"
		} else {
			summary += "; no PRT (expected without an Entra join)"
		}
	}
	if devID != "" {
		details = append(details, "device id "+devID)
	}
	st := StatusOK
	switch {
	case authFailed || failed != nil || f["device.error_phase"] != nil:
		st = StatusFail
	case needsRejoin || len(problems) > 0:
		st = StatusWarn
	}
	if needsRejoin && !authFailed {
		problems = append(problems, "the device is neither joined nor registered: for a newly imaged PC, leave and join again (dsregcmd /leave, then /join)")
	}
	if len(problems) > 0 {
		summary += "; " + problems[0]
	}
	for _, pr := range problems {
		details = append(details, "problem: "+pr)
	}
	for _, sec := range []string{"Device State", "Device Details", "Tenant Details", "User State", "SSO State", "Diagnostic Data", "Ngc Prerequisite Check"} {
		if vals, ok := o.sections[sec]; ok {
			details = append(details, fmt.Sprintf("section %s: %d values", sec, len(vals)))
		}
	}
	return Result{Status: st, Summary: endSentence(summary), Facts: f, Details: details}
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
