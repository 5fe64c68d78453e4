package session

import (
	"maps"
	"testing"
)

// TestFieldValuesOfOtherShapes: a secret in an XML element that carries
// attributes is masked up to its closing tag, which stays; a password
// given as a bare JSON number, negative or not, is masked up to the comma,
// and the fields after it stay readable.
func TestFieldValuesOfOtherShapes(t *testing.T) {
	digits := "1234" + "5678"
	for name, c := range map[string]struct {
		in, want string
		counts   map[string]int
	}{
		"element with an attribute": {
			"<add key=\"Tenant\" value=\"contoso\" />\n<ClientSecret Type=\"plain\">abc" + digits + "XYZ</ClientSecret>",
			"<add key=\"Tenant\" value=\"contoso\" />\n<ClientSecret Type=\"plain\">[redacted]</ClientSecret>",
			map[string]int{KindClientSecret: 1},
		},
		// The password word in the tag is the element's name, not a
		// sentence: the closing tag stays and the value counts once.
		"password element": {
			"<Password>Ex4mple" + digits + "</Password>",
			"<Password>[redacted]</Password>",
			map[string]int{KindPassword: 1},
		},
		"password element with an attribute": {
			"<Password encrypted=\"false\">Ex4mple" + digits + "</Password> next",
			"<Password encrypted=\"false\">[redacted]</Password> next",
			map[string]int{KindPassword: 1},
		},
		"password element, another element after it": {
			"<Password>Ex4mple" + digits + "</Password><User>Adm1n</User>",
			"<Password>[redacted]</Password><User>Adm1n</User>",
			map[string]int{KindPassword: 1},
		},
		"bare number": {
			`{"password": ` + digits + `, "user": "alice"}`,
			`{"password": [redacted], "user": "alice"}`,
			map[string]int{KindPassword: 1},
		},
		"bare negative number": {
			`{"password": -` + digits + `, "user": "alice"}`,
			`{"password": [redacted], "user": "alice"}`,
			map[string]int{KindPassword: 1},
		},
	} {
		t.Run(name, func(t *testing.T) {
			got, counts := Redact(c.in)
			if got != c.want {
				t.Errorf("Redact:\n got %q\nwant %q", got, c.want)
			}
			if !maps.Equal(counts, c.counts) {
				t.Errorf("counts %v, want %v", counts, c.counts)
			}
		})
	}
}
