package office_test

import (
	"testing"

	"startbridge/internal/i18n"
	"startbridge/internal/office"
)

// The pages and notifications build these keys from codes; each must be
// in the catalogue in every language (i18n.Load checks the languages).
func TestComputedKeysAreInTheCatalogue(t *testing.T) {
	cat := i18n.MustLoad()
	var keys []string
	for _, s := range office.Services {
		keys = append(keys, "office.service."+string(s))
	}
	for _, s := range office.Statuses {
		keys = append(keys, "office.status."+string(s), "office.explain."+string(s))
	}
	for _, s := range office.OfficeStatuses {
		keys = append(keys, "office.office_status."+string(s))
	}
	for _, k := range []string{"approved", "waitlisted", "rejected", "cancelled", "promoted"} {
		keys = append(keys, "office.notify."+k)
	}
	for _, k := range []string{"no_office", "proposed", "more_desks"} {
		keys = append(keys, "office.rec."+k)
	}
	for _, k := range []string{"already_decided", "not_cancellable", "not_changeable", "office_not_open", "exceeds_office", "over_capacity"} {
		keys = append(keys, "office.error."+k+".title", "office.error."+k+".detail")
	}
	for _, code := range []string{"ai", "bio", "fintech", "ecommerce", "mobility", "semiconductors", "content", "cleantech",
		"robotics", "manufacturing", "edtech", "logistics", "other"} {
		keys = append(keys, "office.sector."+code)
	}
	for _, k := range keys {
		if !cat.Has(k) {
			t.Errorf("key %q is not in the catalogue", k)
		}
	}
}
