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
