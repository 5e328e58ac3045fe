package errs_test

import (
	"errors"
	"fmt"
	"testing"

	"startbridge/internal/errs"
)

func TestWrappedKindsAreRecognised(t *testing.T) {
	err := fmt.Errorf("load user: %w", errs.ErrNotFound)
	if !errors.Is(err, errs.ErrNotFound) {
		t.Errorf("errors.Is(%v, ErrNotFound) = false", err)
	}
	var inv *errs.Invalid
	if !errors.As(fmt.Errorf("sign up: %w", errs.Field("email", "field.email", nil)), &inv) || inv.Fields[0].Field != "email" {
		t.Errorf("errors.As did not find the invalid field")
	}
}

func TestOrNilIsNilWithoutProblems(t *testing.T) {
	var v errs.Invalid
	if v.OrNil() != nil {
		t.Error("empty Invalid.OrNil() != nil")
	}
	v.Add("name", "field.required", nil)
	if v.OrNil() == nil || !v.Has("name") {
		t.Error("Invalid with a problem reported none")
	}
}
