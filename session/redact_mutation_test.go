package session

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"maps"
	"strings"
	"testing"
)

// fakeKeyLike is a run that reads as random (every character changes
// class), long enough for the key-like detector. Built here, not a secret.
var fakeKeyLike = strings.Repeat("aB3", 14)

// TestMarkersFromAnEarlierPassStayAsTheyAre: text that went through
// redaction once and then gained a new secret (a note added to an exported
// log, a journal merged into another) is redacted again. The markers of the
// first pass are written back exactly, wherever they stand and in whatever
// order the two kinds come, and only the new secret is masked and counted.
func TestMarkersFromAnEarlierPassStayAsTheyAre(t *testing.T) {
	secret := "Zx8Q" + strings.Repeat("~k", 3) + ".fake-" + "value"
	tokenMark := "[jwt sha256:0011aabb… aud=https://graph.microsoft.com exp=1700000000]"
	// A marker whose claim reads as key-like: read as text, the key-like
	// detector would mask it.
	oddMark := "[jwt sha256:0011aabb… aud=" + fakeKeyLike + "]"
	for name, kept := range map[string]string{
		"token marker before a redacted marker": tokenMark + " failed; password=[redacted]; retried",
		"marker with a key-like claim first":    oddMark + " then Authorization: Bearer [redacted]",
		"two markers side by side":              "note [redacted]" + oddMark + " end",
		"redacted markers after a token marker": "was " + oddMark + " and [redacted], [redacted key-like string]",
	} {
		t.Run(name, func(t *testing.T) {
			in := kept + "\nclient_secret=" + secret
			want := kept + "\nclient_secret=[redacted]"
			got, counts := Redact(in)
			if got != want {
				t.Errorf("Redact:\n got %q\nwant %q", got, want)
			}
			if wantC := map[string]int{KindClientSecret: 1}; !maps.Equal(counts, wantC) {
				t.Errorf("counts %v, want %v", counts, wantC)
			}
		})
	}
}

// makeJWT builds a signed-looking token with the given claims and a fake
// signature, for tests only.
func makeJWT(claims string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(claims)) + "." + enc.EncodeToString([]byte("fake-signature-for-tests"))
}

// TestJWTMarkerShapes: what a ticket reader sees in place of a token. A
// token run on by characters a JWT does not hold (+ / ~) is masked whole,
// nothing of the run left beside the marker; a claim holding spaces,
// brackets or control characters is shown without them, so the marker stays
// one bracketed word per claim that no terminal acts on.
func TestJWTMarkerShapes(t *testing.T) {
	tok := makeJWT(`{"aud":"https://graph.microsoft.com","exp":1700000000}`)
	odd := makeJWT(`{"aud":"api://[x] y\u001b\u0007z","exp":1700000000}`)
	for name, c := range map[string]struct{ in, want string }{
		"run on by + / ~": {"got " + tok + "+q/rs~tu ok", "got [jwt sha256:" + fingerprint(tok) + "… aud=https://graph.microsoft.com exp=1700000000] ok"},
		"odd claim":       {"got " + odd + " ok", "got [jwt sha256:" + fingerprint(odd) + "… aud=api://xyz exp=1700000000] ok"},
	} {
		t.Run(name, func(t *testing.T) {
			got, counts := Redact(c.in)
			if got != c.want {
				t.Errorf("Redact:\n got %q\nwant %q", got, c.want)
			}
			if counts[KindJWT] != 1 || len(counts) != 1 {
				t.Errorf("counts %v, want one JWT", counts)
			}
		})
	}
}

// fingerprint is the first 8 hex digits of a token's SHA-256, as the
// marker shows it.
func fingerprint(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])[:8]
}

// TestShortHeaderJWTIsMasked: an unsigned token's header, {"alg":"none"},
// is 19 characters, shorter than the 24 the quick check reads before it
// must have met the first dot. The token is masked whole all the same.
func TestShortHeaderJWTIsMasked(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	header := enc([]byte(`{"alg":"none"}`))
	payload := enc([]byte(`{"aud":"https://graph.microsoft.com","exp":1700000000,"upn":"adele@contoso.example"}`))
	if len(header) >= 24 {
		t.Fatalf("the header is %d characters; the test needs a short one", len(header))
	}
	for _, tok := range []string{header + "." + payload + ".", header + "." + payload} {
		out, counts := Redact("Authorization: Bearer " + tok + " was sent")
		if strings.Contains(out, header) || strings.Contains(out, payload) || counts[KindJWT]+counts[KindAuthorization] == 0 {
			t.Errorf("the token %s…: got %q, counts %v", tok[:12], out, counts)
		}
		out, counts = Redact("token " + tok)
		if strings.Contains(out, header) || strings.Contains(out, payload) || counts[KindJWT] != 1 {
			t.Errorf("the token in prose: got %q, counts %v", out, counts)
		}
	}
}

// TestKeyLikeMetricAtItsEdges pins keyLike's measure on runs found near its
// threshold (random runs of the length the detector judges, searched for
// ones where each rule decides): a percent-encoded byte is skipped whole,
// a class change starts a unit except a capital's lower-case tail, and a
// unit weighs six characters at most.
func TestKeyLikeMetricAtItsEdges(t *testing.T) {
	for in, want := range map[string]bool{
		"YlBDGkyslPG%2FJhXepZaUrIzycBwCXYZdd": false, // "%2F" after a letter that is no hex digit is still skipped
		"s3lBJBerwxRcub%2F04qofzFbtvt5kkmtTW": false, // and so after one followed by two that are not
		"iS4Ne57SIj9IPsGLeJBgEYz1aHuiTYoY":    true,  // many class changes: many units
		"LFotCvfWxi8RqlNGCTcahMOHMYA4TJfS":    true,  // "CTcah": a capital run then lower case starts a new unit
		"PfwvBfZoHqssqxX7LEefPBJRHGUW0ptk":    false, // a six-letter unit weighs six
	} {
		if got := keyLike(in); got != want {
			t.Errorf("keyLike(%q) = %v, want %v", in, got, want)
		}
	}
	// A '%' without two hex digits after it is a separator like any
	// other, also at the very end of the run.
	for _, in := range []string{"q1w2E3r4T5y6U7i8O9p0AaSsDdFf%4", "q1w2E3r4T5y6U7i8O9p0AaSsDdFf%", "q1w2E3r4%zzT5y6U7i8O9p0AaSsDdFf"} {
		if got, want := keyLike(in), keyLike(strings.ReplaceAll(in, "%", "-")); got != want {
			t.Errorf("keyLike(%q) = %v, but with '-' for '%%' it is %v", in, got, want)
		}
	}
}

// TestKeyLikeThreshold: a run whose units average exactly 2.6 characters
// reads as words, one just under reads as random. "Ab12Cd345Efgh" is the
// units Ab, 12, Cd, 345, Efgh: 13 characters over 5 units.
func TestKeyLikeThreshold(t *testing.T) {
	if keyLike("Ab12Cd345Efgh") {
		t.Error("13 characters over 5 units (2.6 each) read as random")
	}
	if !keyLike("Ab12Cd345Efg") {
		t.Error("12 characters over 5 units (2.4 each) read as words")
	}
}

// TestCharacterClassesAtTheirEdges: the masker's letter and digit classes
// hold both ends of each range and nothing next to them.
func TestCharacterClassesAtTheirEdges(t *testing.T) {
	for _, c := range []struct {
		is      func(byte) bool
		in, out string
		name    string
	}{
		{isUpper, "AZ", "@[", "upper case"},
		{isLower, "az", "`{", "lower case"},
		{isDigit, "09", "/:", "digit"},
		{isHex, "09afAF", "/:`g@G", "a hex digit"},
	} {
		for i := range len(c.in) {
			if !c.is(c.in[i]) {
				t.Errorf("%q is %s", c.in[i], c.name)
			}
			if c.is(c.out[i]) {
				t.Errorf("%q is not %s", c.out[i], c.name)
			}
		}
	}
}

// TestTicketIDShapes: a ticket number is up to 12 letters, then digits
// in groups separated by '-', '_', '#', '/' or '.'; a word of 13 letters
// before the digits is not one.
func TestTicketIDShapes(t *testing.T) {
	for in, want := range map[string]bool{
		"INC0012345":       true,
		"CHG-2024-0001":    true,
		"Case_4711":        true,
		"REQ#88/2.1":       true,
		"ABCDEFGHIJKL-12":  true,  // 12 letters
		"ABCDEFGHIJKLM-12": false, // 13 letters
		"INC":              false, // no digit
		"INC-12a":          false, // a letter among the digits
		"-12":              true,
	} {
		if got := ticketID(in); got != want {
			t.Errorf("ticketID(%q) = %v, want %v", in, got, want)
		}
	}
}
