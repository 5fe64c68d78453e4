package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"deskside/session"
)

// StatsView draws session statistics for the terminal, with bars where a
// picture reads faster than numbers. Bars are characters, and every bar
// carries its number, so nothing depends on colour.
func StatsView(st *session.Stats, width int, r *lipgloss.Renderer) string {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	s := NewStyles(r)
	width = max(width, 50)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", s.Brand.Render("deskside stats"), s.Muted.Render(st.Dir))
	line := fmt.Sprintf("%s: %d finished, %d unfinished", plural(st.Sessions, "session", "sessions"), st.Finished, st.Unfinished)
	if st.Training > 0 || st.Unreadable > 0 {
		line += fmt.Sprintf(" (%d training runs and %d unreadable logs left out)", st.Training, st.Unreadable)
	}
	b.WriteString(wrapText(line, width) + "\n")

	section := func(name string) { b.WriteString("\n" + s.Label.Render(name) + "\n") }
	bars := func(rows []statRow) {
		if len(rows) == 0 {
			b.WriteString(s.Muted.Render("none") + "\n")
			return
		}
		most := 1
		labelW := 0
		for _, row := range rows {
			most = max(most, row.n)
			labelW = max(labelW, ansi.StringWidth(row.label))
		}
		labelW = min(labelW, width/2)
		barW := max(width-labelW-18, 5)
		for _, row := range rows {
			n := row.n * barW / most
			if row.n > 0 && n == 0 {
				n = 1
			}
			label := truncate(row.label, labelW)
			pad := strings.Repeat(" ", labelW-ansi.StringWidth(label))
			fmt.Fprintf(&b, "%s%s %s %s\n", label, pad, row.style.Render(strings.Repeat("█", n)), s.Muted.Render(row.value))
		}
	}

	section("Results")
	var rows []statRow
	for _, res := range st.Results {
		style := s.statusNone
		switch res.Result {
		case "resolved":
			style = s.statusOK
		case "escalate":
			style = s.statusWarn
		}
		rows = append(rows, statRow{res.Result, res.Count, fmt.Sprintf("%d · median %s", res.Count, session.Minutes(res.MedianSeconds)), style})
	}
	bars(rows)

	section("What ended the calls")
	rows = nil
	for _, o := range st.Outcomes {
		rows = append(rows, statRow{o.Title, o.Count, fmt.Sprintf("%d · median %s", o.Count, session.Minutes(o.MedianSeconds)), s.Label})
	}
	bars(rows)

	section("Most common paths")
	if len(st.Paths) == 0 {
		b.WriteString(s.Muted.Render("none") + "\n")
	}
	for _, p := range st.Paths {
		b.WriteString(fmt.Sprintf("%4d  ", p.Count) + truncate(strings.Join(p.Path, " › "), width-6) + "\n")
	}

	section("Answers most often taken back")
	rows = nil
	for _, st := range st.Backs {
		label := st.Node
		if st.Title != "" {
			label = st.Title
		}
		rows = append(rows, statRow{label, st.Count, fmt.Sprint(st.Count), s.Warn})
	}
	bars(rows)

	section("Checks that could not read their input")
	rows = nil
	for _, p := range st.Probes {
		rows = append(rows, statRow{p.Probe, int(p.ErrorRate * 1000), fmt.Sprintf("%.0f%% of %s", p.ErrorRate*100, plural(p.Runs, "run", "runs")), s.statusFail})
	}
	bars(rows)
	return b.String()
}

type statRow struct {
	label string
	n     int
	value string
	style lipgloss.Style
}
