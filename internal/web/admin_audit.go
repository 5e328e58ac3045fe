package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/httpx"
)

// adminAuditView is a page of the audit log with its filters.
type adminAuditView struct {
	Page
	Entries            []auditRow
	Action, ObjectKind string
	// More is the address of the next (older) page.
	More     string
	Filtered bool
}

// auditRow is one entry with its detail as readable JSON.
type auditRow struct {
	audit.Entry
	DetailText string
}

const auditPerPage = 50

// adminAudit shows the append-only log newest first, filtered by action
// (exact, or a prefix ending in ".") and object kind.
func (s *site) adminAudit(w http.ResponseWriter, r *http.Request) error {
	rq := httpx.From(r)
	if err := auth.Can(rq.User, auth.ViewAuditLog, auth.Target{}); err != nil {
		return err
	}
	q := r.URL.Query()
	v := &adminAuditView{Page: Page{Nav: "admin_audit"}, Action: q.Get("action"), ObjectKind: q.Get("object_kind")}
	v.Filtered = v.Action != "" || v.ObjectKind != ""
	before, err := cursor(q.Get("before"))
	if err != nil {
		return err
	}
	entries, err := audit.Page(r.Context(), s.svc.DB, audit.Filter{Action: v.Action, ObjectKind: v.ObjectKind}, before, auditPerPage+1)
	if err != nil {
		return err
	}
	if len(entries) > auditPerPage {
		entries = entries[:auditPerPage]
		next := q
		next.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		v.More = "/admin/audit?" + next.Encode()
	}
	for _, e := range entries {
		detail := string(e.Detail)
		var pretty any
		if json.Unmarshal(e.Detail, &pretty) == nil {
			if b, err := json.Marshal(pretty); err == nil {
				detail = string(b)
			}
		}
		if detail == "{}" || detail == "null" {
			detail = ""
		}
		v.Entries = append(v.Entries, auditRow{Entry: e, DetailText: detail})
	}
	return s.render(w, r, http.StatusOK, "admin_audit", v)
}
