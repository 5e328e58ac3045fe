package api

import (
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/app"
	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/errs"
)

// listAudit pages through the audit log, newest first, for admins, with
// filters on action (exact, or a prefix ending in "."), object kind, actor
// and period.
func listAudit(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		if err := auth.Can(actor, auth.ViewAuditLog, auth.Target{}); err != nil {
			return err
		}
		f, err := auditFilter(r)
		if err != nil {
			return err
		}
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		before, err := page.AfterID()
		if err != nil {
			return err
		}
		entries, err := audit.Page(r.Context(), svc.DB, f, before, page.Fetch())
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, NewList(entries, page, func(e audit.Entry) string { return IDKey(e.ID) }))
	}
}

// auditFilter reads the query's filters, naming the parameter at fault.
func auditFilter(r *http.Request) (audit.Filter, error) {
	q := r.URL.Query()
	f := audit.Filter{Action: q.Get("action"), ObjectKind: q.Get("object_kind")}
	var v errs.Invalid
	if s := q.Get("actor_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			v.Add("actor_id", "field.integer", nil)
		}
		f.ActorID = id
	}
	for name, dst := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		if s := q.Get(name); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				v.Add(name, "field.datetime", nil)
			}
			*dst = t
		}
	}
	if len(f.Action) > 100 {
		v.Add("action", "field.too_long", map[string]any{"max": 100})
	}
	if len(f.ObjectKind) > 100 {
		v.Add("object_kind", "field.too_long", map[string]any{"max": 100})
	}
	return f, v.OrNil()
}
