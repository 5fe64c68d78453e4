package session

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// hostileShapes build inputs of about n bytes that once made a detector
// read the text again from every match: repeated field names without
// values, long runs of quotes and backslashes, token starts that never
// finish. Each is one line unless the shape says otherwise.
var hostileShapes = []struct {
	name  string
	build func(tb testing.TB, n int) string
}{
	{"pwd-pwd", repeatTo("pwd: pwd:x1 ")},
	{"password-eq", repeatTo("password=")},
	{"token-colon", repeatTo("token:")},
	{"quotes-backslashes", repeatTo(`\"\\'` + "`" + `\\\"`)},
	{"password-then-quotes", func(_ testing.TB, n int) string { return `"password": "` + strings.Repeat(`\"`, n/2) }},
	{"eyJ", repeatTo("eyJ")},
	{"eyJ-dots", repeatTo("eyJhbGciOi.")},
	{"base64-word", base64Word},
	{"plus-eyAB", repeatTo("+eyAB")},
	{"eyAA-dots", repeatTo("eyAAAAAA.")},
	{"eyAB-lines", repeatTo("eyAB\n")},
	{"escaped-json", repeatTo(`{\\\\\\\"password\\\\\\\":\\\\\\\"`)},
	{"bearer", repeatTo("Authorization: Bearer ")},
	{"xml-password", repeatTo("<Password>")},
	{"a=b;", repeatTo("a=b;")},
	{"value-quoted", repeatTo(`"value":"`)},
	{"name-value", repeatTo(`{"name":"x","value":"`)},
	{"private-key", repeatTo("-----BEGIN PRIVATE KEY ")},
	{"password-for", repeatTo("password for x")},
	{"code-eq", repeatTo("?code=")},
	{"flag", repeatTo("--client-secret ")},
	{"marker", repeatTo("[jwt sha256:0011aabb… aud=")},
	{"prose", repeatTo("password is ")},
	{"curl-u", repeatTo(" -u ")},
	{"runas", repeatTo("runas ")},
	{"net-use", repeatTo("net use x ")},
	{"securestring", repeatTo("ConvertTo-SecureString ")},
	{"psexec", repeatTo("psexec -p ")},
	{"url-userinfo", repeatTo("a://b:c")},
	{"piped-securestring", func(_ testing.TB, n int) string {
		return "'" + strings.Repeat(" ", n/2) + "|" + repeatTo(" -ConvertTo-SecureString")(nil, n/2)
	}},
	{"echo-runas", func(_ testing.TB, n int) string {
		return "echo x" + strings.Repeat(" ", n/2) + "|" + repeatTo(" runas")(nil, n/2)
	}},
	{"ordinary", ordinaryText},
}

// repeatTo repeats unit to n bytes.
func repeatTo(unit string) func(testing.TB, int) string {
	return func(_ testing.TB, n int) string { return strings.Repeat(unit, n/len(unit)+1)[:n] }
}

// base64Word is one n-byte run of random base64 characters.
func base64Word(_ testing.TB, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// ordinaryText is the redaction cases' inputs, one after another, to n
// bytes: the pastes the wizard meets.
func ordinaryText(tb testing.TB, n int) string {
	var b strings.Builder
	for b.Len() < n {
		for _, tc := range readRedactCases(tb) {
			b.WriteString(tc.Input)
			b.WriteString("\n")
		}
	}
	return b.String()[:n]
}

// BenchmarkRedactHostile redacts each hostile shape at 64 KiB and 1 MiB.
// Redaction is linear when the 1 MiB input takes about 16 times as long
// as the 64 KiB one; a quadratic detector makes it 256 times. The ratio
// is reported, and a shape more than 64 times slower fails.
//
//	go test -run '^$' -bench RedactHostile -benchtime 1x ./session
func BenchmarkRedactHostile(b *testing.B) {
	for _, sh := range hostileShapes {
		b.Run(sh.name, func(b *testing.B) {
			small, big := sh.build(b, 64<<10), sh.build(b, 1<<20)
			var ts, tb time.Duration
			for b.Loop() {
				t0 := time.Now()
				Redact(small)
				t1 := time.Now()
				Redact(big)
				ts, tb = ts+t1.Sub(t0), tb+time.Since(t1)
			}
			ratio := float64(tb) / float64(max(ts, time.Microsecond))
			b.ReportMetric(float64(tb.Milliseconds())/float64(b.N), "ms/1MiB")
			b.ReportMetric(float64(ts.Microseconds())/float64(b.N)/1000, "ms/64KiB")
			b.ReportMetric(ratio, "ratio")
			if ratio > 64 && tb > 50*time.Millisecond*time.Duration(b.N) {
				b.Errorf("%s: 1 MiB takes %.0f times as long as 64 KiB (%v): a detector is not linear", sh.name, ratio, tb)
			}
		})
	}
}

// BenchmarkRedactHostileSmall measures the shapes at 64 and 256 KiB, fast
// enough to run where a quadratic detector would take minutes at 1 MiB.
func BenchmarkRedactHostileSmall(b *testing.B) {
	for _, sh := range hostileShapes {
		for _, n := range []int{64 << 10, 256 << 10} {
			b.Run(fmt.Sprintf("%s/%dKiB", sh.name, n>>10), func(b *testing.B) {
				in := sh.build(b, n)
				for b.Loop() {
					Redact(in)
				}
			})
		}
	}
}

// closingQuoteRef and oddQuotesRef are the plain readings of the text that
// masker.closingQuote and masker.oddQuotesBefore answer from memos and
// tables.
func closingQuoteRef(s string, i int, q byte, n int) int {
	end := lineEnd(s, i)
	for j := i; j < end; j++ {
		if s[j] != q {
			continue
		}
		b := 0
		for j-b-1 >= i && s[j-b-1] == '\\' {
			b++
		}
		if n == 0 && b%2 == 0 || n > 0 && b == n {
			return j - b
		}
	}
	return end
}

func oddQuotesRef(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '"' && (i == 0 || s[i-1] != '\\') {
			n++
		}
	}
	return n%2 == 1
}

// TestScanHelpersMatchPlainReading asks the remembering helpers the
// questions detectors ask, in rising and in random order, on random text
// made of quotes, backslashes and line breaks, and compares each answer
// with a plain reading of the text.
func TestScanHelpersMatchPlainReading(t *testing.T) {
	const alphabet = "\"\"''\\\\\\ a=\n\r&;"
	r := rand.New(rand.NewPCG(7, 11))
	for round := range 300 {
		b := make([]byte, 1+r.IntN(80))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		m := newMasker(s)
		for ask := range 200 {
			i := r.IntN(len(s) + 1)
			if ask < 100 {
				i = min(len(s), ask*len(s)/100) // rising, as detectors ask
			}
			q := "\"'"[r.IntN(2)]
			n := r.IntN(3)
			if got, want := m.closingQuote(i, q, n), closingQuoteRef(s, i, q, n); got != want {
				t.Fatalf("round %d: closingQuote(%q, %d, %q, %d) = %d, want %d", round, s, i, q, n, got, want)
			}
			if got, want := m.oddQuotesBefore(i), oddQuotesRef(s[lineStart(s, i):i]); got != want {
				t.Fatalf("round %d: oddQuotesBefore(%q, %d) = %v, want %v", round, s, i, got, want)
			}
			if got, want := m.lineEnd(i), lineEnd(s, i); got != want {
				t.Fatalf("round %d: lineEnd(%q, %d) = %d, want %d", round, s, i, got, want)
			}
			if got, want := m.lineStart(i), lineStart(s, i); got != want {
				t.Fatalf("round %d: lineStart(%q, %d) = %d, want %d", round, s, i, got, want)
			}
			if got, want := m.scanUntil(i, stopCode), scanUntil(s, i, " \t\r\n&\"'<>,;)}]\\"); got != want {
				t.Fatalf("round %d: scanUntil(%q, %d) = %d, want %d", round, s, i, got, want)
			}
			want := strings.Index(m.low[i:], "\\\"")
			if want >= 0 {
				want += i
			}
			if got := m.index(i, "\\\""); got != want {
				t.Fatalf("round %d: index(%q, %d) = %d, want %d", round, s, i, got, want)
			}
		}
	}
}

// TestRedactStepsPerByte holds the detectors' searches to a bounded number
// of reads per byte of the input on every hostile shape, at two sizes: a
// detector that read again from every match would read each byte of these
// lines once per match, thousands of times. It counts work, not time, so
// it holds on any machine.
func TestRedactStepsPerByte(t *testing.T) {
	const maxPerByte = 40
	for _, sh := range hostileShapes {
		for _, n := range []int{16 << 10, 256 << 10} {
			m := runDetectors(sh.build(t, n))
			if per := float64(m.steps) / float64(n); per > maxPerByte {
				t.Errorf("%s at %d KiB: %.1f reads per byte, want at most %d", sh.name, n>>10, per, maxPerByte)
			} else {
				t.Logf("%s at %d KiB: %.1f reads per byte", sh.name, n>>10, per)
			}
		}
	}
}
