// Package errs names the few kinds of failure the domain reports, so that
// transports map them to statuses and translated messages without matching
// strings.
package errs

import (
	"errors"
	"fmt"
)

// Sentinel kinds; wrap them with fmt.Errorf("…: %w", errs.ErrNotFound).
var (
	ErrNotFound        = errors.New("not found")
	ErrUnauthenticated = errors.New("not signed in")
	ErrForbidden       = errors.New("forbidden")
	ErrConflict        = errors.New("conflict")
	ErrStale           = errors.New("stale version")
)

// FieldError is one problem with one input field. Key is a catalogue key;
// Args fill its {placeholders}.
type FieldError struct {
	Field string
	Key   string
	Args  map[string]any
}

// Invalid reports input that was refused before anything was stored.
type Invalid struct {
	Fields []FieldError
}

func (e *Invalid) Error() string {
	if len(e.Fields) == 0 {
		return "invalid input"
	}
	return fmt.Sprintf("invalid %s: %s", e.Fields[0].Field, e.Fields[0].Key)
}

// Add records a problem with field.
func (e *Invalid) Add(field, key string, args map[string]any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Key: key, Args: args})
}

// Has reports whether field already has a problem.
func (e *Invalid) Has(field string) bool {
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// OrNil returns e when it holds problems and nil otherwise, for
// `return v.OrNil()` at the end of a validation.
func (e *Invalid) OrNil() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Field builds an Invalid with one problem.
func Field(field, key string, args map[string]any) error {
	return &Invalid{Fields: []FieldError{{Field: field, Key: key, Args: args}}}
}

// Coded is a domain refusal with a stable machine-readable code such as
// over_capacity or deadline_passed. Key is the catalogue key of its message;
// Extra travels with the problem document (for example the overlapping
// period of a booking).
type Coded struct {
	Code   string
	Status int
	Key    string
	Args   map[string]any
	Extra  map[string]any
}

func (e *Coded) Error() string { return e.Code }

// New builds a Coded error.
func New(status int, code, key string, args map[string]any) *Coded {
	return &Coded{Code: code, Status: status, Key: key, Args: args}
}
