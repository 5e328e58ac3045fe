// Package ical writes iCalendar (RFC 5545) calendars: a booking's or a
// meeting's .ics and the private feed of a person's events. It is pure: the
// capabilities turn their objects into Events, this package writes them
// with proper escaping, line folding and UTC times.
package ical

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ContentType is the media type of an iCalendar document.
const ContentType = "text/calendar; charset=utf-8"

// Event is one VEVENT.
type Event struct {
	// UID is globally unique and stable across updates, e.g.
	// "booking-42@startbridge".
	UID        string
	Start, End time.Time
	// Stamp is when the event was last changed (DTSTAMP, LAST-MODIFIED).
	Stamp                          time.Time
	Summary, Description, Location string
	URL                            string
	// Status is TENTATIVE, CONFIRMED or CANCELLED; empty leaves it out.
	Status string
	// Sequence counts revisions, so that programs take the newest.
	Sequence int
}

// Calendar is a VCALENDAR of events.
type Calendar struct {
	// Name is shown by calendar programs that read X-WR-CALNAME.
	Name   string
	Events []Event
}

// Write writes c to w as RFC 5545 text: CRLF line ends, lines folded at 75
// octets without splitting a character.
func (c Calendar) Write(w io.Writer) error {
	b := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//startbridge//startbridge calendar//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Escape(c.Name))
	}
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", Escape(e.UID))
		line("DTSTAMP", UTC(e.Stamp))
		line("LAST-MODIFIED", UTC(e.Stamp))
		line("DTSTART", UTC(e.Start))
		line("DTEND", UTC(e.End))
		line("SEQUENCE", itoa(e.Sequence))
		line("SUMMARY", Escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", Escape(e.Description))
		}
		if e.Location != "" {
			line("LOCATION", Escape(e.Location))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		if e.Status != "" {
			line("STATUS", e.Status)
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Flush()
}

// UTC formats t as an iCalendar UTC date-time, 20270105T020000Z.
func UTC(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Escape escapes a TEXT value: backslash, semicolon, comma and newlines.
func Escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes one content line, folding it into lines of at most 75
// octets; continuation lines begin with a space.
func writeFolded(b *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

func itoa(n int) string { return strconv.Itoa(n) }
