package web

import (
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/i18n"
)

// span is a period shown in the base point's zone and, when it differs,
// in the viewer's.
type span struct {
	Local, LocalZone   string
	Viewer, ViewerZone string
}

// Same reports whether the viewer is in the base point's zone.
func (s span) Same() bool { return s.Viewer == "" }

// showSpan formats p in the base point's zone bp and the viewer's zone.
func showSpan(p *i18n.Printer, period booking.Period, bp, viewer *time.Location, wholeDays bool) span {
	out := span{Local: periodIn(p, period, bp, wholeDays), LocalZone: p.ZoneName(bp.String())}
	if bp.String() != viewer.String() {
		out.Viewer, out.ViewerZone = periodIn(p, period, viewer, wholeDays), p.ZoneName(viewer.String())
	}
	return out
}

// periodIn is "date hh:mm–hh:mm" (or "date – date" for whole days) in loc.
func periodIn(p *i18n.Printer, period booking.Period, loc *time.Location, wholeDays bool) string {
	in := *p
	in.Zone = loc
	start, end := period.Start.In(loc), period.End.In(loc)
	if wholeDays {
		last := end.AddDate(0, 0, -1)
		if last.YearDay() == start.YearDay() && last.Year() == start.Year() {
			return in.Date(start)
		}
		return in.Date(start) + " – " + in.Date(last)
	}
	if start.YearDay() == end.YearDay() || end.Equal(time.Date(start.Year(), start.Month(), start.Day()+1, 0, 0, 0, 0, loc)) {
		return p.DateTimeIn(start, loc) + "–" + end.Format("15:04")
	}
	return p.DateTimeIn(start, loc) + " – " + p.DateTimeIn(end, loc)
}
