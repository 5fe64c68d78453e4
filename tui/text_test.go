package tui

import "testing"

func TestTruncate(t *testing.T) {
	cases := map[string]struct {
		in    string
		width int
		want  string
	}{
		"fits":                  {"OneDrive", 8, "OneDrive"},
		"cut at a word":         {"OneDrive Cache cleanup", 13, "OneDrive…"},
		"a long word is cut":    {"/home/operator/.local/state/deskside", 10, "/home/ope…"},
		"a space too early":     {"a verylongwordhere", 10, "a verylon…"},
		"styles kept":           {"\x1b[1mOneDrive Cache\x1b[0m", 12, "\x1b[1mOneDrive\x1b[0m…"},
		"no room":               {"OneDrive", 1, ""},
		"wide runes count wide": {"日本語 テキスト", 8, "日本語…"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := truncate(c.in, c.width); got != c.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 lines", 1: "1 line", 2: "2 lines"} {
		if got := plural(n, "line", "lines"); got != want {
			t.Errorf("plural(%d) = %q", n, got)
		}
	}
}
