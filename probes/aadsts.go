package probes

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AADSTS reads a Microsoft identity platform error as the user or a log
// shows it (token endpoint JSON, a log line, an escaped exception) and says
// what its code means and which branch of the tree it leads to.
type AADSTS struct{}

// Name returns "aadsts".
func (AADSTS) Name() string { return "aadsts" }

// Describe says what to paste.
func (AADSTS) Describe() Description {
	return Description{
		Title: "Read an AADSTS error",
		Paste: "the error text or JSON with the AADSTS code (error_description, Trace ID, Correlation ID)",
	}
}

// Facts declares what the error tells.
func (AADSTS) Facts() []FactSpec {
	return []FactSpec{
		{"aadsts.code", FactInt, "the primary AADSTS code (the one in error_description)"},
		{"aadsts.codes", FactStrings, "every AADSTS code found, first seen first"},
		{"aadsts.category", FactString, "what kind of failure the code is: inactivity, spa-lifetime, revoked, interaction-required, conditional-access, sign-in-frequency, invalid-grant, consent, secret, credentials, account, app-config, tenant, device, clock, seamless-sso, service, retry or unknown"},
		{"aadsts.known", FactBool, "deskside has guidance for the primary code"},
		{"aadsts.name", FactString, "the code's symbolic name in Microsoft's reference"},
		{"aadsts.advice", FactString, "the recommended next move for the category"},
		{"oauth.error", FactString, "the OAuth error (invalid_grant, interaction_required, invalid_client…)"},
		{"oauth.suberror", FactString, "the suberror (consent_required, message_only…)"},
		{"aadsts.trace_id", FactString, "Trace ID, for Microsoft support"},
		{"aadsts.correlation_id", FactString, "Correlation ID, for the tenant's sign-in log"},
		{"aadsts.timestamp", FactString, "when the service raised the error, RFC 3339 UTC"},
	}
}

var (
	reCode       = lazyRegexp(`AADSTS(\d{4,9})`)
	reMSALCode   = lazyRegexp(`\b(invalid_grant|invalid_client|interaction_required|consent_required|login_required|invalid_request|invalid_scope|unauthorized_client|access_denied|temporarily_unavailable|server_error|unsupported_grant_type|invalid_resource)\s*:\s*(\d{4,9})\b`)
	reErrorCodes = lazyRegexp(`"error_codes"\s*:\s*\[([\d,\s]*)\]`)
	reOAuthErr   = lazyRegexp(`"error"\s*:\s*"([a-z_]+)"`)
	reErrorCode  = lazyRegexp(`\b[Ee]rror[Cc]ode\s*:\s*([a-z][a-z_]+)\b`)
	reBareOAuth  = lazyRegexp(`\b(invalid_grant|invalid_client|interaction_required|consent_required|login_required|invalid_scope|unauthorized_client|access_denied|temporarily_unavailable|invalid_request|server_error)\b`)
	reSuberror   = lazyRegexp(`"suberror"\s*:\s*"([a-z_]+)"`)
	reTraceID    = lazyRegexp(`(?i)trace[\s_]*id"?\s*[:=]\s*"?\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
	reCorrID     = lazyRegexp(`(?i)correlation[\s_]*id"?\s*[:=]\s*"?\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
	reTimestamp  = lazyRegexp(`(?i)"?timestamp"?\s*[:=]\s*"?\s*(\d{4}-\d\d-\d\d)[\sT]+(\d\d:\d\d:\d\d)(?:\.\d+)?Z?`)
)

var oauthCategory = map[string]string{
	"invalid_grant":           catInvalid,
	"interaction_required":    catInteraction,
	"login_required":          catInteraction,
	"consent_required":        catConsent,
	"invalid_client":          catSecret,
	"unauthorized_client":     catConfig,
	"invalid_scope":           catConfig,
	"invalid_resource":        catConfig,
	"temporarily_unavailable": catService,
	"server_error":            catService,
}

// Run reads the error.
func (AADSTS) Run(_ context.Context, in Input) Result {
	const expected = "an identity platform error: an AADSTS code, or a JSON body with error and error_description"
	text, bad := prepare(in.Text, expected)
	if bad != nil {
		return *bad
	}
	s := unescapeRepeatedly(text)

	var codes []string
	add := func(c string) {
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	for _, m := range reCode().FindAllStringSubmatch(s, 64) {
		add(m[1])
	}
	for _, m := range reMSALCode().FindAllStringSubmatch(s, 16) {
		add(m[2])
	}
	if m := reErrorCodes().FindStringSubmatch(s); m != nil {
		for _, c := range strings.Split(m[1], ",") {
			if c = strings.TrimSpace(c); c != "" {
				add(c)
			}
		}
	}
	f := map[string]any{}
	oauthErr := firstGroup(reOAuthErr(), s)
	if oauthErr == "" {
		if m := reMSALCode().FindStringSubmatch(s); m != nil {
			oauthErr = m[1]
		}
	}
	if oauthErr == "" {
		oauthErr = firstGroup(reErrorCode(), s)
	}
	if oauthErr == "" {
		oauthErr = firstGroup(reBareOAuth(), s)
	}
	if oauthErr != "" {
		f["oauth.error"] = oauthErr
	}
	if v := firstGroup(reSuberror(), s); v != "" {
		f["oauth.suberror"] = v
	}
	if v := firstGroup(reTraceID(), s); v != "" {
		f["aadsts.trace_id"] = strings.ToLower(v)
	}
	if v := firstGroup(reCorrID(), s); v != "" {
		f["aadsts.correlation_id"] = strings.ToLower(v)
	}
	if m := reTimestamp().FindStringSubmatch(s); m != nil {
		if t, err := time.Parse("2006-01-02 15:04:05", m[1]+" "+m[2]); err == nil {
			f["aadsts.timestamp"] = rfc(t)
		}
	}

	if len(codes) == 0 && oauthErr == "" {
		return errorResult(expected, text)
	}

	var details []string
	category := catUnknown
	summary := ""
	if len(codes) > 0 {
		f["aadsts.codes"] = codes
		primary, _ := strconv.Atoi(codes[0])
		cat, meaning, name, known := LookupAADSTS(primary)
		f["aadsts.code"] = primary
		f["aadsts.known"] = known
		if name != "" {
			f["aadsts.name"] = name
		}
		category = cat
		if known {
			summary = fmt.Sprintf("AADSTS%d (%s): %s", primary, cat, meaning)
		} else if name != "" {
			summary = fmt.Sprintf("AADSTS%d (%s) is not in deskside's table: look it up in Microsoft's AADSTS reference", primary, name)
		} else {
			summary = fmt.Sprintf("AADSTS%d is not a code deskside knows: look it up in Microsoft's AADSTS reference", primary)
		}
		for _, c := range codes {
			n, _ := strconv.Atoi(c)
			cat, meaning, name, known := LookupAADSTS(n)
			line := "AADSTS" + c
			if name != "" {
				line += " " + name
			}
			if known {
				line += fmt.Sprintf(" [%s] %s", cat, meaning)
			} else {
				line += " [unknown to deskside]"
			}
			details = append(details, line)
		}
	} else {
		category = oauthCategory[oauthErr]
		if category == "" {
			category = catUnknown
		}
		summary = fmt.Sprintf("OAuth error %s with no AADSTS code (%s)", oauthErr, category)
	}
	f["aadsts.category"] = category
	advice := categoryAdvice[category]
	f["aadsts.advice"] = advice
	if oauthErr != "" {
		sub := ""
		if v, ok := f["oauth.suberror"].(string); ok {
			sub = ", suberror " + v
		}
		details = append(details, "OAuth error "+oauthErr+sub)
	}
	for _, k := range []string{"aadsts.timestamp", "aadsts.trace_id", "aadsts.correlation_id"} {
		if v, ok := f[k].(string); ok {
			details = append(details, strings.TrimPrefix(k, "aadsts.")+" "+v)
		}
	}
	details = append(details, "next: "+advice)
	return Result{Status: StatusFail, Summary: endSentence(summary), Facts: f, Details: details}
}

// unescapeRepeatedly undoes JSON string escaping as many times as it was
// applied: error bodies wrapped in exceptions wrapped in JSON arrive two or
// three times escaped.
func unescapeRepeatedly(s string) string {
	r := strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\r\n`, "\n", `\n`, "\n", `\r`, "\n", `\t`, " ", `\/`, `/`, `\u0027`, "'")
	for i := 0; i < 6; i++ {
		next := r.Replace(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

func firstGroup(re *regexp.Regexp, s string) string {
	if m := re.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}
