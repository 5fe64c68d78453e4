package session

import (
	"strings"
)

// userinfo masks the password in a URL: scheme://user:password@host.
func (m *masker) userinfo() {
	s := m.s
	for from := 0; ; {
		i := strings.Index(s[from:], "://")
		if i < 0 {
			return
		}
		i += from
		from = i + 3
		if i == 0 || !isLetter(s[i-1]) {
			continue
		}
		stop := scanUntil(s, from, " \t\r\n/?#\"'<>")
		at := strings.LastIndexByte(s[from:stop], '@')
		if at < 0 {
			continue
		}
		at += from
		colon := strings.IndexByte(s[from:at], ':')
		if colon < 0 {
			continue
		}
		m.value(from+colon+1, at, KindPassword)
		from = stop
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// schemes masks credentials after an authentication scheme anywhere in
// text: "bearer 0.AXoA…" in a log line, "Basic dXNlcjpwYXNz".
func (m *masker) schemes() {
	for _, scheme := range []string{"bearer", "basic", "negotiate"} {
		for from := 0; ; {
			i := strings.Index(m.low[from:], scheme)
			if i < 0 {
				break
			}
			i += from
			from = i + len(scheme)
			if i > 0 && isLetter(m.s[i-1]) {
				continue
			}
			vs := from
			for vs < len(m.s) && (m.s[vs] == ' ' || m.s[vs] == '\t') {
				vs++
			}
			if vs == from {
				continue
			}
			ve := vs
			for ve < len(m.s) && (tokenChars[m.s[ve]] && m.s[ve] != '%' && m.s[ve] != '!' && m.s[ve] != '*' && m.s[ve] != '$') {
				ve++
			}
			cred := m.s[vs:ve]
			if len(cred) < 8 || isMarker(m.s[vs:]) || proseAfterScheme(cred) {
				continue
			}
			m.add(vs, ve, KindAuthorization, markRedacted)
		}
	}
}

// schemeProse are words that follow "Bearer" or "Basic" in prose rather
// than credentials: "Basic authentication is disabled", "the
// Authorization: Bearer header".
var schemeProse = toSet("token tokens header headers authentication auth scheme schemes credential credentials value string is was and or with in on for the a an missing required realm error challenge type prefix")

// proseAfterScheme reports a word after an authentication scheme that is
// prose, not a credential.
func proseAfterScheme(w string) bool {
	if len(w) > maxProseWord {
		return false
	}
	return schemeProse[strings.ToLower(strings.Trim(w, "`'\",.;:)"))]
}

// wordLike reports an ordinary word ("authentication", "Authentication"),
// which follows "basic" or "bearer" in prose; credentials mix classes.
func wordLike(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || i == 0 && c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// credTools are command-line programs that take a password in a short
// flag, and the flags: psexec -p, sqlcmd -P, plink -pw, schtasks /rp,
// xfreerdp /p:, ldapsearch -w. A flag ending in ":" or "=" takes its value
// attached.
var credTools = map[string][]string{
	"psexec": {"-p"}, "psexec64": {"-p"}, "paexec": {"-p"}, "sshpass": {"-p"}, "az": {"-p"},
	"sqlcmd": {"-P"}, "bcp": {"-P"}, "osql": {"-P"}, "isql": {"-P"},
	"plink": {"-pw"}, "pscp": {"-pw"}, "psftp": {"-pw"}, "putty": {"-pw"},
	"schtasks": {"/rp", "/RP", "/p", "/P"},
	"xfreerdp": {"/p:"}, "wlfreerdp": {"/p:"}, "winrs": {"-p:", "/p:", "-P:", "/P:"},
	"ldapsearch": {"-w"}, "ldapmodify": {"-w"}, "ldapadd": {"-w"}, "ldapdelete": {"-w"}, "ldappasswd": {"-w", "-s"},
	"mysql": {"-p="}, "mysqldump": {"-p="}, "mysqladmin": {"-p="}, "mariadb": {"-p="}, "mysqlsh": {"-p="}, "mysqlimport": {"-p="},
}

// commandLines masks passwords that command lines take in places no field
// name marks: short flags of credTools, net use and net user arguments,
// user:password after curl -u (and smbclient's user%password), and the
// string given to ConvertTo-SecureString.
func (m *masker) commandLines() {
	done := map[int]bool{}
	once := func(i int) bool {
		if done[i] {
			return false
		}
		done[i] = true
		return true
	}
	// A short flag is " -x" or " /x": find those, then the tool before
	// them on the line.
	for _, dash := range []string{" -", " /", "\t-", "\t/"} {
		for from := 0; ; {
			i := strings.Index(m.s[from:], dash)
			if i < 0 {
				break
			}
			i += from
			from = i + 2
			ls := m.lineStart(i)
			if done[-1-ls] {
				continue
			}
			done[-1-ls] = true
			le := m.lineEnd(i)
			seenTools := map[string]bool{}
			// Words split at white space only: a stray quote before the
			// tool must not hide it.
			for w := ls; w < le; {
				for w < le && (m.s[w] == ' ' || m.s[w] == '\t') {
					w++
				}
				e := scanUntil(m.s[:le], w, " \t")
				// A tool named again on the line reads the same flags
				// after it: the first reading masked them.
				if tool := toolName(m.s[w:e]); !seenTools[tool] {
					if flags, ok := credTools[tool]; ok {
						seenTools[tool] = true
						m.shortFlags(e, le, flags)
					}
				}
				w = e
			}
		}
	}
	netUseReach, netUseLine := -1, -1
	for _, cmd := range []string{"net use", "net user"} {
		for from := 0; ; {
			i := strings.Index(m.low[from:], cmd)
			if i < 0 {
				break
			}
			i += from
			from = i + len(cmd)
			if wordAt(m.low, i, len(cmd)) && once(i) {
				to := m.lineEnd(from)
				if cmd == "net use" && from < netUseReach && to == netUseLine {
					// The arguments of an earlier net use on this
					// line, masked by its reading.
					continue
				}
				m.netArgs(from, to, cmd == "net user")
				if cmd == "net use" {
					netUseReach, netUseLine = to, to
				}
			}
		}
	}
	for _, flag := range []string{"-u", "--user", "--proxy-user", "-U"} {
		for from := 0; ; {
			i := strings.Index(m.s[from:], flag)
			if i < 0 {
				break
			}
			i += from
			from = i + len(flag)
			if i > 0 && m.s[i-1] != ' ' && m.s[i-1] != '\t' {
				continue
			}
			m.userPassword(from, m.lineEnd(from))
		}
	}
	for from := 0; ; {
		i := strings.Index(m.low[from:], "runas")
		if i < 0 {
			break
		}
		i += from
		from = i + len("runas")
		m.echoed(m.lineStart(i), i)
	}
	for from := 0; ; {
		i := strings.Index(m.low[from:], "convertto-securestring")
		if i < 0 {
			break
		}
		i += from
		from = i + len("convertto-securestring")
		m.secureString(m.lineStart(i), i, from, m.lineEnd(from))
	}
}

// wordAt reports whether low[i:i+n] stands as a word of its own.
func wordAt(low string, i, n int) bool {
	if i > 0 && (nameChars[low[i-1]] || low[i-1] == '/') {
		return false
	}
	j := i + n
	if j < len(low) && low[j] == '.' && strings.HasPrefix(low[j:], ".exe") {
		j += 4
	}
	return j == len(low) || low[j] == ' ' || low[j] == '\t' || low[j] == '"' || low[j] == '\''
}

// args splits a command line into its arguments, quotes kept with them.
func args(s string, from, to int) [][2]int {
	var out [][2]int
	for a, ok := nextArg(s, from, to); ok; a, ok = nextArg(s, a[1], to) {
		out = append(out, a)
	}
	return out
}

// nextArg returns the first argument of s[from:to], quotes kept with it,
// for detectors that read only the first few.
func nextArg(s string, from, to int) ([2]int, bool) {
	i := from
	for i < to && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= to {
		return [2]int{}, false
	}
	start := i
	if isMarker(s[i:min(to, i+9)]) && s[i] == '[' {
		// A marker Redact wrote is one argument, spaces and all.
		if j := strings.IndexByte(s[i:to], ']'); j >= 0 {
			return [2]int{i, i + j + 1}, true
		}
	}
	if q := s[i]; q == '"' || q == '\'' {
		j := strings.IndexByte(s[i+1:to], q)
		if j < 0 {
			i = to
		} else {
			i += j + 2
		}
	}
	for i < to && s[i] != ' ' && s[i] != '\t' {
		i++
	}
	return [2]int{start, i}, true
}

// unquote returns the span inside an argument's quotes.
func unquote(s string, a [2]int) (int, int) {
	if a[1]-a[0] >= 2 && (s[a[0]] == '"' || s[a[0]] == '\'') && s[a[1]-1] == s[a[0]] {
		return a[0] + 1, a[1] - 1
	}
	if a[1] > a[0] && (s[a[0]] == '"' || s[a[0]] == '\'') {
		return a[0] + 1, a[1]
	}
	return a[0], a[1]
}

// shortFlags masks the value of the given flags in s[from:to].
func (m *masker) shortFlags(from, to int, flags []string) {
	as := args(m.s, from, to)
	for n, a := range as {
		arg := m.s[a[0]:a[1]]
		for _, f := range flags {
			switch {
			case strings.HasSuffix(f, ":"):
				// Attached after a colon: /p:secret.
				// Nothing attached (/p:) gives an empty value: nothing to mask.
				if strings.HasPrefix(arg, f) {
					vs, ve := unquote(m.s, [2]int{a[0] + len(f), a[1]})
					m.value(vs, ve, KindPassword)
				}
			case strings.HasSuffix(f, "="):
				// Attached: mysql -psecret (-p alone asks for it).
				p := strings.TrimSuffix(f, "=")
				if strings.HasPrefix(arg, p) && len(arg) > len(p) && arg[len(p)] != '-' && !strings.HasPrefix(arg, "--") {
					vs, ve := unquote(m.s, [2]int{a[0] + len(p), a[1]})
					m.value(vs, ve, KindPassword)
				}
			case arg == f && n+1 < len(as):
				next := as[n+1]
				if m.s[next[0]] == '-' {
					continue
				}
				vs, ve := unquote(m.s, next)
				m.value(vs, ve, KindPassword)
			}
		}
	}
}

// netArgs masks the password arguments of net use (any argument that is
// not the drive, the share or a /switch) and net user (the one after the
// user name). An asterisk asks for the password and is kept.
func (m *masker) netArgs(from, to int, user bool) {
	positional := 0
	for a, ok := nextArg(m.s, from, to); ok && !(user && positional >= 2); a, ok = nextArg(m.s, a[1], to) {
		arg := m.s[a[0]:a[1]]
		switch {
		case strings.HasPrefix(arg, "/"), arg == "*", strings.HasPrefix(arg, `\\`), strings.HasPrefix(arg, `"\\`),
			len(arg) == 2 && arg[1] == ':' && isLetter(arg[0]),
			strings.HasPrefix(strings.ToLower(arg), "http://"), strings.HasPrefix(strings.ToLower(arg), "https://"),
			arg == "&&" || arg == "|" || arg == ";":
			if user && arg != "*" && !strings.HasPrefix(arg, "/") {
				positional++
			}
			if arg == "&&" || arg == "|" || arg == ";" {
				return
			}
			continue
		}
		positional++
		if user && positional != 2 {
			continue
		}
		vs, ve := unquote(m.s, a)
		m.value(vs, ve, KindPassword)
	}
}

// userPassword masks the password of a user:password argument (curl -u)
// or user%password (smbclient -U) starting at from.
func (m *masker) userPassword(from, to int) {
	i := from
	if i < to && s0(m.s, i) == '=' {
		i++
	}
	for i < to && (m.s[i] == ' ' || m.s[i] == '\t') {
		i++
	}
	a, ok := nextArg(m.s, i, to)
	if !ok || a[0] != i {
		return
	}
	vs, ve := unquote(m.s, a)
	arg := m.s[vs:ve]
	sep := strings.IndexAny(arg, ":%")
	if sep <= 0 {
		return
	}
	m.value(vs+sep+1, ve, KindPassword)
}

func s0(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// secureString masks the plain text given to ConvertTo-SecureString, after
// it (-String 'x') or piped into it ('x' | ConvertTo-SecureString).
func (m *masker) secureString(ls, at, from, to int) {
	n := 0
	for a, ok := nextArg(m.s, from, to); ok && n < maxFlagArgs; a, ok = nextArg(m.s, a[1], to) {
		n++
		arg := m.s[a[0]:a[1]]
		if strings.EqualFold(arg, "-String") {
			continue
		}
		if arg == "|" || arg == ";" || arg == ")" {
			break
		}
		if strings.HasPrefix(arg, "-") {
			continue
		}
		vs, ve := unquote(m.s, a)
		m.value(vs, vs+len(strings.TrimRight(m.s[vs:ve], ")")), KindPassword)
		return
	}
	// Piped: the last quoted string before the pipe.
	p := m.lastPipe(ls, at)
	if p < 0 || m.piped == [2]int{ls + 1, p} {
		// The string before this pipe was read for a match before.
		return
	}
	m.piped = [2]int{ls + 1, p}
	left := m.s[ls:at]
	left = strings.TrimRight(left[:p], " \t")
	if left == "" {
		return
	}
	q := left[len(left)-1]
	if q != '"' && q != '\'' {
		return
	}
	open := strings.LastIndexByte(left[:len(left)-1], q)
	if open < 0 {
		return
	}
	m.value(ls+open+1, ls+len(left)-1, KindPassword)
}

// echoed masks what "echo PASSWORD |" pipes into the command at i.
func (m *masker) echoed(ls, at int) {
	p := m.lastPipe(ls, at)
	if p < 0 {
		return
	}
	e := m.lastEcho(ls, ls+p)
	if e < 0 {
		return
	}
	vs := ls + e + len("echo ")
	vs, ve := unquote(m.s, [2]int{vs, ls + p})
	m.value(vs, ve, KindPassword)
}

// toolName reads a program's name from a command-line argument:
// C:\Tools\PsExec64.exe is psexec64.
func toolName(arg string) string {
	arg = strings.Trim(arg, `"'`)
	if i := strings.LastIndexAny(arg, `\/`); i >= 0 {
		arg = arg[i+1:]
	}
	arg = strings.ToLower(arg)
	return strings.TrimSuffix(arg, ".exe")
}
