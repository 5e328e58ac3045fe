package booking

import (
	"fmt"
	"time"

	"startbridge/internal/errs"
)

// OpeningHours maps a weekday ("mon" … "sun") to its opening and closing
// time ("09:00", "18:00"); a weekday that is absent is closed. Times are
// read in the base point's zone; "24:00" closes at midnight.
type OpeningHours map[string][]string

// Weekdays are the keys of OpeningHours, Sunday first as time.Weekday counts.
var Weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Span is one day's opening, in minutes after local midnight.
type Span struct{ Open, Close int }

// On returns the opening of weekday d, false when closed.
func (h OpeningHours) On(d time.Weekday) (Span, bool) {
	v, ok := h[Weekdays[d]]
	if !ok || len(v) != 2 {
		return Span{}, false
	}
	o, err1 := clock(v[0])
	c, err2 := clock(v[1])
	if err1 != nil || err2 != nil || o >= c {
		return Span{}, false
	}
	return Span{o, c}, true
}

// check reports every problem of h under field.
func (h OpeningHours) check(v *errs.Invalid, field string) {
	if len(h) == 0 {
		v.Add(field, "booking.field.opening_hours", nil)
		return
	}
	for day, span := range h {
		known := false
		for _, w := range Weekdays {
			known = known || w == day
		}
		f := field + "." + day
		if !known || len(span) != 2 {
			v.Add(f, "booking.field.opening_hours", nil)
			continue
		}
		o, err1 := clock(span[0])
		c, err2 := clock(span[1])
		if err1 != nil || err2 != nil || o >= c {
			v.Add(f, "booking.field.opening_hours", nil)
		}
	}
}

// clock reads "HH:MM" as minutes after midnight, "24:00" included.
func clock(s string) (int, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("clock %q", s)
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil {
		return 0, fmt.Errorf("clock %q: %w", s, err)
	}
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("clock %q", s)
	}
	return h*60 + m, nil
}

// midnight is the start of t's calendar day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
}

// minutesOfDay is the wall-clock time of t in loc, in minutes after
// midnight: on a day with a daylight-saving change it is what the clock
// shows, not the time elapsed since midnight.
func minutesOfDay(t time.Time, loc *time.Location) int {
	l := t.In(loc)
	return l.Hour()*60 + l.Minute()
}

// wallTime is the instant the clock in loc shows minute m (0 … 1440) on
// day's date; ok is false for a time that does not exist that day (the hour
// skipped when clocks go forward).
func wallTime(day time.Time, m int, loc *time.Location) (time.Time, bool) {
	d := day.In(loc)
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, m, 0, 0, loc)
	return t, m == 1440 || minutesOfDay(t, loc) == m
}
