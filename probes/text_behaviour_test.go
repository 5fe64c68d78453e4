package probes

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// utf16LE encodes s as a Windows pipe writes it: UTF-16, little-endian,
// without a byte-order mark.
func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// utf16BE is s in big-endian UTF-16, without a byte-order mark.
func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestDecodeTextReadsWindowsOutput: what a PC's command prints or a
// paste holds comes out as the text a person sees, whatever encoding it
// came in.
func TestDecodeTextReadsWindowsOutput(t *testing.T) {
	cases := map[string]struct {
		in   []byte
		want string
	}{
		"UTF-16LE with a byte-order mark": {append([]byte{0xFF, 0xFE}, utf16LE("AzureAdJoined : YES\r\n")...), "AzureAdJoined : YES\n"},
		"UTF-16BE with a byte-order mark": {append([]byte{0xFE, 0xFF}, utf16BE("AzureAdPrt : NO\r\n")...), "AzureAdPrt : NO\n"},
		// two characters are the fewest looksUTF16LE reads
		"UTF-16LE of two characters, no mark": {utf16LE("OK"), "OK"},
		// 9 of the 10 high bytes are zero: exactly the share that still
		// counts as UTF-16
		"UTF-16LE with one character outside Latin-1": {utf16LE("Status—401"), "Status—401"},
		"UTF-8 with a byte-order mark and CRLF":       {[]byte("\uFEFFHTTP/1.1 401\r\nRetry-After: 5\r\n"), "HTTP/1.1 401\nRetry-After: 5\n"},
		"a lone byte-order mark is not UTF-16":        {[]byte{0xFF, 0xFE}, ""},
		// one zero byte in seven is far from nine in ten
		"a stray NUL is not UTF-16": {[]byte("HTTP/1.1 401 \x00"), "HTTP/1.1 401 \x00"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := decodeText(tc.in); got != tc.want {
				t.Errorf("decodeText = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCleanTextIsDecodeText: cleanText only skips work; for every input it
// must give what decodeText gives, including the cut at MaxPaste.
func TestCleanTextIsDecodeText(t *testing.T) {
	long := strings.Repeat("status: 401\n", MaxPaste/12+10)
	cases := map[string]string{
		"clean text":                           "HTTP/1.1 401 Unauthorized\nRetry-After: 5\n",
		"CRLF from the first byte":             "\r\nHTTP/1.1 401 Unauthorized\r\n",
		"CRLF after the status line":           "HTTP/1.1 401 Unauthorized\r\nRetry-After: 5\r\n",
		"a UTF-8 byte-order mark":              "\uFEFFHTTP/1.1 429 Too Many Requests\n",
		"UTF-16LE pasted as bytes":             string(utf16LE("HTTP/1.1 403 Forbidden")),
		"UTF-16LE that starts with a NUL char": string(utf16LE("\x00HTTP/1.1 403 Forbidden")),
		"invalid UTF-8":                        "HTTP/1.1 401 \xff\xfe Unauthorized",
		"longer than MaxPaste":                 long,
		"exactly MaxPaste":                     long[:MaxPaste],
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			got, want := cleanText(in), decodeText([]byte(in))
			if got != want {
				t.Errorf("cleanText gives %d bytes (%q…), decodeText %d (%q…)", len(got), Shorten(got, 30), len(want), Shorten(want, 30))
			}
			if len(got) > MaxPaste || strings.ContainsRune(got, '\r') {
				t.Errorf("cleanText left %d bytes or a carriage return", len(got))
			}
		})
	}
}

// TestColouredOutputIsNotBinary: a status line with terminal colour codes
// is text while at most one character in ten is a control character.
func TestColouredOutputIsNotBinary(t *testing.T) {
	cases := map[string]struct {
		in     string
		binary bool
	}{
		"two escapes in 20 characters": {"HTTP/1.1 401\x1b[1m\x1b[0m", false},
		"two escapes in 19 characters": {"HTTP/1.1 401\x1b[1m\x1b[m", true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := HTTPStatus{}.Run(context.Background(), Input{Text: tc.in, Now: clock})
			isBinary := strings.Contains(r.Summary, "looks like binary data")
			if isBinary != tc.binary {
				t.Errorf("%d characters: summary %q, want binary=%v", utf8.RuneCountInString(tc.in), r.Summary, tc.binary)
			}
			if !tc.binary && (r.Status != StatusFail || r.Facts["http.status"] != 401) {
				t.Errorf("status %s, facts %v: want the 401 read", r.Status, r.Facts)
			}
		})
	}
}

// TestShortenSignsEveryCut: text that fits is left alone; text that does
// not is cut to n characters, the last being "…".
func TestShortenSignsEveryCut(t *testing.T) {
	cases := []struct {
		s    string
		n    int
		want string
	}{
		{"InvalidAuthenticationToken", 26, "InvalidAuthenticationToken"},
		{"InvalidAuthenticationToken", 27, "InvalidAuthenticationToken"},
		{"InvalidAuthenticationToken", 12, "InvalidAuth…"},
		{"Jérôme Müller", 6, "Jérôm…"},
	}
	for _, tc := range cases {
		got := Shorten(tc.s, tc.n)
		if got != tc.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > tc.n {
			t.Errorf("Shorten(%q, %d) has %d characters", tc.s, tc.n, n)
		}
	}
}
