package office

import (
	"time"
)

// monthLayout is how months are written everywhere: YYYY-MM.
const monthLayout = "2006-01"

// parseMonth reads a YYYY-MM month.
func parseMonth(s string) (time.Time, bool) {
	t, err := time.Parse(monthLayout, s)
	if err != nil || t.Year() < 2000 || t.Year() > 2999 {
		return time.Time{}, false
	}
	return t, true
}

// ValidMonth reports whether s is a month written YYYY-MM.
func ValidMonth(s string) bool {
	_, ok := parseMonth(s)
	return ok
}

// AddMonths returns the month n months after m (before, for negative n).
func AddMonths(m string, n int) string {
	t, ok := parseMonth(m)
	if !ok {
		return m
	}
	return t.AddDate(0, n, 0).Format(monthLayout)
}

// MonthsFrom lists n months from start on.
func MonthsFrom(start string, n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, AddMonths(start, i))
	}
	return out
}

// MonthsBetween lists the months from from to to, both included; at most
// max of them.
func MonthsBetween(from, to string, max int) []string {
	var out []string
	for m := from; m <= to && len(out) < max; m = AddMonths(m, 1) {
		out = append(out, m)
	}
	return out
}

// MonthOf is the month of t in loc.
func MonthOf(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(monthLayout)
}
