package probes

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestStatusFieldsMatchTheRegexp checks the candidate search finds exactly
// the status fields the pattern finds on the whole text.
func TestStatusFieldsMatchTheRegexp(t *testing.T) {
	pieces := []string{"status", "status code", "statuscode", "http status", "http error", "response status code does not indicate success",
		": ", "=", "\"", " ", "401", "429", "5031", "x", "_", "\n", "substatus 401", "http errors", "status:\n  404"}
	r := rand.New(rand.NewSource(1))
	fixed := []string{"", "status: 401", "substatus: 401", "http status 503 and status code 429", "xstatus 401 status 402", "response status code does not indicate success: 401 (unauthorized)"}
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for n := r.Intn(12); n >= 0; n-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		fixed = append(fixed, b.String())
	}
	for _, text := range fixed {
		for _, max := range []int{1, 3, 100} {
			want := reStatusWord().FindAllStringSubmatchIndex(text, max)
			got := statusFields(text, max)
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (max %d): got %v, want %v", text, max, got, want)
			}
		}
	}
}

// FuzzStatusFields checks the candidate search against the pattern itself
// on any text.
func FuzzStatusFields(f *testing.F) {
	for _, s := range []string{"status: 401", "http status 503 and status code 429", "xstatus 401 status 402", "response status code does not indicate success: 401", "http error 500"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lower := asciiLower(text)
		want := reStatusWord().FindAllStringSubmatchIndex(lower, 5)
		got := statusFields(lower, 5)
		if (len(want) > 0 || len(got) > 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %v, want %v", lower, got, want)
		}
	})
}
