package probes

import (
	"context"
	"encoding/csv"
	"fmt"
	"strings"
)

// OneDrive checks whether the OneDrive sync app is running on the user's PC
// and which version it is: a stopped client explains some "errors" that are
// not sign-in problems at all, and a very old build explains others.
type OneDrive struct{}

// Name returns "onedrive".
func (OneDrive) Name() string { return "onedrive" }

// Describe says what runs and what may be pasted.
func (OneDrive) Describe() Description {
	return Description{
		Title:   "Check the OneDrive app",
		Paste:   `the output of tasklist /FI "IMAGENAME eq OneDrive.exe" (and, for the version, reg query HKCU\Software\Microsoft\OneDrive /v Version)`,
		Example: `"OneDrive.exe","10236","Console","1","98,412 K"`,
		Program: `tasklist /FI "IMAGENAME eq OneDrive.exe" /FO CSV /NH, then reg query HKCU\Software\Microsoft\OneDrive /v Version`,
		OnlyOS:  "windows",
	}
}

// Facts declares what the check tells.
func (OneDrive) Facts() []FactSpec {
	return []FactSpec{
		{"onedrive.running", FactBool, "OneDrive.exe is running for some user on the PC"},
		{"onedrive.version", FactString, "the installed OneDrive version, from the registry"},
	}
}

var (
	reRegVersion = lazyRegexp(`(?im)^\s*Version\s+REG_SZ\s+(\S+)`)
)

// noTasksPhrases are tasklist's "No tasks are running" in the languages
// seen in the wild, lower-case.
var noTasksPhrases = []string{"no tasks are running", "keine aufgaben", "aucune tâche", "nessuna attività", "no hay tareas"}

func noTasks(text string) bool {
	for _, p := range noTasksPhrases {
		if containsFold(text, p) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case phrase p in any
// case, without lower-casing all of a long s.
func containsFold(s, p string) bool {
	first := p[:1]
	for _, start := range []string{first, strings.ToUpper(first)} {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], start)
			if i < 0 {
				break
			}
			i += from
			if end := i + len(p); end <= len(s) && strings.EqualFold(s[i:end], p) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// Run checks the app.
func (p OneDrive) Run(ctx context.Context, in Input) Result {
	if strings.TrimSpace(in.Text) == "" && in.hostOS() != "windows" {
		return Result{Status: StatusUnavailable, Summary: "OneDrive can only be checked on the user's Windows PC: run this on the user's PC, or ask the user (is the cloud icon in the taskbar's notification area?)."}
	}
	text := in.Text
	if strings.TrimSpace(text) == "" {
		out, res := readPC(ctx, in, p.Describe(), "tasklist", "/FI", "IMAGENAME eq OneDrive.exe", "/FO", "CSV", "/NH")
		if res != nil {
			return *res
		}
		text = out
		if reg, err := in.Runner.Run(ctx, "reg", "query", `HKCU\Software\Microsoft\OneDrive`, "/v", "Version"); err == nil {
			text += "\n" + decodeText(reg)
		}
	}
	const expected = "the output of tasklist (a line with OneDrive.exe, or \"No tasks are running\")"
	text, bad := prepare(text, expected)
	if bad != nil {
		return *bad
	}
	running, known, pids := false, noTasks(text), 0
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if l == "" {
			continue
		}
		name := ""
		if strings.HasPrefix(l, `"`) {
			if rec, err := csv.NewReader(strings.NewReader(l)).Read(); err == nil && len(rec) > 0 {
				name = rec[0]
			}
		} else {
			name, _, _ = strings.Cut(l, " ")
		}
		if strings.EqualFold(name, "OneDrive.exe") {
			running, known = true, true
			pids++
		}
	}
	version := ""
	if !strings.Contains(text, "REG_SZ") {
		// reg query prints the type in capitals; without it there is no version.
	} else if m := reRegVersion().FindStringSubmatch(text); m != nil {
		version = m[1]
	}
	if !known && version == "" {
		return errorResult(expected, text)
	}
	b := newBuilder("problem")
	var summary string
	if known {
		b.set("onedrive.running", running)
		if running {
			summary = "OneDrive is running"
			if pids > 1 {
				summary += fmt.Sprintf(" (%d processes: several users are signed in, or it is restarting)", pids)
			}
		} else {
			b.raise(StatusWarn)
			summary = "OneDrive is not running: start it from the Start menu before testing sign-in"
		}
	} else {
		summary = "OneDrive's running state was not in the paste"
	}
	if b.setString("onedrive.version", version) != "" {
		summary += ", version " + version
	}
	return b.result(summary)
}
