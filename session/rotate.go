package session

import "strings"

// rotatable are the kinds of masked secret that stay valid where they
// were copied from (a script's log, a chat, a config file) and that only
// their owner can revoke.
var rotatable = []string{KindClientSecret, KindPassword, KindAPIKey, KindPrivateKey, KindSAS, KindToken, KindCookie}

// RotateAdvice says, when what was masked includes secrets that are still
// valid where they came from, that their owner should rotate them; ""
// otherwise. Masking keeps a secret out of the ticket, not out of the
// script log or chat the user copied it from.
func RotateAdvice(counts map[string]int) string {
	var found []string
	for _, k := range rotatable {
		if n := counts[k]; n > 0 {
			found = append(found, kindCount(n, k))
		}
	}
	if len(found) == 0 {
		return ""
	}
	list := found[0]
	if len(found) > 1 {
		list = strings.Join(found[:len(found)-1], ", ") + " and " + found[len(found)-1]
	}
	return "What was pasted held " + list + ". They are masked here, but whatever the user copied them from (a script's log, a chat, a config file) still holds them: ask their owner to rotate them."
}
