package httpx

import (
	"errors"
	"net/http"

	"startbridge/internal/errs"
)

// Outcome is how an error is shown: a status, a stable code, catalogue keys
// for its title and detail, and the fields at fault.
type Outcome struct {
	Status    int
	Code      string
	TitleKey  string
	DetailKey string
	Args      map[string]any
	Fields    []errs.FieldError
	Extra     map[string]any
	// Internal is true for failures that are our fault; they are logged and
	// shown with a generic message, never their own text.
	Internal bool
}

// Classify maps an error returned by a handler to its Outcome.
func Classify(err error) Outcome {
	var inv *errs.Invalid
	var coded *errs.Coded
	switch {
	case errors.As(err, &inv):
		return outcome(http.StatusBadRequest, "invalid", "error.invalid", func(o *Outcome) { o.Fields = inv.Fields })
	case errors.As(err, &coded):
		return Outcome{Status: coded.Status, Code: coded.Code, TitleKey: coded.Key + ".title",
			DetailKey: coded.Key + ".detail", Args: coded.Args, Extra: coded.Extra}
	case errors.Is(err, errs.ErrNotFound):
		return outcome(http.StatusNotFound, "not_found", "error.not_found", nil)
	case errors.Is(err, errs.ErrUnauthenticated):
		return outcome(http.StatusUnauthorized, "unauthenticated", "error.unauthenticated", nil)
	case errors.Is(err, errs.ErrForbidden):
		return outcome(http.StatusForbidden, "forbidden", "error.forbidden", nil)
	case errors.Is(err, errs.ErrStale):
		return outcome(http.StatusPreconditionFailed, "stale_version", "error.stale_version", nil)
	case errors.Is(err, errs.ErrConflict):
		return outcome(http.StatusConflict, "conflict", "error.conflict", nil)
	}
	o := outcome(http.StatusInternalServerError, "internal", "error.internal", nil)
	o.Internal = true
	return o
}

func outcome(status int, code, key string, more func(*Outcome)) Outcome {
	o := Outcome{Status: status, Code: code, TitleKey: key + ".title", DetailKey: key + ".detail"}
	if more != nil {
		more(&o)
	}
	return o
}
