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
		Example: "AzureAdJoined : YES (a section of dsregcmd /status is enough)",
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
		{"sso.prt_last_attempt", FactString, "Previous Prt Attempt: when the last failed PRT attempt happened, RFC 3339 UTC"},
		{"sso.prt_user_identity", FactString, "User Identity: the user the last PRT attempt was for (on a shared PC, maybe another user)"},
		{"sso.prt_credential_type", FactString, "Credential Type of the last PRT attempt: Password, or NGC for Windows Hello"},
		{"sso.prt_correlation_id", FactString, "Correlation ID the server sent for the last PRT attempt, for the escalation"},
		{"sso.prt_request_id", FactString, "Request Id of the last PRT attempt, when the output shows one"},
		{"sso.prt_http_status", FactInt, "HTTP status the sign-in endpoint returned to the last PRT attempt"},
		{"user.ngc_set", FactBool, "NgcSet: Windows Hello for Business key present"},
		{"user.wam_default_set", FactString, "WamDefaultSet: YES, NO or ERROR"},
		{"ngc.prereq_result", FactString, "PreReqResult of the Windows Hello for Business check"},
	}
}

var (
	reSection = lazyRegexp(`^\s*\|\s*(.+?)\s*\|\s*$`)
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

// isDsregLine reports a line dsregcmd prints: "  Name : value" with the
// padding before the name that aligns its colons.
func isDsregLine(line string) bool {
	name, _, ok := strings.Cut(line, " : ")
	if !ok || !strings.HasPrefix(name, " ") {
		return false
	}
	return dsregKey(strings.TrimSpace(name))
}

// dsregKey reports a name dsregcmd could print: a letter, then up to 48
// letters, digits, spaces and ()-./, checked by hand: it runs on every line.
func dsregKey(name string) bool {
	if len(name) == 0 || len(name) > 49 || !isASCIILetter(name[0]) {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !isASCIILetter(c) && (c < '0' || c > '9') && !strings.ContainsRune(" ()-./", rune(c)) {
			return false
		}
	}
	return true
}

func parseDsreg(text string) dsregOutput {
	out := dsregOutput{sections: map[string]map[string]string{}, first: map[string]string{}}
	section := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "|") {
			if m := reSection().FindStringSubmatch(line); m != nil {
				section = m[1]
				continue
			}
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		if !dsregKey(name) {
			continue
		}
		value = strings.TrimSpace(value)
		if out.sections[section] == nil {
			out.sections[section] = map[string]string{}
		}
		if _, dup := out.sections[section][name]; !dup {
			out.sections[section][name] = value
		}
		// Names are kept in lower case: hand-made samples write AzureADJoined.
		key := strings.ToLower(name)
		if _, dup := out.first[key]; !dup {
			out.first[key] = value
			out.order = append(out.order, name)
		}
	}
	return out
}

func (o dsregOutput) get(names ...string) (string, bool) {
	for _, n := range names {
		if v, ok := o.first[strings.ToLower(n)]; ok {
			return v, true
		}
	}
	return "", false
}

// knownDsregKeys are names that only dsregcmd prints; one of them must be
// present for a paste to count as its output.
var knownDsregKeys = []string{"AzureAdJoined", "DomainJoined", "WorkplaceJoined", "AzureAdPrt", "DeviceId", "TenantId",
	"DeviceAuthStatus", "NgcSet", "PreReqResult", "Error Phase", "DRS Discovery Test", "WorkplaceDeviceId", "EnterprisePrt", "TenantName",
	"Previous Prt Attempt", "AcquirePrtDiagnostics"}

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
	if !o.recognised() {
		return errorResult(expected, text)
	}
	b := newBuilder("problem")
	st := o.facts(b)
	st.problems(b)
	if st.devID != "" {
		b.detail("device id " + st.devID)
	}
	r := b.result(st.headline())
	for _, sec := range []string{"Device State", "Device Details", "Tenant Details", "User State", "SSO State", "Diagnostic Data", "Ngc Prerequisite Check"} {
		if vals, ok := o.sections[sec]; ok {
			r.Details = append(r.Details, fmt.Sprintf("section %s: %s", sec, Plural(len(vals), "value", "values")))
		}
	}
	return r
}

// recognised reports whether the text holds a name only dsregcmd prints.
func (o dsregOutput) recognised() bool {
	for _, k := range knownDsregKeys {
		if _, ok := o.first[strings.ToLower(k)]; ok {
			return true
		}
	}
	return false
}

// deviceState is what the output says of the device, for the problems
// and the summary.
type deviceState struct {
	aad, haveAAD, dom, wpj bool
	prt, havePRT           bool
	joinType               string
	devID, tid, tname      string
	authStatus             string
	authFailed             bool
	failed                 []string
}

// facts records every value the output holds and returns the device state.
func (o dsregOutput) facts(b *builder) deviceState {
	var st deviceState
	boolFact := func(fact string, names ...string) (bool, bool) {
		v, ok := o.get(names...)
		if !ok {
			return false, false
		}
		v2, ok := yesNo(v)
		if ok {
			b.set(fact, v2)
		}
		return v2, ok
	}
	strFact := func(fact string, names ...string) string {
		v, _ := o.get(names...)
		return b.setString(fact, v)
	}
	st.aad, st.haveAAD = boolFact("device.azure_ad_joined", "AzureAdJoined")
	boolFact("device.enterprise_joined", "EnterpriseJoined")
	st.dom, _ = boolFact("device.domain_joined", "DomainJoined")
	st.wpj, _ = boolFact("device.workplace_joined", "WorkplaceJoined")
	strFact("device.name", "Device Name")
	st.devID = strFact("device.id", "DeviceId", "WorkplaceDeviceId")
	st.tid = strFact("tenant.id", "TenantId", "WorkplaceTenantId")
	st.tname = strFact("tenant.name", "TenantName", "WorkplaceTenantName")
	boolFact("device.tpm_protected", "TpmProtected")
	st.prt, st.havePRT = boolFact("sso.azure_ad_prt", "AzureAdPrt")
	boolFact("sso.enterprise_prt", "EnterprisePrt")
	boolFact("user.ngc_set", "NgcSet")
	strFact("user.wam_default_set", "WamDefaultSet")
	strFact("ngc.prereq_result", "PreReqResult")
	for _, t := range []struct{ fact, name string }{{"sso.azure_ad_prt_update_time", "AzureAdPrtUpdateTime"}, {"sso.azure_ad_prt_expiry_time", "AzureAdPrtExpiryTime"}} {
		if v, ok := o.get(t.name); ok {
			if m := reDsTime().FindStringSubmatch(v); m != nil {
				b.set(t.fact, m[1]+"T"+m[2]+"Z")
			} else {
				b.setString(t.fact, v)
			}
		}
	}
	if st.haveAAD {
		switch {
		case st.aad && st.dom:
			st.joinType = "hybrid"
		case st.aad:
			st.joinType = "entra-joined"
		case st.wpj:
			st.joinType = "registered"
		case st.dom:
			st.joinType = "domain-only"
		default:
			st.joinType = "none"
		}
		b.set("device.join_type", st.joinType)
	}
	st.authStatus = strFact("device.auth_status", "DeviceAuthStatus")
	st.authFailed = st.authStatus != "" && !strings.EqualFold(st.authStatus, "SUCCESS")
	if st.authStatus != "" {
		b.set("device.auth_failed", st.authFailed)
	}
	for _, name := range o.order {
		if v := o.first[strings.ToLower(name)]; reFailVal().MatchString(v) {
			st.failed = append(st.failed, name+": "+v)
		}
	}
	if st.failed != nil {
		b.set("device.failed_tests", st.failed)
	}
	strFact("device.error_phase", "Error Phase")
	strFact("device.client_error_code", "Client ErrorCode")
	strFact("sso.attempt_status", "Attempt Status")
	strFact("sso.server_error_code", "Server Error Code")
	strFact("sso.server_error_description", "Server Error Description")
	message, _ := o.get("Server Message")
	for _, v := range []string{b.str("sso.server_error_description"), message} {
		if m := reCode().FindStringSubmatch(v); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				b.set("sso.aadsts_code", n)
				break
			}
		}
	}
	o.prtAttempt(b)
	if st.haveAAD || st.authStatus != "" {
		b.set("device.needs_rejoin", st.needsRejoin())
	}
	return st
}

// prtAttempt records the diagnostics of the last failed PRT attempt
// (Windows 10 21H1 and later print them under AzureAdPrt): when, for
// whom, with which credential, and the IDs an escalation needs.
func (o dsregOutput) prtAttempt(b *builder) {
	if v, ok := o.get("Previous Prt Attempt"); ok {
		if m := reDsTime().FindStringSubmatch(v); m != nil {
			b.set("sso.prt_last_attempt", m[1]+"T"+m[2]+"Z")
		} else {
			b.setString("sso.prt_last_attempt", v)
		}
	}
	for _, f := range []struct{ fact, name string }{{"sso.prt_user_identity", "User Identity"}, {"sso.prt_credential_type", "Credential Type"},
		{"sso.prt_correlation_id", "Correlation ID"}, {"sso.prt_request_id", "Request Id"}} {
		v, _ := o.get(f.name)
		if v = strings.TrimSpace(v); v != "" && v != "-" {
			b.set(f.fact, v)
		}
	}
	for _, f := range []string{"sso.prt_correlation_id", "sso.prt_request_id"} {
		if v := b.str(f); v != "" && !reGUID().MatchString(v) {
			b.note(fmt.Sprintf("the %s %q is not a whole ID: the paste may be cut off; ask for the whole SSO State section", idName(f), v))
		}
	}
	if v, ok := o.get("HTTP status"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
			b.set("sso.prt_http_status", n)
		}
	}
	if !b.has("sso.prt_last_attempt") && !b.has("sso.attempt_status") {
		return
	}
	line := "last PRT attempt"
	if v := b.str("sso.prt_last_attempt"); v != "" {
		line += " at " + v
	}
	if v := b.str("sso.prt_user_identity"); v != "" {
		line += " for " + v
	}
	if v := b.str("sso.prt_credential_type"); v != "" {
		// "(credential type Password)", never "Password: …", which reads
		// as a password field to the masker and to a ticket's reader.
		line += " (credential type " + v + ")"
	}
	if v := b.str("sso.attempt_status"); v != "" {
		line += ", status " + v
	}
	if n, ok := b.facts["sso.prt_http_status"].(int); ok {
		line += fmt.Sprintf(", HTTP %d", n)
	}
	if v := b.str("sso.server_error_code"); v != "" {
		line += ", " + v
	}
	b.detail(line)
	if v := b.str("sso.server_error_description"); v != "" {
		b.detail("server said: " + v)
	}
	if v := b.str("sso.prt_correlation_id"); v != "" {
		b.detail("correlation ID " + v + " (for the escalation)")
	}
	if v := b.str("sso.prt_request_id"); v != "" {
		b.detail("request ID " + v + " (for the escalation)")
	}
}

func idName(fact string) string {
	if fact == "sso.prt_request_id" {
		return "request ID"
	}
	return "correlation ID"
}

// needsRejoin: the device cannot authenticate, or is neither joined nor
// registered.
func (st deviceState) needsRejoin() bool {
	return st.authFailed || (st.haveAAD && !st.aad && !st.wpj)
}

// problems records what is wrong, worst first: a device that cannot
// authenticate, failed diagnostics or a failed join fail; a failed PRT
// attempt, a missing PRT or a device that is not joined warn.
func (st deviceState) problems(b *builder) {
	if st.authFailed {
		b.problem(StatusFail, "the device cannot authenticate ("+st.authStatus+"): it was deleted or disabled in Entra ID, or its key is gone (a cloned image)")
	}
	if st.failed != nil {
		b.problem(StatusFail, "diagnostic test failed: "+strings.Join(st.failed, "; "))
	}
	if v := b.str("device.error_phase"); v != "" {
		b.problem(StatusFail, "the last join failed in the "+v+" phase")
	}
	when := ""
	if v := b.str("sso.prt_last_attempt"); v != "" {
		when = " (" + readableUTC(v) + ")"
	}
	ids := ""
	if v := b.str("sso.prt_correlation_id"); v != "" {
		ids = ", correlation ID " + v
	} else if v := b.str("sso.prt_request_id"); v != "" {
		ids = ", request ID " + v
	}
	if n, ok := b.facts["sso.aadsts_code"].(int); ok {
		_, meaning, _, _ := LookupAADSTS(n)
		line := fmt.Sprintf("the last PRT attempt%s failed with AADSTS%d", when, n)
		if meaning != "" {
			line += " (" + strings.TrimSuffix(meaning, ".") + ")"
		}
		b.problem(StatusWarn, line+ids)
	} else if v := b.str("sso.server_error_code"); v != "" {
		b.problem(StatusWarn, "the last PRT attempt"+when+" failed with "+v+ids)
	} else if v := b.str("sso.attempt_status"); v != "" && !isZeroStatus(v) {
		b.problem(StatusWarn, "the last PRT attempt"+when+" failed with status "+v+ids)
	}
	if st.havePRT && !st.prt && st.aad {
		b.problem(StatusWarn, "no Primary Refresh Token although the device is joined: Office and OneDrive cannot sign in silently")
	}
	if st.needsRejoin() && !st.authFailed {
		b.problem(StatusWarn, "the device is neither joined nor registered: for a newly imaged PC, leave and join again (dsregcmd /leave, then /join)")
	}
}

// headline is the summary: the join type, the tenant and the PRT.
func (st deviceState) headline() string {
	var h string
	switch st.joinType {
	case "hybrid":
		h = "Hybrid joined (Entra ID and domain)"
	case "entra-joined":
		h = "Entra ID joined"
	case "registered":
		h = "Entra registered only (workplace joined), not Entra joined"
	case "domain-only":
		h = "Domain joined only, not known to Entra ID"
	case "none":
		h = "Not joined to Entra ID or a domain, and not registered"
	default:
		h = "Part of dsregcmd /status without the Device State section"
	}
	if st.tname != "" || st.tid != "" {
		h += fmt.Sprintf(", tenant %s", strings.TrimSpace(st.tname+" "+paren(st.tid)))
	}
	if st.havePRT {
		switch {
		case st.prt:
			h += "; PRT present"
		case st.aad || !st.haveAAD:
			h += "; no PRT"
		default:
			h += "; no PRT (expected without an Entra join)"
		}
	}
	return h
}

// readableUTC writes an RFC 3339 UTC time as an operator reads it out:
// "2020-07-18 20:10:33 UTC". Anything else is returned as it is.
func readableUTC(v string) string {
	if len(v) == 20 && v[10] == 'T' && v[19] == 'Z' {
		return v[:10] + " " + v[11:19] + " UTC"
	}
	return v
}

// isZeroStatus reports an Attempt Status that is no error (0x0, 0).
func isZeroStatus(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return strings.TrimLeft(strings.TrimPrefix(v, "0x"), "0") == ""
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
