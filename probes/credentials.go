package probes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Credentials reads `cmdkey /list` to find the cached Microsoft Office and
// OneDrive entries that Method 1 removes from Credential Manager, so the
// operator can name them to the user instead of asking them to search.
type Credentials struct{}

// Name returns "credentials".
func (Credentials) Name() string { return "credentials" }

// Describe says what to paste and what runs on Windows.
func (Credentials) Describe() Description {
	return Description{
		Title:   "List stored credentials",
		Paste:   "the output of cmdkey /list",
		Example: "Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:adele@contoso.com",
		Program: "cmdkey /list",
		OnlyOS:  "windows",
	}
}

// Facts declares what the list tells.
func (Credentials) Facts() []FactSpec {
	return []FactSpec{
		{"creds.count", FactInt, "entries found"},
		{"creds.office_count", FactInt, "Microsoft Office entries (MicrosoftOffice1x_Data:…)"},
		{"creds.onedrive_count", FactInt, "OneDrive Cached Credential entries"},
		{"creds.identity_count", FactInt, "other Microsoft identity entries (Microsoft account, Teams, ADAL/MSAL, SSO)"},
		{"creds.to_remove", FactStrings, "the Office and OneDrive targets Method 1 removes"},
		{"creds.targets", FactStrings, "every target name found"},
	}
}

// credential is one entry of the list.
type credential struct {
	Target, Type, User, Persistence string
}

var (
	// Target lines in English and the localized cmdkey outputs seen in the wild.
	reListed = lazyRegexp(`^\s*\[[-*+]\]\s+(\S.*?)\s*$`)
	// A target named in other text, such as code or a log.
	reTargetInText = lazyRegexp(`(?:(?:LegacyGeneric|Domain|MicrosoftAccount|WindowsLive):target=)?(?:MicrosoftOffice\d*_Data:[^\s"'<>]+|OneDrive Cached Credential[^"\r\n]*|msteams_[A-Za-z0-9_/{}]+|SSO_POP_[A-Za-z]+|virtualapp/didlogical|Microsoft_OC[^\s"']*)`)
)

// Run reads the list.
func (p Credentials) Run(ctx context.Context, in Input) Result {
	text, res := readPC(ctx, in, p.Describe(), "cmdkey", "/list")
	if res != nil {
		return *res
	}
	const expected = "the output of cmdkey /list (lines such as \"Target: LegacyGeneric:target=MicrosoftOffice16_Data:…\")"
	text, bad := prepare(text, expected)
	if bad != nil {
		return *bad
	}
	creds := parseCmdkey(text)
	fromText := false
	if len(creds) == 0 {
		for _, t := range uniq(reTargetInText().FindAllString(text, 200)) {
			creds = append(creds, credential{Target: strings.TrimSpace(t)})
		}
		fromText = true
	}
	if len(creds) == 0 {
		if strings.Contains(strings.ToLower(text), "currently stored credentials") || strings.Contains(strings.ToLower(text), "nessuna credenziale") {
			return Result{Status: StatusOK, Summary: "No stored credentials at all: Method 1 has nothing to remove; go on to Method 2.",
				Facts: map[string]any{"creds.count": 0, "creds.office_count": 0, "creds.onedrive_count": 0, "creds.identity_count": 0, "creds.to_remove": []string{}, "creds.targets": []string{}}}
		}
		return errorResult(expected, text)
	}

	b := newBuilder("problem")
	var office, onedrive, identity int
	var targets, remove []string
	for _, c := range creds {
		targets = append(targets, c.Target)
		kind := classifyTarget(c.Target)
		switch kind {
		case "office":
			office++
			remove = append(remove, c.Target)
		case "onedrive":
			onedrive++
			remove = append(remove, c.Target)
		case "identity":
			identity++
		}
		line := fmt.Sprintf("%-8s %s", kind, c.Target)
		if c.User != "" {
			line += " (user " + c.User + ")"
		}
		if c.Persistence != "" {
			line += " — " + c.Persistence
		}
		b.detail(line)
	}
	if remove == nil {
		remove = []string{}
	}
	b.set("creds.count", len(creds))
	b.set("creds.office_count", office)
	b.set("creds.onedrive_count", onedrive)
	b.set("creds.identity_count", identity)
	b.set("creds.to_remove", remove)
	b.set("creds.targets", targets)
	var summary string
	if len(remove) > 0 {
		b.raise(StatusWarn)
		names := make([]string, 0, len(remove))
		for _, t := range remove {
			names = append(names, shownTarget(t))
		}
		if onedrive == 0 {
			summary = Plural(office, "Office cached credential", "Office cached credentials")
		} else if office == 0 {
			summary = Plural(onedrive, "OneDrive cached credential", "OneDrive cached credentials")
		} else {
			summary = fmt.Sprintf("%s (%d Office, %d OneDrive)", Plural(len(remove), "cached credential", "cached credentials"), office, onedrive)
		}
		summary += " to remove in Method 1: " + wholeNames(names, 200)
	} else {
		summary = fmt.Sprintf("No Office or OneDrive cached credentials among %s: Method 1 has nothing to remove; go on to Method 2", Plural(len(creds), "entry", "entries"))
	}
	if identity > 0 {
		summary += fmt.Sprintf(" (%s)", Plural(identity, "other Microsoft identity entry", "other Microsoft identity entries"))
	}
	if fromText {
		b.note("no cmdkey /list entries were found; these target names were found in the text")
	}
	return b.result(summary)
}

// The labels of cmdkey's lines, in English and the localized outputs
// seen in the wild.
var (
	targetLabels = []string{"target", "ziel", "cible", "destino", "destinazione", "doel", "cel", "目标", "目標"}
	typeLabels   = []string{"type", "typ", "tipo", "类型", "類型"}
	userLabels   = []string{"user", "username", "benutzer", "utilisateur", "usuario", "utente", "用户", "使用者"}
)

// cmdkeyLine splits "  Label: value" into the lower-case label and the
// value; ok is false for a line that is not one.
func cmdkeyLine(line string) (label, value string, ok bool) {
	label, value, ok = strings.Cut(line, ":")
	if !ok {
		// Chinese Windows prints a full-width colon.
		label, value, ok = strings.Cut(line, "：")
	}
	if !ok || len(label) > 24 {
		return "", "", false
	}
	return strings.ToLower(strings.TrimSpace(label)), strings.TrimSpace(value), true
}

func parseCmdkey(text string) []credential {
	var out []credential
	cur := -1
	for _, line := range strings.Split(text, "\n") {
		label, value, labelled := cmdkeyLine(line)
		if labelled && value != "" && slices.Contains(targetLabels, label) {
			out = append(out, credential{Target: value})
			cur = len(out) - 1
			continue
		}
		if strings.Contains(line, "target=") {
			if m := reListed().FindStringSubmatch(line); m != nil {
				out = append(out, credential{Target: m[1]})
				cur = len(out) - 1
				continue
			}
		}
		if cur < 0 {
			continue
		}
		switch {
		case labelled && value != "" && slices.Contains(typeLabels, label):
			if out[cur].Type == "" {
				out[cur].Type = value
			}
		case labelled && slices.Contains(userLabels, label):
			if out[cur].User == "" {
				out[cur].User = value
			}
		case strings.Contains(line, "ersistence") || strings.Contains(line, "logon only"):
			l := strings.ToLower(line)
			for _, p := range []string{"local machine persistence", "saved for this logon only", "enterprise persistence"} {
				if strings.Contains(l, p) {
					out[cur].Persistence = p
					break
				}
			}
		}
	}
	return out
}

// classifyTarget sorts a Credential Manager target into office, onedrive,
// identity (other Microsoft sign-in state) or other.
func classifyTarget(t string) string {
	l := strings.ToLower(t)
	switch {
	case strings.Contains(l, "microsoftoffice"):
		return "office"
	case strings.Contains(l, "onedrive cached credential"):
		return "onedrive"
	}
	for _, p := range []string{"microsoftaccount:", "windowslive:", "virtualapp/didlogical", "sso_pop_", "msteams_", "microsoft_oc",
		"windowsazure", "azuread", "msal", "adal", "teams", "office365", "xboxlive", "xbl"} {
		if strings.Contains(l, p) {
			return "identity"
		}
	}
	return "other"
}

// shownTarget is a target as Credential Manager lists it under Generic
// Credentials, without cmdkey's "LegacyGeneric:target=" prefix: the name
// the operator reads to the user.
func shownTarget(t string) string {
	if _, after, ok := strings.Cut(t, ":target="); ok && after != "" {
		return after
	}
	return t
}

// wholeNames joins names for a summary without ever cutting one: names
// are added whole while they fit in about budget characters (the first
// always), and the rest are counted: "a; b; … and 3 more (all in the
// details)".
func wholeNames(names []string, budget int) string {
	var b strings.Builder
	for i, n := range names {
		if i > 0 && utf8.RuneCountInString(b.String())+2+utf8.RuneCountInString(n) > budget {
			fmt.Fprintf(&b, "; … and %d more (all in the details)", len(names)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(n)
	}
	return b.String()
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
