package session

import (
	"reflect"
	"testing"
)

func TestFillPacket(t *testing.T) {
	answers := []Answered{
		{Step: 2, Label: "Yes: office.com works and other apps are signed in", Sets: map[string]any{"answer.office_web_loads": true}},
		{Step: 5, Label: "No: it fails on the phone's hotspot too", Sets: map[string]any{"answer.other_network_works": false}},
	}
	cases := map[string]struct {
		item    string
		facts   map[string]any
		answers []Answered
		want    []string
	}{
		"an answer on the path answers the item": {
			item: "Whether https://login.microsoftonline.com and https://office.com load", answers: answers,
			want: []string{"answered at step 2: Yes: office.com works and other apps are signed in"}},
		"a second answer answers another item": {
			item: "That the same PC works on another network", answers: answers,
			want: []string{"answered at step 5: No: it fails on the phone's hotspot too"}},
		"the call's own times never tick the error's time": {
			item: "The error code and the time it appeared in UTC", facts: map[string]any{}, answers: answers,
			want: nil},
		"the error's time read from a paste does": {
			item:  "The error code and the time it appeared in UTC",
			facts: map[string]any{"aadsts.code": 50173, "aadsts.timestamp": "2026-11-19T10:01:00Z"},
			want:  []string{"aadsts.timestamp = 2026-11-19T10:01:00Z", "aadsts.code = 50173"}},
		"an answer that set another fact does not count": {
			item: "Whether reconnecting helped, and for how long", answers: answers, want: nil},
		"a fact and an answer both count, facts first": {
			item:    "The HTTP status and the full error body",
			facts:   map[string]any{"http.status": 401},
			answers: []Answered{{Step: 2, Label: "Yes, 401 Unauthorized", Sets: map[string]any{"answer.status_confirmed": true, "http.status": 401}}},
			want:    []string{"http.status = 401", "answered at step 2: Yes, 401 Unauthorized"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := FillPacket([]string{tc.item}, tc.facts, tc.answers)
			if len(got) != 1 || got[0].Item != tc.item {
				t.Fatalf("got %+v", got)
			}
			if !reflect.DeepEqual(got[0].Evidence, tc.want) {
				t.Errorf("evidence %q, want %q", got[0].Evidence, tc.want)
			}
			if got[0].Collected() != (len(tc.want) > 0) {
				t.Errorf("collected = %v", got[0].Collected())
			}
		})
	}
}
