package probes

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// multiSeeds are pastes with several errors, responses or tokens, added to
// the real samples as seeds of the fuzz targets below.
var multiSeeds = []string{
	"AADSTS50076: MFA required. Trace ID: 11111111-0000-4000-8000-000000000001\nAADSTS50079: enrol. Trace ID: 11111111-0000-4000-8000-000000000002\n",
	"invalid_grant: 70000\ninvalid_grant: 70000\nMsalServiceException: see inner exception\n",
	"{\n\"error\": \"invalid_grant\",\n\"error_description\": \"AADSTS700082: expired\"\n}\n{\n\"error_description\": \"AADSTS50173: revoked\"\n}\n",
	"HTTP/1.1 429 Too Many Requests\nRetry-After: 10\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n",
	"status: 401\nstatus: 429\nHTTP/1.1 200 OK\n",
	"Authorization: Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjF9.\nAuthorization: Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjJ9.\n",
	"AADSTS1\nAADSTS\n{\nAADSTS50076\n{",
}

func multiCorpus(f *testing.F) {
	for _, s := range multiSeeds {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "probes", "real", "*.txt"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
}

// FuzzAADSTSSeveralErrors: whatever the paste, a count of errors comes
// with a primary code that is one of the codes found.
func FuzzAADSTSSeveralErrors(f *testing.F) {
	multiCorpus(f)
	f.Fuzz(func(t *testing.T, in string) {
		r := AADSTS{}.Run(context.Background(), Input{Text: in, Now: clock})
		n, ok := r.Facts["aadsts.error_count"].(int)
		if !ok {
			return
		}
		code, _ := r.Facts["aadsts.code"].(int)
		codes, _ := r.Facts["aadsts.codes"].([]string)
		if n < 2 || !slices.Contains(codes, strconv.Itoa(code)) {
			t.Fatalf("error_count %d, code %d, codes %v", n, code, codes)
		}
	})
}

// FuzzHTTPStatusSeveralResponses: a count of responses is at least two,
// and the status read is one an HTTP response can have.
func FuzzHTTPStatusSeveralResponses(f *testing.F) {
	multiCorpus(f)
	f.Fuzz(func(t *testing.T, in string) {
		r := HTTPStatus{}.Run(context.Background(), Input{Text: in, Now: clock})
		n, ok := r.Facts["http.response_count"].(int)
		if !ok {
			return
		}
		if st, _ := r.Facts["http.status"].(int); n < 2 || st < 100 || st > 599 {
			t.Fatalf("response_count %d with status %d", n, st)
		}
	})
}

// FuzzJWTSeveralTokens: a count of tokens is at least two and comes with
// the fingerprint of the token read.
func FuzzJWTSeveralTokens(f *testing.F) {
	multiCorpus(f)
	f.Fuzz(func(t *testing.T, in string) {
		r := JWT{}.Run(context.Background(), Input{Text: in, Now: clock})
		n, ok := r.Facts["jwt.token_count"].(int)
		if !ok {
			return
		}
		if _, fp := r.Facts["jwt.fingerprint"]; n < 2 || n > maxTokens || !fp {
			t.Fatalf("token_count %d, facts %v", n, r.Facts)
		}
	})
}
