package probes

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// aadstsInfo is deskside's own reading of one AADSTS code: what it means in
// a sentence an operator can repeat, and the category the tree routes by.
type aadstsInfo struct {
	Category string
	Meaning  string
}

// The categories an AADSTS code falls into. The default tree routes on
// them, so a new code only needs a row here to be handled.
const (
	catInactivity  = "inactivity"
	catSPALifetime = "spa-lifetime"
	catRevoked     = "revoked"
	catInteraction = "interaction-required"
	catCA          = "conditional-access"
	catFrequency   = "sign-in-frequency"
	catInvalid     = "invalid-grant"
	catConsent     = "consent"
	catSecret      = "secret"
	catCredentials = "credentials"
	catAccount     = "account"
	catConfig      = "app-config"
	catTenant      = "tenant"
	catDevice      = "device"
	catClock       = "clock"
	catSSO         = "seamless-sso"
	catService     = "service"
	catRetry       = "retry"
	catUnknown     = "unknown"
)

// categoryAdvice is the next move for each category, shown with the code.
var categoryAdvice = map[string]string{
	catInactivity:  "the refresh token aged out unused: sign in again interactively; a refresh will not bring it back",
	catSPALifetime: "single-page-app refresh tokens have a fixed lifetime: sign in again interactively",
	catRevoked:     "the grant was revoked (password change or reset, or sessions revoked): sign in again; check what changed",
	catInteraction: "policy needs the user present (MFA or a new prompt): do an interactive sign-in; silent refresh cannot satisfy it",
	catCA:          "a Conditional Access policy blocked the sign-in: the tenant admin reads the sign-in log for the policy",
	catFrequency:   "Conditional Access sign-in frequency expired the session: sign in again; prompts that recur at that interval come from the policy, which an admin can review",
	catInvalid:     "the grant is no longer usable: retry once, then mark re-authentication required and stop background refresh",
	catConsent:     "consent is missing or was revoked: an admin grants consent for the app, then reconnect",
	catSecret:      "the app's client secret or certificate is wrong or expired: rotate it and update the integration",
	catCredentials: "the password is wrong or expired: reset or change it, then sign in again",
	catAccount:     "the account is locked, disabled or missing: the identity admin fixes the account first",
	catConfig:      "the app registration does not match the request (scope, redirect, resource, app id): compare the app's settings across environments",
	catTenant:      "the user or app is being sent to the wrong tenant, or is not a member there: check the tenant id and guest status",
	catDevice:      "device authentication failed: check the device's join state with dsregcmd /status",
	catClock:       "a time check failed: compare clocks and sync with NTP",
	catSSO:         "Seamless SSO (Kerberos) failed: sign in with a password once; the admin checks the AZUREADSSOACC account",
	catService:     "a service-side fault: retry later and check the Microsoft 365 service health",
	catRetry:       "the sign-in took too long or was interrupted: try again",
	catUnknown:     "deskside has no guidance for this code: look it up in Microsoft's AADSTS reference",
}

// aadstsTable holds the codes from the source guides and the common
// sign-in codes help desks meet, in deskside's own words.
var aadstsTable = map[int]aadstsInfo{
	16000:   {catInteraction, "The request needs the user to pick or confirm an account interactively."},
	16001:   {catInteraction, "The account chosen for sign-in is not valid for this session; choose the account again."},
	50002:   {catTenant, "The tenant does not allow access to this user or app."},
	50011:   {catConfig, "The redirect (reply) URL sent does not match any registered for the app."},
	50012:   {catSecret, "Authentication of the app failed: its client assertion or secret was rejected."},
	50020:   {catTenant, "The user's account is not a member or guest of this tenant, or a personal account was used where only work accounts are allowed."},
	50027:   {catConfig, "A token sent in the request is malformed or was not accepted."},
	50034:   {catAccount, "No such user exists in the directory: check the sign-in name for typos and the tenant."},
	50053:   {catAccount, "The account is locked: too many failed sign-ins, or sign-in from a blocked address."},
	50055:   {catCredentials, "The password has expired and must be changed."},
	50057:   {catAccount, "The user account is disabled."},
	50058:   {catInteraction, "A silent sign-in found no signed-in session (cookies blocked or none yet); sign in interactively."},
	50059:   {catConfig, "The request named no tenant and no user; the app must use a tenant-specific sign-in address."},
	50072:   {catInteraction, "The user must register for multi-factor authentication before continuing."},
	50074:   {catInteraction, "Strong authentication (MFA) is required and was not completed."},
	50076:   {catInteraction, "Multi-factor authentication is required by policy (a configuration change or a new location)."},
	50078:   {catInteraction, "The earlier MFA proof has expired; the user must complete MFA again."},
	50079:   {catInteraction, "The user must enroll in multi-factor authentication to get this token."},
	50085:   {catInteraction, "The refresh token needs the user to sign in again through their social identity provider."},
	50086:   {catInteraction, "Multi-factor authentication failed and cannot be retried silently."},
	50089:   {catRetry, "The sign-in flow took too long and its flow token expired; start the sign-in again."},
	50097:   {catDevice, "Device authentication is required (a policy wants a known device) and the device could not prove itself."},
	50105:   {catConfig, "The user is not assigned to this application and assignment is required."},
	50107:   {catConfig, "The federation realm named in the request is not configured in this tenant."},
	50126:   {catCredentials, "The user name or password is wrong, or a new password has not synced yet."},
	50128:   {catTenant, "The domain name in the request is not valid or not found."},
	50129:   {catDevice, "The device is not workplace joined (registered), but a policy requires it."},
	50131:   {catCA, "Conditional Access could not be satisfied for this sign-in (device state or location)."},
	50132:   {catRevoked, "The single sign-on session is no longer valid: the password expired or changed recently."},
	50133:   {catRevoked, "The single sign-on session was revoked because the password expired or changed recently."},
	50140:   {catInteraction, "The \"stay signed in?\" prompt interrupted the sign-in; finish it interactively."},
	50144:   {catCredentials, "The user's on-premises Active Directory password has expired."},
	50155:   {catDevice, "Device authentication failed: the device's certificate or key was not accepted."},
	50158:   {catInteraction, "An external security challenge (such as a third-party MFA or custom control) was not satisfied."},
	50173:   {catRevoked, "The grant was revoked: the user changed or reset their password, or sessions were revoked, after it was issued."},
	50187:   {catDevice, "The device did not send its information during sign-in, but policy needs it."},
	50196:   {catConfig, "The client asked for tokens in a tight loop and was stopped; the app is misbehaving."},
	50199:   {catInteraction, "The user must confirm the sign-in in an extra prompt (shown for some apps and platforms)."},
	51004:   {catAccount, "The user account is not in the directory."},
	53000:   {catCA, "Conditional Access requires a compliant device, and this device is not compliant (or not known to Intune)."},
	53001:   {catCA, "Conditional Access requires a domain-joined device."},
	53002:   {catCA, "Conditional Access allows only approved client apps, and this app is not one."},
	53003:   {catCA, "Conditional Access blocked the sign-in: the policy allows no token here."},
	53004:   {catCA, "MFA registration is blocked because of sign-in risk; an admin must clear the risk."},
	54005:   {catInvalid, "The authorization code was already redeemed; a code can be used once only."},
	65001:   {catConsent, "The user or an administrator has not consented to the app using this resource."},
	65004:   {catConsent, "The user declined to consent to the app."},
	70000:   {catInvalid, "The grant is invalid: the refresh token or code is malformed, for another app, or bound to another device."},
	70001:   {catConfig, "The application is disabled or not allowed in this tenant."},
	70002:   {catSecret, "The client's credentials are wrong, or a public client sent a secret."},
	70008:   {catInactivity, "The refresh token or code has expired or was revoked, most often after a long time unused."},
	70011:   {catConfig, "The requested scope is not valid for this resource."},
	70016:   {catRetry, "The device-code sign-in is still waiting for the user: this is not a failure."},
	70019:   {catRetry, "The device code expired before the user finished signing in; start again."},
	70043:   {catFrequency, "The refresh token expired because a Conditional Access sign-in frequency policy requires a new sign-in."},
	81010:   {catSSO, "Seamless SSO failed: the Kerberos ticket has expired or is not valid."},
	81012:   {catSSO, "The account signed in to Windows differs from the account chosen for Seamless SSO."},
	90002:   {catTenant, "The tenant name or id in the sign-in address does not exist."},
	90072:   {catTenant, "The account signing in is from another tenant and is not a guest in this one."},
	90094:   {catConsent, "An administrator must consent to this app's permissions."},
	90095:   {catConsent, "An administrator must consent; the user may request it from the consent page."},
	135010:  {catDevice, "The device's key was not found (often after cloning a disk image or resetting the TPM)."},
	135011:  {catDevice, "The device used to sign in is disabled in the directory."},
	500011:  {catConfig, "The resource (API) the app asked for is not in this tenant: wrong resource address, or the service is not provisioned."},
	500113:  {catConfig, "The app has no reply address registered."},
	530003:  {catCA, "Conditional Access requires a managed device for this resource."},
	700003:  {catDevice, "The device object was deleted or disabled in the directory; the device must register again."},
	700016:  {catConfig, "No application with this client id exists in the tenant: wrong tenant or app id, or the app is not installed there."},
	700024:  {catClock, "The client assertion is outside its valid time range: check the client's clock and the assertion's lifetime."},
	700025:  {catConfig, "A public client (desktop or mobile app) sent a client secret, which it must not."},
	700027:  {catSecret, "The client assertion's signature did not verify: the certificate is wrong or not uploaded to the app."},
	700082:  {catInactivity, "The refresh token expired after a long time unused (90 days by default)."},
	700084:  {catSPALifetime, "The refresh token was issued to a single-page app, whose refresh tokens have a fixed lifetime that has now passed."},
	7000112: {catConfig, "The application is disabled."},
	7000215: {catSecret, "The client secret is wrong: often the secret's id was used instead of its value."},
	7000222: {catSecret, "The app's client secret has expired."},
	9002313: {catConfig, "The request is malformed or has a wrong parameter."},
}

//go:embed aadsts-names.tsv
var aadstsNamesTSV string

// aadstsNames maps codes to the symbolic names in Microsoft's reference.
// They name a code that has no row in aadstsTable without guessing at it.
var aadstsNames = sync.OnceValue(func() map[int]string {
	m := map[int]string{}
	for _, line := range strings.Split(aadstsNamesTSV, "\n") {
		code, name, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(code, "AADSTS")); err == nil {
			m[n] = strings.TrimSpace(name)
		}
	}
	return m
})

// LookupAADSTS returns what deskside knows of an AADSTS code: category,
// meaning and Microsoft's symbolic name. known is false when deskside has
// no guidance for the code.
func LookupAADSTS(code int) (category, meaning, name string, known bool) {
	name = aadstsNames()[code]
	if info, ok := aadstsTable[code]; ok {
		return info.Category, info.Meaning, name, true
	}
	return catUnknown, "", name, false
}
