package probes

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestDecodeJWT(t *testing.T) {
	tok := makeToken(t, jwt.MapClaims{"aud": "https://graph.microsoft.com", "exp": testNow.Unix(), "tid": testTenant})
	parts := strings.Split(tok, ".")
	pad := func(s string) string { return s + strings.Repeat("=", (4-len(s)%4)%4) }
	cases := map[string]struct {
		in    string
		err   error
		note  string // a phrase one note must contain
		clean bool   // no notes at all
	}{
		"plain":             {in: tok, clean: true},
		"padded":            {in: pad(parts[0]) + "." + pad(parts[1]) + "." + pad(parts[2]), note: "= padding"},
		"broken lines":      {in: tok[:30] + "\n" + tok[30:70] + "\r\n  " + tok[70:], note: "broken across lines"},
		"damaged signature": {in: parts[0] + "." + parts[1] + ".a", note: "signature part is damaged"},
		"unknown alg":       {in: "eyJhbGciOiJYWVoifQ." + parts[1] + "." + parts[2], note: "algorithm is not one this tool knows"},
		"unsigned":          {in: "eyJhbGciOiJub25lIn0." + parts[1] + ".", clean: true},
		"encrypted":         {in: "a.b.c.d.e", err: ErrEncryptedToken},
		"two parts":         {in: parts[0] + "." + parts[1], err: ErrNotJWT},
		"claims not JSON":   {in: "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", err: ErrDamagedToken},
		"header not JSON":   {in: "bm90IGpzb24." + parts[1] + "." + parts[2], err: ErrDamagedToken},
		"claims an array":   {in: parts[0] + ".WzFd." + parts[2], err: ErrDamagedToken},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := DecodeJWT(tc.in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Claims["tid"] != testTenant {
				t.Errorf("claims %v", d.Claims)
			}
			if tc.clean && len(d.Notes) > 0 {
				t.Errorf("notes %q, want none", d.Notes)
			}
			if tc.note != "" && !strings.Contains(strings.Join(d.Notes, "|"), tc.note) {
				t.Errorf("notes %q do not say %q", d.Notes, tc.note)
			}
		})
	}
}

func TestClaimTime(t *testing.T) {
	at := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		in   any
		want *time.Time
		odd  string
	}{
		"number":         {in: float64(at.Unix()), want: &at},
		"digits as text": {in: "1795082400", want: &at, odd: "written as text"},
		"RFC 3339 text":  {in: "2026-11-19T11:00:00+01:00", want: &at, odd: "written as a date"},
		"unreadable":     {in: "tomorrow", odd: "could not be read"},
		"absent":         {in: nil},
		"zero text":      {in: "0", odd: "could not be read"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, odd := claimTime(tc.in)
			if (got == nil) != (tc.want == nil) || got != nil && !got.Equal(*tc.want) {
				t.Errorf("time %v, want %v", got, tc.want)
			}
			if tc.odd == "" && odd != "" || !strings.Contains(odd, tc.odd) {
				t.Errorf("odd %q, want %q", odd, tc.odd)
			}
		})
	}
}
