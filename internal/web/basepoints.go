package web

import (
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// catalogueView lists the base points of every region with their
// resources, so a start-up of one side sees what the other side shares.
type catalogueView struct {
	Page
	Region  string
	Regions []option
	Points  []pointRow
	// CanCreate links staff to the form that opens a base point; Created
	// confirms one was.
	CanCreate bool
	Created   bool
	// Saved confirms a base point was changed.
	Saved bool
}

// pointRow is a base point with its region's name, its opening hours
// and its resources.
type pointRow struct {
	*booking.BasePoint
	RegionName text.Text
	Hours      []hoursRow
	// Now is the current time at the base point, beside the viewer's.
	Now       string
	Resources []*booking.Resource
	// CanManage shows the staff's links (utilisation).
	CanManage bool
}

// hoursRow is one weekday's opening.
type hoursRow struct {
	Day, Open, Close string
}

func (b *bookingPages) catalogue(w http.ResponseWriter, r *http.Request) error {
	ctx, rq := r.Context(), httpx.From(r)
	v := &catalogueView{Page: Page{Nav: "basepoints"}, Region: r.URL.Query().Get("region"),
		CanCreate: rq.User != nil && (rq.User.IsAdmin() || len(rq.User.StaffInstitutions()) > 0),
		Created:   r.URL.Query().Get("created") != "", Saved: r.URL.Query().Get("saved") != ""}
	regions, err := b.svc.Partners.Regions(ctx)
	if err != nil {
		return err
	}
	names := map[string]text.Text{}
	for _, rg := range regions {
		names[rg.Code] = rg.Name
		v.Regions = append(v.Regions, option{Value: rg.Code, Label: rg.Name.In(rq.P.Lang)})
	}
	if _, ok := names[v.Region]; v.Region != "" && !ok {
		return errs.Field("region", "field.region", nil)
	}
	points, err := b.store.BasePoints(ctx, v.Region, 0, 500)
	if err != nil {
		return err
	}
	for _, bp := range points {
		resources, err := b.store.Resources(ctx, booking.ResourceFilter{BasePointID: bp.ID}, 0, 500)
		if err != nil {
			return err
		}
		row := pointRow{BasePoint: bp, RegionName: names[bp.Region], Resources: resources,
			Now:       rq.P.DateTimeIn(time.Now(), bp.Location()),
			CanManage: auth.Can(rq.User, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}) == nil}
		for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
			if h, ok := bp.OpeningHours[d]; ok && len(h) == 2 {
				row.Hours = append(row.Hours, hoursRow{Day: d, Open: h[0], Close: h[1]})
			}
		}
		v.Points = append(v.Points, row)
	}
	return b.render(w, r, http.StatusOK, "basepoints", v)
}

// pathID reads an integer path value; anything else names nothing.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.ErrNotFound
	}
	return id, nil
}
