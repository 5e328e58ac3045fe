package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"startbridge/internal/ical"
)

// TestCalendarReadsBackInAnotherParser writes awkward text (commas,
// semicolons, newlines, long Korean and Chinese lines) and reads it with
// golang-ical, an independent parser.
func TestCalendarReadsBackInAnotherParser(t *testing.T) {
	start := time.Date(2027, 1, 5, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	summary := "회의실 A, 杭州全球创新中心孵化基地; Meeting room A"
	desc := strings.Repeat("판교로보틱스 西湖智能 ", 12) + "\nline two, with \\ backslash"
	var buf bytes.Buffer
	err := ical.Calendar{Name: "startbridge — 김민지", Events: []ical.Event{{
		UID: "booking-42@startbridge", Start: start, End: start.Add(time.Hour), Stamp: start.Add(-48 * time.Hour),
		Summary: summary, Description: desc, Location: "杭州市余杭区文一西路 1818 号", Status: "CONFIRMED", Sequence: 2,
	}}}.Write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets long", i+1, len(line))
		}
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatalf("golang-ical cannot parse it: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	e := events[0]
	if got := e.GetProperty(ics.ComponentPropertySummary).Value; unescape(got) != summary {
		t.Errorf("summary = %q, want %q", unescape(got), summary)
	}
	if got := e.GetProperty(ics.ComponentPropertyDescription).Value; unescape(got) != desc {
		t.Errorf("description = %q, want %q", unescape(got), desc)
	}
	got, err := e.GetStartAt()
	if err != nil || !got.Equal(start) {
		t.Errorf("start = %v (%v), want %v", got, err, start)
	}
	end, err := e.GetEndAt()
	if err != nil || !end.Equal(start.Add(time.Hour)) {
		t.Errorf("end = %v (%v)", end, err)
	}
	if e.Id() != "booking-42@startbridge" {
		t.Errorf("uid = %q", e.Id())
	}
}

// unescape undoes RFC 5545 TEXT escaping, which golang-ical leaves in
// property values.
func unescape(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(s)
}
