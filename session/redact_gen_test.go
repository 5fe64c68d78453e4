package session

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// The character sets generated secrets are drawn from.
const (
	alnum     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b64urlSet = alnum + "-_"
	b64Set    = alnum + "+/"
	// pwSet is what a password on a command line or in an unquoted
	// assignment may hold: no white space, quotes or backslash.
	pwSet = alnum + "!#$%^*_+=.,~@()[]{}?<>;:&|"
	// quotedSet adds what only a quoted value may hold.
	quotedSet = pwSet + " ;&'\"`"
	// clientSecretSet is the alphabet of Entra client secrets.
	clientSecretSet = alnum + "~._-"
)

// secretGen draws one shape of secret, written as people paste it, and
// returns the snippet and the secret parts that must not survive Redact.
type secretGen func(r *rand.Rand) (snippet string, secrets []string)

func randFrom(r *rand.Rand, set string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[r.IntN(len(set))]
	}
	return string(b)
}

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// randToken is an opaque token: at least one digit, upper and lower case,
// so that it reads as a token and not as a word.
func randToken(r *rand.Rand, set string, n int) string {
	return randFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + randFrom(r, "0123456789", 1) + randFrom(r, "abcdefghijklmnopqrstuvwxyz", 1) + randFrom(r, set, n-3)
}

// randPassword is a password that does not start like a flag or a path.
func randPassword(r *rand.Rand, set string, n int) string {
	return randFrom(r, alnum, 1) + randFrom(r, set, n-2) + randFrom(r, alnum, 1)
}

// quoteValue writes v in quotes q, escaped as JSON escaped depth times
// would: depth 0 is "v", 1 is \"v\", 2 is \\\"v\\\".
func quoteValue(q byte, depth int, v string) string {
	if q == '"' {
		for range depth + 1 {
			b, _ := json.Marshal(v)
			v = string(b[1 : len(b)-1])
		}
		// The value itself, escaped depth+1 times, sits between quotes
		// escaped depth times.
		bs := strings.Repeat(`\`, (1<<depth)-1)
		return bs + `"` + v + bs + `"`
	}
	return string(q) + v + string(q)
}

var secretNames = []string{"password", "Password", "DB_PASSWORD", "MYSQL_ROOT_PASSWORD", "pwd", "passwd", "client_secret", "clientSecret", "APP_CLIENT_SECRET", "secret", "refresh_token", "refreshToken", "access_token", "AccessToken", "id_token", "x-api-key", "api-key", "Ocp-Apim-Subscription-Key", "AccountKey", "SharedAccessKey", "apiKey"}

// secretGens are the shapes FuzzRedactInserted inserts.
var secretGens = map[string]secretGen{
	"field": func(r *rand.Rand) (string, []string) {
		name := pick(r, secretNames...)
		kind := nameKind(name)
		oneWord := kind == KindToken || kind == KindAPIKey
		sep := pick(r, "=", ": ", " = ", " : ", "=>", ":")
		switch pick(r, "bare", "quoted", "named-quoted", "json", "python") {
		case "quoted":
			v := randPassword(r, quotedSet, 8+r.IntN(40))
			q := pick[byte](r, '"', '\'')
			v = strings.ReplaceAll(v, string(q), "x")
			return name + sep + quoteValue(q, 0, v), []string{v}
		case "named-quoted":
			v := randPassword(r, quotedSet, 8+r.IntN(40))
			v = strings.ReplaceAll(v, `'`, "x")
			return "'" + name + "'" + sep + "'" + v + "'", []string{v}
		case "json":
			depth := r.IntN(3)
			v := randPassword(r, quotedSet, 8+r.IntN(40))
			if oneWord {
				v = randToken(r, b64urlSet+".~", 16+r.IntN(60))
			}
			q := quoteValue('"', depth, v)
			bs := (1 << depth) - 1
			return "{" + quoteValue('"', depth, name) + ":" + q + "}", []string{q[bs+1 : len(q)-bs-1]}
		case "python":
			v := randToken(r, b64urlSet+". ", 10+r.IntN(40))
			v = strings.TrimSpace(v)
			return "{'" + name + "': '" + v + "', 'scope': 'User.Read'}", []string{v}
		}
		v := randPassword(r, pwSet, 8+r.IntN(40))
		if oneWord {
			v = randToken(r, b64urlSet+".~+/=", 16+r.IntN(60))
		}
		return pick(r, "", "export ", "set ", "$env:") + name + sep + v, []string{v}
	},
	// prose is a password written in a sentence of a note or a paste.
	"prose": func(r *rand.Rand) (string, []string) {
		lead := pick(r, "the user's password is ", "her new password was ", "pwd: ", "Passwort: ", "password is now ",
			"she changed the password to ", "read the password as ", "PASSWORD IS ")
		tail := pick(r, "", " now", ", then it failed again.", ".", " (temporary)")
		if r.IntN(3) == 0 {
			q := pick(r, `"`, `'`, "“")
			end := map[string]string{`"`: `"`, `'`: `'`, "“": "”"}[q]
			v := strings.NewReplacer(`"`, "x", `'`, "x", `\`, "x", "”", "x").Replace(randPassword(r, pwSet+" ", 8+r.IntN(20)))
			return lead + q + v + end + tail, []string{v}
		}
		v := randToken(r, pwSet, 8+r.IntN(20))
		return lead + v + tail, []string{v}
	},
	"query": func(r *rand.Rand) (string, []string) {
		v := randToken(r, b64urlSet+".~%", 24+r.IntN(60))
		name := pick(r, "code", "client_secret", "password", "refresh_token", "sig", "client_assertion")
		return "https://login.example.com/cb?state=abc&" + name + "=" + v + "&session_state=1", []string{v}
	},
	"header": func(r *rand.Rand) (string, []string) {
		v := randToken(r, b64urlSet+"._~+/=", 16+r.IntN(60))
		switch r.IntN(4) {
		case 0:
			return "Authorization: " + pick(r, "Bearer ", "Basic ", "") + v, []string{v}
		case 1:
			v2 := randToken(r, b64urlSet, 12+r.IntN(30))
			return pick(r, "Cookie", "Set-Cookie", "cookie") + ": ESTSAUTH=" + v + "; buid=" + v2 + "; path=/", []string{v, v2}
		case 2:
			return pick(r, "Ocp-Apim-Subscription-Key", "x-api-key", "api-key", "X-Functions-Key") + ": " + v, []string{v}
		}
		return `curl -H "Authorization: Bearer ` + v + `" https://graph.microsoft.com/v1.0/me`, []string{v}
	},
	"command": func(r *rand.Rand) (string, []string) {
		v := randPassword(r, pwSet, 8+r.IntN(30))
		v = strings.NewReplacer("&&", "x", "|", "x", ";", "x").Replace(v)
		switch r.IntN(12) {
		case 0:
			return "cmdkey /generic:target /user:megan /pass:" + v, []string{v}
		case 1:
			return `cmdkey /add:srv /user:megan /pass:"` + strings.ReplaceAll(randPassword(r, quotedSet, 12), `"`, "x") + `"`, nil
		case 2:
			return `net use Z: \\srv01\share ` + v + ` /user:CONTOSO\megan`, []string{v}
		case 3:
			return `net use \\srv01\share /user:CONTOSO\megan ` + v, []string{v}
		case 4:
			return `PsExec64.exe \\ws01 -u CONTOSO\admin -p ` + v + ` cmd`, []string{v}
		case 5:
			return "curl -u megan:" + v + " https://api.example.com/", []string{v}
		case 6:
			return "az login -u megan@contoso.com -p '" + strings.ReplaceAll(v, "'", "x") + "'", []string{strings.ReplaceAll(v, "'", "x")}
		case 7:
			return "mysql -h db -u root -p" + v + " app", []string{v}
		case 8:
			return "sqlcmd -S sql01 -U sa -P " + v + ` -Q "select 1"`, []string{v}
		case 9:
			w := strings.ReplaceAll(v, "'", "x")
			return "$pw = ConvertTo-SecureString '" + w + "' -AsPlainText -Force", []string{w}
		case 10:
			return pick(r, "--client-secret ", "--password ", "-Password ", "--admin-password=", "/password:") + v, []string{v}
		}
		return "echo " + v + "| runas /user:CONTOSO\\admin cmd", []string{v}
	},
	"url": func(r *rand.Rand) (string, []string) {
		v := randPassword(r, alnum+"!$%*_+=.~-", 8+r.IntN(30))
		return pick(r, "https", "postgresql", "mongodb+srv", "ftp", "amqp") + "://svc:" + v + "@host.example.com:5432/db", []string{v}
	},
	"xml": func(r *rand.Rand) (string, []string) {
		v := strings.NewReplacer("<", "x", ">", "x", "&", "x", `"`, "x").Replace(randPassword(r, quotedSet, 8+r.IntN(30)))
		if r.IntN(2) == 0 {
			return "<Password>" + v + "</Password>", []string{v}
		}
		return `<add key="ClientSecret" value="` + v + `" />`, []string{v}
	},
	"har": func(r *rand.Rand) (string, []string) {
		v := randToken(r, b64urlSet+".~", 16+r.IntN(80))
		name := pick(r, "ESTSAUTH", "ESTSAUTHPERSISTENT", "buid", "fpc", "x-ms-cookie", "SignInStateCookie", "Authorization", "client_secret", "code")
		if r.IntN(2) == 0 {
			return `{"name": "` + name + `", "value": "` + v + `", "path": "/", "httpOnly": true}`, []string{v}
		}
		return `{"value":"` + v + `","name":"` + name + `"}`, []string{v}
	},
	"jwt": func(r *rand.Rand) (string, []string) {
		enc := base64.RawURLEncoding
		header := pick(r, `{"typ":"JWT","alg":"RS256","kid":"`+randFrom(r, alnum, 27)+`"}`, `{ "alg": "HS256", "typ": "JWT" }`, "{\n  \"alg\": \"ES256\"\n}", `{"alg":"dir","enc":"A256GCM"}`)
		claims := fmt.Sprintf(`{"aud":"https://graph.microsoft.com","tid":"%s","upn":"%s@contoso.com","exp":%d}`, randFrom(r, "0123456789abcdef", 32), randFrom(r, "abcdefghij", 8), 1700000000+r.IntN(1e8))
		h, c := enc.EncodeToString([]byte(header)), enc.EncodeToString([]byte(claims))
		sig := enc.EncodeToString([]byte(randFrom(r, alnum, 32+r.IntN(200))))
		tok := h + "." + c + "." + sig
		secrets := []string{c, sig}
		if strings.Contains(header, "enc") {
			iv, ct, tag := randToken(r, b64urlSet, 16), randToken(r, b64urlSet, 40+r.IntN(100)), randToken(r, b64urlSet, 22)
			tok = h + ".." + iv + "." + ct + "." + tag
			secrets = []string{ct, tag}
		}
		// A line break before the last part, as a copy from a narrow
		// window leaves it; after that, what follows is a piece of a
		// signature or tag, of no use alone.
		if r.IntN(2) == 0 {
			at := 1 + r.IntN(strings.LastIndexByte(tok, '.'))
			tok = tok[:at] + pick(r, "\n", "\r\n", "\n    ", "\n\t") + tok[at:]
		}
		return tok, secrets
	},
	"opaque": func(r *rand.Rand) (string, []string) {
		var v string
		switch r.IntN(5) {
		case 0:
			v = "0.AXoA" + randToken(r, b64urlSet, 20+r.IntN(40)) + strings.Repeat("A", r.IntN(30)) + "." + randToken(r, b64urlSet, 40+r.IntN(200)) + "." + randToken(r, b64urlSet, 20)
		case 1:
			v = randFrom(r, alnum, 3) + "8Q~" + randFrom(r, clientSecretSet, 28) + randToken(r, alnum, 6)
		case 2:
			v = randToken(r, b64Set, 60+r.IntN(40)) + "=="
		case 3:
			v = "M.C5" + randFrom(r, "0123456789", 2) + "_BAY.2.U." + randToken(r, b64urlSet+"!*$", 40+r.IntN(100))
		default:
			v = "ghp_" + randToken(r, alnum, 36)
		}
		return pick(r, "", "token ", "cookie value ", "the key is ") + v, []string{v}
	},
	"connection-string": func(r *rand.Rand) (string, []string) {
		if r.IntN(2) == 0 {
			v := randToken(r, b64Set, 86) + "=="
			return "DefaultEndpointsProtocol=https;AccountName=st1;AccountKey=" + v + ";EndpointSuffix=core.windows.net", []string{v}
		}
		v := randPassword(r, alnum+"!#$%^*_+=.~@ ", 8+r.IntN(30))
		return "Server=tcp:sql01,1433;User ID=app;" + pick(r, "Password", "Pwd", "password") + "=" + v + ";Encrypt=True", []string{v}
	},
	"pem": func(r *rand.Rand) (string, []string) {
		var b strings.Builder
		var lines []string
		b.WriteString("-----BEGIN " + pick(r, "", "RSA ", "EC ", "ENCRYPTED ") + "PRIVATE KEY-----\n")
		for range 2 + r.IntN(6) {
			l := randToken(r, b64Set, 64)
			lines = append(lines, l)
			b.WriteString(l + "\n")
		}
		b.WriteString("-----END PRIVATE KEY-----")
		return b.String(), lines
	},
}

// secretGenNames lists secretGens in a fixed order, for the fuzz target.
var secretGenNames = []string{"field", "query", "header", "command", "url", "xml", "har", "jwt", "opaque", "connection-string", "pem", "prose"}
