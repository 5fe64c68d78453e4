package probes

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// Errors DecodeJWT wraps, so that a caller can tell a token it may not read
// (encrypted) from one that is damaged.
var (
	// ErrEncryptedToken is a JWE: five parts, readable only by its audience.
	ErrEncryptedToken = errors.New("the token is encrypted (JWE, five parts)")
	// ErrNotJWT is text that is not three dot-separated parts.
	ErrNotJWT = errors.New("not a JWT")
	// ErrDamagedToken is a JWT whose header or claims cannot be decoded.
	ErrDamagedToken = errors.New("the token's header or claims cannot be decoded")
)

// DecodedJWT is what a JWT says about itself, read without its key: a help
// desk needs the claims, never the signature's verdict.
type DecodedJWT struct {
	// Header is the JOSE header (alg, kid, typ…).
	Header map[string]any
	// Claims is the payload.
	Claims map[string]any
	// Notes say what was unusual in how the token was written: padding,
	// line breaks, a damaged signature, an unknown algorithm.
	Notes []string
}

// DecodeJWT reads a JWT's header and claims without verifying it. It is the
// one decoder deskside has: the jwt probe and the journal's redaction both
// use it, so a token one can read the other can too. It accepts tokens as
// documentation and chat windows show them: `=` padding on a part, standard
// base64 letters (+ and /), and spaces or line breaks inside the token.
func DecodeJWT(token string) (DecodedJWT, error) {
	compact := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r':
			return -1
		}
		return r
	}, token)
	var d DecodedJWT
	if compact != strings.TrimSpace(token) {
		d.Notes = append(d.Notes, "the token was broken across lines when copied; the pieces were joined")
	}
	parts := strings.Split(compact, ".")
	switch {
	case len(parts) == 5:
		return d, ErrEncryptedToken
	case len(parts) != 3:
		return d, fmt.Errorf("%w: %s, want 3", ErrNotJWT, Plural(len(parts), "dot-separated part", "dot-separated parts"))
	}
	padded := false
	seg := func(s string) ([]byte, error) {
		if strings.HasSuffix(s, "=") {
			padded = true
			s = strings.TrimRight(s, "=")
		}
		s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
		return base64.RawURLEncoding.DecodeString(s)
	}
	hb, err := seg(parts[0])
	if err == nil {
		err = json.Unmarshal(hb, &d.Header)
	}
	if err != nil || d.Header == nil {
		return d, fmt.Errorf("%w: header: %v", ErrDamagedToken, err)
	}
	cb, err := seg(parts[1])
	if err == nil {
		err = json.Unmarshal(cb, &d.Claims)
	}
	if err != nil || d.Claims == nil {
		return d, fmt.Errorf("%w: claims: %v", ErrDamagedToken, err)
	}
	if _, err := seg(parts[2]); err != nil {
		d.Notes = append(d.Notes, "the signature part is damaged (cut short when copied?); the claims are still shown")
	}
	if padded {
		d.Notes = append(d.Notes, "the token's parts carry = padding, which JWTs normally leave out; it was removed to read it")
	}
	if alg, _ := d.Header["alg"].(string); alg != "none" && jwt.GetSigningMethod(alg) == nil {
		d.Notes = append(d.Notes, "the signing algorithm is not one this tool knows; the claims are still shown")
	}
	return d, nil
}
