package auth

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"startbridge/internal/errs"
	"startbridge/internal/i18n"
)

// Field limits, shared by the forms and the API.
const (
	MaxEmailLength    = 254
	MaxNameLength     = 100
	MaxPasswordLength = 200
)

// NormalizeEmail lower-cases and trims an address so that one person has one
// account whatever case they type.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func checkEmail(v *errs.Invalid, field, email string) {
	switch {
	case email == "":
		v.Add(field, "field.required", nil)
	case len(email) > MaxEmailLength:
		v.Add(field, "field.too_long", map[string]any{"max": MaxEmailLength})
	default:
		addr, err := mail.ParseAddress(email)
		_, domain, _ := strings.Cut(email, "@")
		if err != nil || addr.Address != email || !strings.Contains(domain, ".") || strings.HasSuffix(domain, ".") {
			v.Add(field, "field.email", nil)
		}
	}
}

func checkName(v *errs.Invalid, field, name string) {
	switch n := utf8.RuneCountInString(name); {
	case strings.TrimSpace(name) == "":
		v.Add(field, "field.required", nil)
	case n > MaxNameLength:
		v.Add(field, "field.too_long", map[string]any{"max": MaxNameLength})
	}
}

func checkPassword(v *errs.Invalid, field, password, email string) {
	switch {
	case password == "":
		v.Add(field, "field.required", nil)
	case len(password) > MaxPasswordLength:
		v.Add(field, "field.too_long", map[string]any{"max": MaxPasswordLength})
	case weakPassword(password, email):
		v.Add(field, "field.password_weak", map[string]any{"min": MinPasswordLength})
	}
}

func checkLanguage(v *errs.Invalid, field, lang string) {
	if !i18n.Supported(lang) {
		v.Add(field, "field.language", nil)
	}
}

func checkTimeZone(v *errs.Invalid, field, zone string) {
	if zone == "" || len(zone) > 64 || strings.EqualFold(zone, "local") {
		v.Add(field, "field.time_zone", nil)
		return
	}
	if _, err := time.LoadLocation(zone); err != nil {
		v.Add(field, "field.time_zone", nil)
	}
}
