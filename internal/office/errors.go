package office

import (
	"net/http"

	"startbridge/internal/errs"
)

// Refusals with their stable codes; the catalogue has office.error.<name>.
var (
	// ErrAlreadyDecided refuses a second decision on a request.
	ErrAlreadyDecided = errs.New(http.StatusConflict, "already_decided", "office.error.already_decided", nil)
	// ErrNotCancellable refuses to cancel a request that is over.
	ErrNotCancellable = errs.New(http.StatusConflict, "not_cancellable", "office.error.not_cancellable", nil)
	// ErrNotChangeable refuses to change a request that is decided other
	// than approved, or over.
	ErrNotChangeable = errs.New(http.StatusConflict, "not_changeable", "office.error.not_changeable", nil)
)

// errOfficeNotOpen refuses to approve into an office that is not open.
func errOfficeNotOpen(status OfficeStatus) error {
	return errs.New(http.StatusConflict, "office_not_open", "office.error.office_not_open",
		map[string]any{"status": string(status)})
}

// errExceedsOffice refuses a request for more desks than the office has at
// all: it could never fit, so it is not waitlisted.
func errExceedsOffice(desks, officeDesks int) error {
	return errs.New(http.StatusUnprocessableEntity, "exceeds_office", "office.error.exceeds_office",
		map[string]any{"desks": desks, "office_desks": officeDesks})
}

// errOverCapacity refuses to cut an office's desks below what is allocated
// in a month.
func errOverCapacity(month string, allocated int) error {
	e := errs.New(http.StatusConflict, "over_capacity", "office.error.over_capacity",
		map[string]any{"month": month, "allocated": allocated})
	e.Extra = map[string]any{"conflict": map[string]any{"month": month, "allocated": allocated}}
	return e
}

// errOfficeInUse refuses to close an office (or only propose it), or to
// move it to another city, while approved requests hold desks in it from
// month on.
func errOfficeInUse(status OfficeStatus, month string, requests int) error {
	e := errs.New(http.StatusConflict, "office_in_use", "office.error.office_in_use",
		map[string]any{"status": string(status), "month": month, "requests": requests})
	e.Extra = map[string]any{"conflict": map[string]any{"month": month, "requests": requests}}
	return e
}
