package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
)

// ErrPreconditionRequired answers a PATCH that came without If-Match: the
// client must show which version it read, or it might overwrite changes it
// never saw.
var ErrPreconditionRequired = errs.New(http.StatusPreconditionRequired, "precondition_required",
	"error.precondition_required", nil)

// ETag is the entity tag of an object at version.
func ETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// SetETag labels the answer with the object's version.
func SetETag(w http.ResponseWriter, version int) {
	w.Header().Set("ETag", ETag(version))
}

// IfMatch returns the version the client's If-Match names, for the store to
// compare with the stored one in the same transaction as the write. Without
// the header it is a 428; a header that names no version of ours (a weak
// tag, "*", a list) cannot match and is a 412 stale_version.
func IfMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, ErrPreconditionRequired
	}
	quoted, ok := strings.CutPrefix(h, `"`)
	quoted, closed := strings.CutSuffix(quoted, `"`)
	version, err := strconv.Atoi(quoted)
	if !ok || !closed || err != nil || version < 1 {
		return 0, fmt.Errorf("if-match %q: %w", h, errs.ErrStale)
	}
	return version, nil
}

// editTarget reads what every PATCH of an object by id starts with: the
// caller, the object's id in the path and the version If-Match names.
func editTarget(r *http.Request) (actor *auth.User, id int64, version int, err error) {
	if actor, err = CurrentUser(r); err != nil {
		return nil, 0, 0, err
	}
	if id, err = PathID(r, "id"); err != nil {
		return nil, 0, 0, err
	}
	if version, err = IfMatch(r); err != nil {
		return nil, 0, 0, err
	}
	return actor, id, version, nil
}
