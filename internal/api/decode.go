package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"startbridge/internal/errs"
)

// MaxBodyBytes bounds a JSON request body. Uploads (pitch decks) have their
// own endpoints and limits; no JSON document of ours comes near this.
const MaxBodyBytes = 1 << 20

// BodyField is the errors[].field of a fault that belongs to the request
// body as a whole (malformed JSON, a top-level value of the wrong type).
const BodyField = "body"

// ErrTooLarge refuses a body longer than MaxBodyBytes.
var ErrTooLarge = errs.New(http.StatusRequestEntityTooLarge, "too_large", "error.too_large",
	map[string]any{"max": MaxBodyBytes >> 10})

// ErrUnsupportedMediaType refuses a body that is declared as something
// other than JSON.
var ErrUnsupportedMediaType = errs.New(http.StatusUnsupportedMediaType, "unsupported_media_type",
	"error.unsupported_media_type", nil)

// Decode reads the request body as exactly one JSON value into dst, a
// pointer. Malformed JSON, unknown fields and values of the wrong type are
// an *errs.Invalid naming each field at fault ("roles[0].institution_id"),
// so the caller learns what to fix in their language, never a 500.
func Decode(w http.ResponseWriter, r *http.Request, dst any) error {
	body, err := ReadBody(w, r)
	if err != nil {
		return err
	}
	return DecodeBytes(body, dst)
}

// ReadBody reads the whole request body, refusing one that is not JSON or
// is longer than MaxBodyBytes.
func ReadBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if !jsonMediaType(r.Header.Get("Content-Type")) {
		return nil, ErrUnsupportedMediaType
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, ErrTooLarge
	}
	if err != nil {
		// The body was cut off on the way; what arrived is not a document.
		return nil, errs.Field(BodyField, "field.malformed", nil)
	}
	return body, nil
}

// DecodeBytes is Decode on a body already read.
func DecodeBytes(body []byte, dst any) error {
	var generic any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return errs.Field(BodyField, "field.malformed", nil)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errs.Field(BodyField, "field.malformed", nil)
	}
	var v errs.Invalid
	unknownFields(&v, generic, reflect.TypeOf(dst), "")
	if err := v.OrNil(); err != nil {
		return err
	}
	dec = json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	var typeErr *json.UnmarshalTypeError
	var programming *json.InvalidUnmarshalError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &programming):
		return fmt.Errorf("decode: %w", err)
	case errors.As(err, &typeErr):
		return errs.Field(orBody(pathAt(body, typeErr.Offset)), "field.type", nil)
	}
	// A type's own UnmarshalJSON refused its value; it does not say where.
	return errs.Field(BodyField, "field.type", nil)
}

// jsonMediaType reports whether a body declared as ct may be read as JSON:
// undeclared, JSON, or the form and text types that curl -d and simple
// clients send by default (the body must still be JSON). Cross-site form
// posts are stopped before this by the server's cross-origin protection.
func jsonMediaType(ct string) bool {
	if ct == "" {
		return true
	}
	media, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch media {
	case "application/json", "application/x-www-form-urlencoded", "text/plain":
		return true
	}
	return strings.HasSuffix(media, "+json")
}

func orBody(path string) string {
	if path == "" {
		return BodyField
	}
	return path
}
