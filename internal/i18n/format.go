package i18n

import (
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Printer speaks one language in one time zone; handlers get one per
// request.
type Printer struct {
	Lang string
	Zone *time.Location
	cat  *Catalog
	num  *message.Printer
}

// Printer returns a printer for lang showing times in zone (UTC when nil).
func (c *Catalog) Printer(lang string, zone *time.Location) *Printer {
	if !Supported(lang) {
		lang = Default
	}
	if zone == nil {
		zone = time.UTC
	}
	return &Printer{Lang: lang, Zone: zone, cat: c, num: message.NewPrinter(tag(lang))}
}

func tag(lang string) language.Tag {
	switch lang {
	case "ko":
		return language.Korean
	case "zh":
		return language.SimplifiedChinese
	}
	return language.English
}

// T translates key with name, value pairs for its placeholders.
func (p *Printer) T(key string, args ...any) string { return p.cat.Text(p.Lang, key, args...) }

// Catalog returns the catalogue the printer reads from.
func (p *Printer) Catalog() *Catalog { return p.cat }

// Number formats an integer with the locale's digit grouping.
func (p *Printer) Number(n int64) string { return p.num.Sprintf("%d", n) }

var dateLayouts = map[string]string{
	"ko": "2006년 1월 2일",
	"zh": "2006年1月2日",
	"en": "2 Jan 2006",
}

// Date formats the calendar date of t in the printer's zone.
func (p *Printer) Date(t time.Time) string { return t.In(p.Zone).Format(dateLayouts[p.Lang]) }

// DateTime formats t in the printer's zone, date and 24-hour time.
func (p *Printer) DateTime(t time.Time) string {
	return p.DateTimeIn(t, p.Zone)
}

// DateTimeIn formats t in zone, for showing the same instant in Seoul and
// Hangzhou side by side.
func (p *Printer) DateTimeIn(t time.Time, zone *time.Location) string {
	sep := " "
	if p.Lang == "en" {
		sep = ", "
	}
	lt := t.In(zone)
	return lt.Format(dateLayouts[p.Lang]) + sep + lt.Format("15:04")
}

// ZoneName is the translated name of an IANA zone, falling back to the IANA
// name for zones the catalogue does not know.
func (p *Printer) ZoneName(zone string) string {
	key := "zone." + zone
	if p.cat.Has(key) {
		return p.T(key)
	}
	return zone
}
