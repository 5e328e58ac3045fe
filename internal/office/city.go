package office

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"startbridge/internal/database"
	"startbridge/internal/text"
)

var folder = cases.Fold()

// CityKey is the form cities are matched and grouped by: NFKC (full-width
// letters become plain ones), case-folded, without spaces or punctuation.
// "Shenzhen", "shen zhen ", "ＳＨＥＮＺＨＥＮ" share one key.
func CityKey(s string) string {
	s = folder.String(norm.NFKC.String(strings.TrimSpace(s)))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || r == '·' {
			return -1
		}
		return r
	}, s)
}

// citySuffixes are administrative words a city may be typed with; a key not
// in the gazetteer is tried again without them ("수원시" → "수원").
var citySuffixes = []string{"特别行政区", "특별자치시", "특별시", "광역시", "市", "시", "city", "si"}

// City is a city of the gazetteer.
type City struct {
	Code    string    `json:"code"`
	Country string    `json:"country"`
	Region  string    `json:"region,omitempty"`
	Name    text.Text `json:"name"`
}

// ResolveCity finds a typed city in the gazetteer. It returns the key to
// group by (the city's code when known, else CityKey of what was typed) and
// the gazetteer city, nil when unknown.
func ResolveCity(ctx context.Context, q database.Querier, typed string) (key string, city *City, err error) {
	key = CityKey(typed)
	if key == "" {
		return "", nil, nil
	}
	tries := []string{key}
	for _, suffix := range citySuffixes {
		if base, ok := strings.CutSuffix(key, suffix); ok && base != "" {
			tries = append(tries, base)
		}
	}
	for _, k := range tries {
		c, err := cityByAlias(ctx, q, k)
		if err != nil {
			return "", nil, err
		}
		if c != nil {
			return c.Code, c, nil
		}
	}
	return key, nil, nil
}

func cityByAlias(ctx context.Context, q database.Querier, alias string) (*City, error) {
	var c City
	var region sql.NullString
	err := q.QueryRow(ctx, `SELECT c.code, c.country, c.region_code, c.name_ko, c.name_zh, c.name_en
		FROM city_aliases a JOIN cities c ON c.code = a.city_code WHERE a.alias = ?`, alias).
		Scan(&c.Code, &c.Country, &region, &c.Name.Ko, &c.Name.Zh, &c.Name.En)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("city %q: %w", alias, err)
	}
	c.Region = region.String
	return &c, nil
}

// Cities lists the gazetteer, in its order.
func (s *Store) Cities(ctx context.Context) ([]City, error) {
	rows, err := s.db.Query(ctx, `SELECT code, country, COALESCE(region_code, ''), name_ko, name_zh, name_en FROM cities ORDER BY position, code`)
	if err != nil {
		return nil, fmt.Errorf("cities: %w", err)
	}
	defer rows.Close()
	var out []City
	for rows.Next() {
		var c City
		if err := rows.Scan(&c.Code, &c.Country, &c.Region, &c.Name.Ko, &c.Name.Zh, &c.Name.En); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// cityName is how a city group is named: the gazetteer's names when known,
// else the city as typed, in every language.
func cityName(c *City, typed string) text.Text {
	if c != nil {
		return c.Name
	}
	t := strings.TrimSpace(typed)
	return text.Text{Ko: t, Zh: t, En: t}
}
