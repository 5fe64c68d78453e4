package tui

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestCopyWithUsersMasked: on the outcome screen c copies the summary as
// the ticket needs it, naming the user, and m copies it with user names
// masked, keeping the domain.
func TestCopyWithUsersMasked(t *testing.T) {
	for key, want := range map[string]string{"c": "adele.vance@contoso.com", "m": "a…@contoso.com"} {
		t.Run(key, func(t *testing.T) {
			o, _ := testOptions(t)
			clip := &bytes.Buffer{}
			o.Clipboard = clip
			var m tea.Model = New(o)
			m = sized(t, m, 120, 40)
			m = press(t, m, enter, runes("n"))
			m = press(t, m, paste("signed in as adele.vance@contoso.com"), enter)
			m = press(t, m, runes("7"), runes(key))
			wantDialog(t, root(m), "Copy the Markdown summary")
			press(t, m, runes("y"))
			seq := clip.String()
			md, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\a"))
			if err != nil {
				t.Fatalf("clipboard got %q: %v", seq, err)
			}
			if !strings.Contains(string(md), want) {
				t.Errorf("the copied summary lacks %q:\n%s", want, md)
			}
			if key == "m" && strings.Contains(string(md), "adele") {
				t.Errorf("the masked copy names the user:\n%s", md)
			}
		})
	}
}
