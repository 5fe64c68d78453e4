package probes

import "testing"

// TestOneDriveAsRead covers tasklist's "no tasks" sentence wherever it
// stands in the paste, and the count of OneDrive processes.
func TestOneDriveAsRead(t *testing.T) {
	const row = `"OneDrive.exe","10236","Console","1","98,412 K"`
	cases := map[string]reading{
		"the sentence alone, copied without INFO:": {input: "No tasks are running which match the specified criteria.", status: StatusWarn,
			prefix: "OneDrive is not running", want: map[string]any{"onedrive.running": false}},
		"the sentence cut at its last word": {input: "INFO: No tasks are running", status: StatusWarn,
			prefix: "OneDrive is not running"},
		"one process": {input: row, status: StatusOK, prefix: "OneDrive is running.", want: map[string]any{"onedrive.running": true}},
		"two processes": {input: row + "\n" + `"OneDrive.exe","11872","Console","2","61,208 K"`, status: StatusOK,
			prefix: "OneDrive is running (2 processes: several users are signed in, or it is restarting)"},
	}
	checkReadings(t, OneDrive{}, cases)
}
