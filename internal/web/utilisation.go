package web

import (
	"net/http"
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

func (b *bookingPages) utilisation(w http.ResponseWriter, r *http.Request) error {
	ctx, rq := r.Context(), httpx.From(r)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	bp, err := b.store.BasePoint(ctx, id)
	if err != nil {
		return err
	}
	if err := auth.Can(rq.User, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
		return err
	}
	loc := bp.Location()
	now := time.Now().In(loc)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	if m := r.URL.Query().Get("month"); m != "" {
		if from, err = time.ParseInLocation("2006-01", m, loc); err != nil {
			return errs.Field("month", "booking.field.month", nil)
		}
	}
	to := from.AddDate(0, 1, 0)
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
