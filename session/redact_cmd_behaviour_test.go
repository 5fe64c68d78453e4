package session

import (
	"maps"
	"testing"
)

// TestCommandLinePasswordsInPlaces redacts command lines an operator
// pastes from a script or a history, where a password follows a flag with
// no field name to give it away: it is masked, the rest of the line (host,
// user, the command that follows) stays readable, and a flag that only
// asks for the password masks nothing.
func TestCommandLinePasswordsInPlaces(t *testing.T) {
	pw := "Ex4mple" + "-Pass" + "word"
	pw2 := "Sum" + "mer" + "2024"
	for name, c := range map[string]struct {
		in, want string
		n        int // passwords counted
	}{
		"xfreerdp /p:":              {"xfreerdp /v:rds01 /u:alice /p:" + pw + " /cert:ignore", "xfreerdp /v:rds01 /u:alice /p:[redacted] /cert:ignore", 1},
		"xfreerdp /p: with nothing": {"xfreerdp /v:rds01 /u:alice /p: /cert:ignore", "xfreerdp /v:rds01 /u:alice /p: /cert:ignore", 0},
		"winrs quoted -p:":          {`winrs -r:srv01 -u:alice -p:"` + pw + `" ipconfig`, `winrs -r:srv01 -u:alice -p:"[redacted]" ipconfig`, 1},
		"mysql -p attached":         {"mysql -u root -p" + pw2 + " crm", "mysql -u root -p[redacted] crm", 1},
		"mysql -p alone asks":       {"mysql -u root -p crm", "mysql -u root -p crm", 0},
		"mysql -p then a flag":      {"mysqldump -p--all-databases", "mysqldump -p--all-databases", 0},
		"net user then more":        {"net user alice " + pw2 + " /add && net localgroup administrators alice /add", "net user alice [redacted] /add && net localgroup administrators alice /add", 1},
		"curl --user=":              {"curl --user=alice:" + pw2 + " https://contoso.sharepoint.com/", "curl --user=alice:[redacted] https://contoso.sharepoint.com/", 1},
		"curl --user= quoted":       {`curl --user="alice:` + pw2 + `" https://contoso.sharepoint.com/`, `curl --user="alice:[redacted]" https://contoso.sharepoint.com/`, 1},
	} {
		t.Run(name, func(t *testing.T) {
			got, counts := Redact(c.in)
			if got != c.want {
				t.Errorf("Redact:\n got %q\nwant %q", got, c.want)
			}
			var want map[string]int
			if c.n > 0 {
				want = map[string]int{KindPassword: c.n}
			}
			if !maps.Equal(counts, want) {
				t.Errorf("counts %v, want %v", counts, want)
			}
		})
	}
}
