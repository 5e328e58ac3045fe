package web

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"strings"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
)

// Form carries the problems of a refused submission, translated, for the
// template to show beside each field.
type Form struct {
	// Problem and Detail summarize the refusal above the form; Code is its
	// machine-readable kind (invalid, stale_version, rate_limited…).
	Problem, Detail, Code string
	Errors                map[string]string
	// Other holds messages about fields this form does not show, so that
	// none is lost.
	Other  []string
	fields map[string]bool
}

// newForm declares the fields a form shows.
func newForm(fields ...string) Form {
	f := Form{fields: map[string]bool{}}
	for _, name := range fields {
		f.fields[name] = true
	}
	return f
}

// Err is the translated problem with field, or "".
func (f Form) Err(field string) string { return f.Errors[field] }

// Failed reports whether the form was refused.
func (f Form) Failed() bool { return f.Problem != "" }

// explain records err's summary and field messages in the printer's
// language. rename maps a service's field name (roles[0].institution_id) to
// the form's, when they differ.
func (f *Form) explain(p *i18n.Printer, o httpx.Outcome, rename func(string) string) {
	f.Problem, f.Detail, f.Code = p.T(o.TitleKey, flatten(o.Args)...), p.T(o.DetailKey, flatten(o.Args)...), o.Code
	f.Errors = map[string]string{}
	for _, fe := range o.Fields {
		name := fe.Field
		if rename != nil {
			name = rename(name)
		}
		msg := p.T(fe.Key, flatten(fe.Args)...)
		if !f.fields[name] {
			f.Other = append(f.Other, msg)
			continue
		}
		if _, taken := f.Errors[name]; !taken {
			f.Errors[name] = msg
		}
	}
}

// formError asks the renderer to show page again with the problems of err
// on form, instead of an error page.
type formError struct {
	err    error
	page   string
	view   view
	form   *Form
	rename func(string) string
}

func (e *formError) Error() string { return e.err.Error() }
func (e *formError) Unwrap() error { return e.err }

// reshow wraps err from a form submission so that the form comes back with
// the user's input and a message beside each field at fault.
func reshow(err error, page string, v view, form *Form) error {
	return &formError{err: err, page: page, view: v, form: form}
}

// belongsOnForm reports whether an outcome is the user's to fix in the form
// (bad input, wrong password, a stale version, too many attempts), rather
// than a page of its own.
func belongsOnForm(err error, o httpx.Outcome) bool {
	if errors.Is(err, errs.ErrUnauthenticated) || errors.Is(err, errs.ErrForbidden) || errors.Is(err, errs.ErrNotFound) {
		return false
	}
	return o.Status >= 400 && o.Status < 500
}

// errBadForm is a body that is not a form at all, or is too large.
var errBadForm = errs.New(http.StatusBadRequest, "bad_form", "form.unreadable", nil)

// maxFormBytes bounds a form body; the largest form is a few hundred bytes.
const maxFormBytes = 64 << 10

func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return errBadForm
	}
	return nil
}

func flatten(m map[string]any) []any {
	out := make([]any, 0, 2*len(m))
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

// fieldMessage is a field's problem for the fieldError template.
type fieldMessage struct{ Field, Message string }

// ErrFor is field's problem in the shape the fieldError template takes.
func (f Form) ErrFor(field string) fieldMessage { return fieldMessage{field, f.Errors[field]} }

// Aria ties a field to its hints and its problem for screen readers:
// aria-describedby names them and aria-invalid marks a refused value.
func (f Form) Aria(field string, hints ...string) template.HTMLAttr {
	ids := append([]string{}, hints...)
	attrs := ""
	if f.Errors[field] != "" {
		ids = append(ids, field+"-error")
		attrs = ` aria-invalid="true"`
	}
	if len(ids) > 0 {
		attrs = ` aria-describedby="` + html.EscapeString(strings.Join(ids, " ")) + `"` + attrs
	}
	return template.HTMLAttr(attrs)
}
