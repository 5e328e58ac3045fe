package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// utilisationView shows, per resource of a base point, how much of a
// month's open time was booked.
type utilisationView struct {
	Page
	BasePoint  *booking.BasePoint
	Month      string
	Prev, Next string
	Rows       []useRow
}

// useRow is one resource's month in hours (or days) and percent.
type useRow struct {
	Resource              *booking.Resource
	Booked, Pending, Open int64
	Percent               int
}

// baseMonth reads the base point in the path, for its staff, and the month
// asked for (?month=, the current one in the base point's zone by
// default) as [from, to).
func (b *bookingPages) baseMonth(r *http.Request) (bp *booking.BasePoint, from, to time.Time, err error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, from, to, err
	}
	if bp, err = b.store.BasePoint(r.Context(), id); err != nil {
		return nil, from, to, err
	}
	if err := auth.Can(httpx.From(r).User, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
		return nil, from, to, err
	}
	loc := bp.Location()
	now := time.Now().In(loc)
	from = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	if m := r.URL.Query().Get("month"); m != "" {
		if from, err = time.ParseInLocation("2006-01", m, loc); err != nil {
			return nil, from, to, errs.Field("month", "booking.field.month", nil)
		}
	}
	return bp, from, from.AddDate(0, 1, 0), nil
}

func (b *bookingPages) utilisation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	bp, from, to, err := b.baseMonth(r)
	if err != nil {
		return err
	}
	uses, err := b.store.Utilisation(ctx, bp, from, to)
	if err != nil {
		return err
	}
	v := &utilisationView{Page: Page{Nav: "basepoints"}, BasePoint: bp, Month: from.Format("2006-01"),
		Prev: from.AddDate(0, -1, 0).Format("2006-01"), Next: to.Format("2006-01")}
	for _, u := range uses {
		per := int64(60)
		if u.Resource.WholeDays {
			per = 1440
		}
		v.Rows = append(v.Rows, useRow{Resource: u.Resource, Booked: u.BookedMinutes / per, Pending: u.PendingMinute / per,
			Open: u.OpenMinutes / per, Percent: u.Percent()})
	}
	return b.render(w, r, http.StatusOK, "utilisation", v)
}

// utilisationExport returns the handler that sends the month's bookings of
// a base point (?month=, the current one by default), with their
// resources and start-ups and times in the base point's zone, as a CSV
// file or an XLSX workbook, for its staff.
func (b *bookingPages) utilisationExport(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		bp, from, to, err := b.baseMonth(r)
		if err != nil {
			return err
		}
		loc := bp.Location()
		lines, more, err := b.store.BookingsBetween(r.Context(), httpx.From(r).User, bp, from, to)
		if err != nil {
			return err
		}
		header := []string{"booking_id", "resource_id", "resource_ko", "resource_zh", "resource_en", "startup_id",
			"startup_ko", "startup_zh", "startup_en", "start", "end", "time_zone", "quantity", "status", "note"}
		var rows [][]string
		for _, l := range lines {
			rows = append(rows, []string{strconv.FormatInt(l.ID, 10), strconv.FormatInt(l.ResourceID, 10),
				l.Resource.Ko, l.Resource.Zh, l.Resource.En, strconv.FormatInt(l.StartupID, 10), l.Startup.Ko, l.Startup.Zh, l.Startup.En,
				l.Start.In(loc).Format("2006-01-02 15:04"), l.End.In(loc).Format("2006-01-02 15:04"), loc.String(),
				strconv.Itoa(l.Quantity), string(l.Status), l.Note})
		}
		return sendTable(w, fmt.Sprintf("basepoint-%d-bookings-%s", bp.ID, from.Format("2006-01")), format, header, rows, more)
	}
}
