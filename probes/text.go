package probes

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxPaste is the most pasted text a probe reads. The largest real paste,
// a whole `dsregcmd /status`, is a few kilobytes; anything far larger is a
// mistake and is cut rather than parsed for seconds.
const MaxPaste = 1 << 20

// decodeText turns command output or a paste into clean text: UTF-16 from a
// Windows pipe becomes UTF-8, a byte-order mark is dropped, CRLF becomes LF,
// and invalid bytes are replaced.
func decodeText(b []byte) string {
	if len(b) > MaxPaste {
		b = b[:MaxPaste]
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		b = utf16Bytes(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		b = utf16Bytes(b[2:], true)
	case looksUTF16LE(b):
		b = utf16Bytes(b, false)
	}
	s := string(b)
	s = strings.TrimPrefix(s, "\uFEFF")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// looksUTF16LE spots UTF-16 without a byte-order mark: ASCII text whose
// every second byte is zero.
func looksUTF16LE(b []byte) bool {
	n := min(len(b), 200)
	if n < 4 {
		return false
	}
	zeros := 0
	for i := 1; i < n; i += 2 {
		if b[i] == 0 {
			zeros++
		}
	}
	return zeros*10 >= (n/2)*9
}

func utf16Bytes(b []byte, bigEndian bool) []byte {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// binary reports text that is mostly control characters: a pasted file or
// image rather than text.
func binary(s string) bool {
	n, ctrl := 0, 0
	for _, r := range s {
		if n == 4096 {
			break
		}
		n++
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0xFFFD || r == 0x7F {
			ctrl++
		}
	}
	return n > 0 && ctrl*10 > n
}

// cleanText is decodeText for a string that may already be clean: one
// that is valid UTF-8 without a byte-order mark, carriage returns or NULs
// is returned as it is, without copying a long paste once per check.
func cleanText(raw string) string {
	if len(raw) <= MaxPaste && !strings.HasPrefix(raw, "\uFEFF") && strings.IndexByte(raw, '\r') < 0 &&
		strings.IndexByte(raw, 0) < 0 && utf8.ValidString(raw) {
		return raw
	}
	return decodeText([]byte(raw))
}

// prepare cleans pasted text and rejects what no parser should read. The
// second result is the Result to return instead, if any.
func prepare(raw, expected string) (string, *Result) {
	s := cleanText(raw)
	if strings.TrimSpace(s) == "" {
		r := errorResult(expected, "")
		return "", &r
	}
	if binary(s) {
		r := Result{Status: StatusError, Summary: fmt.Sprintf("The pasted text looks like binary data (%s), not text: expected %s.", Plural(len(raw), "byte", "bytes"), expected)}
		return "", &r
	}
	return s, nil
}

// hostOS is the OS a probe acts as running on.
func (in Input) hostOS() string {
	if in.OS != "" {
		return in.OS
	}
	return runtime.GOOS
}

// readPC gets a probe's text: the paste when there is one, otherwise the
// output of program run on this PC. The second result is the Result to
// return instead when neither is possible.
func readPC(ctx context.Context, in Input, d Description, program string, args ...string) (string, *Result) {
	if strings.TrimSpace(in.Text) != "" {
		return in.Text, nil
	}
	if d.OnlyOS != "" && in.hostOS() != d.OnlyOS {
		r := Result{Status: StatusUnavailable, Summary: fmt.Sprintf("%s runs only on the user's %s PC: unavailable on this machine — paste its output instead.", d.Program, titleOS(d.OnlyOS))}
		return "", &r
	}
	if in.Runner == nil {
		r := Result{Status: StatusUnavailable, Summary: fmt.Sprintf("Running %s is not allowed here: paste its output instead.", d.Program)}
		return "", &r
	}
	out, err := in.Runner.Run(ctx, program, args...)
	if err != nil && len(out) == 0 {
		r := Result{Status: StatusError, Summary: fmt.Sprintf("Could not read this PC: %v. Paste the output of %s instead.", err, d.Program)}
		return "", &r
	}
	return decodeText(out), nil
}

func titleOS(os string) string {
	switch os {
	case "windows":
		return "Windows"
	case "darwin":
		return "macOS"
	}
	return os
}

// yesNo reads a dsregcmd-style flag. It knows a few translations because
// pastes from localized tools have been seen.
func yesNo(v string) (bool, bool) {
	w := strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(w, " ("); i > 0 {
		w = w[:i]
	}
	switch w {
	case "yes", "true", "ja", "oui", "sì", "si", "sí", "sim", "tak", "evet", "да", "はい", "是":
		return true, true
	case "no", "false", "nein", "non", "não", "nej", "nee", "nie", "hayır", "нет", "いいえ", "否":
		return false, true
	}
	return false, false
}

// Plural says n things with the right form of the noun: "1 value",
// "2 values". Operator-facing counts go through it so that none reads
// "1 values" or "value(s)".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Shorten cuts s to n runes with an ellipsis, so a cut is never silent:
// the one cutter by characters for summaries, logs and listings (the
// wizard cuts by screen columns instead).
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// endSentence ends a summary with exactly one full stop, whatever the
// phrases it was built from ended with.
func endSentence(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ".") + "."
}
