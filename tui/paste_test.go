package tui

import (
	"strings"
	"testing"
)

// TestPasteWithCarriageReturns checks a paste whose lines end the way
// terminals send them (a lone CR, or CR LF): the box holds lines, not
// "\x0d" text, and the checks read the lines.
func TestPasteWithCarriageReturns(t *testing.T) {
	for name, eol := range map[string]string{"CR": "\r", "CR LF": "\r\n"} {
		t.Run(name, func(t *testing.T) {
			m, _ := startedModel(t, 120, 40)
			text := strings.ReplaceAll(cmdkeyPaste, "\n", eol)
			m = press(t, m, runes("p"), paste(text))
			box := root(m).step.probe.paste.Value()
			if strings.Contains(box, `\x0d`) || strings.Count(box, "\n") < 4 {
				t.Fatalf("the paste box holds %q", box)
			}
			m = press(t, m, ctrlS)
			if n, _ := root(m).walk.Facts()["creds.office_count"].(int); n != 1 {
				t.Errorf("the cmdkey lines were not read: facts %v", root(m).walk.Facts())
			}
		})
	}
}

// TestEachPasteStartsEmpty checks that pressing p again on a step opens
// an empty box: a second paste is read alone, not after the first.
func TestEachPasteStartsEmpty(t *testing.T) {
	m, _ := startedModel(t, 120, 40)
	m = press(t, m, runes("p"), paste("Error 0x80070194: The cloud file provider exited unexpectedly."), ctrlS)
	m = press(t, m, runes("p"))
	if got := root(m).step.probe.paste.Value(); got != "" {
		t.Errorf("the second paste box opens holding %q", got)
	}
}

// TestPasteReadByEveryCheck checks that a paste the step's own check reads
// is still read by the other checks for their part: a platform's "please
// reconnect" label over the raw 429 gives both facts at once, so the next
// step needs no second paste.
func TestPasteReadByEveryCheck(t *testing.T) {
	m, _ := startedModel(t, 120, 40)
	text := "Flow run failed: The access token has expired. Please reconnect the connection.\n\nHTTP/1.1 429 Too Many Requests\nRetry-After: 38\nContent-Type: application/json\n\n{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}\n"
	m = press(t, m, runes("p"), paste(text), ctrlS)
	f := root(m).walk.Facts()
	if f["client.error_kind"] != "reconnect" {
		t.Errorf("the triage check did not read the label: %v", f)
	}
	if n, _ := f["http.status"].(int); n != 429 {
		t.Errorf("the response under the label was not read: %v", f)
	}
}
