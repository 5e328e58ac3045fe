// Package partner holds the regions and institutions of the cooperation
// agreement, and creates the founding data on an empty store.
package partner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Region is a partner region; a third one is added as data.
type Region struct {
	Code     string    `json:"code"`
	Country  string    `json:"country"`
	TimeZone string    `json:"time_zone"`
	Currency string    `json:"currency"`
	Language string    `json:"language"`
	Name     text.Text `json:"name"`
}

// Institution is one of the signatories, or a later partner institution.
type Institution struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Name      text.Text `json:"name"`
	ShortName string    `json:"short_name,omitempty"`
	Region    string    `json:"region"`
	Kind      string    `json:"kind"`
	Website   string    `json:"website,omitempty"`
}

// Kinds of institution, as in the founding data.
var Kinds = []string{"government", "accelerator", "innovation_center", "research_institute", "investment_company"}

// Store reads and writes regions and institutions.
type Store struct {
	db *database.DB
}

// NewStore returns a Store on db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// Regions lists every region in display order.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	rows, err := s.db.Query(ctx, `SELECT code, country, time_zone, currency, language, name_ko, name_zh, name_en
		FROM regions ORDER BY position, code`)
	if err != nil {
		return nil, fmt.Errorf("list regions: %w", err)
	}
	defer rows.Close()
	var out []Region
	for rows.Next() {
		var r Region
		if err := rows.Scan(&r.Code, &r.Country, &r.TimeZone, &r.Currency, &r.Language, &r.Name.Ko, &r.Name.Zh, &r.Name.En); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Region returns one region by code.
func (s *Store) Region(ctx context.Context, code string) (Region, error) {
	var r Region
	err := s.db.QueryRow(ctx, `SELECT code, country, time_zone, currency, language, name_ko, name_zh, name_en
		FROM regions WHERE code = ?`, code).
		Scan(&r.Code, &r.Country, &r.TimeZone, &r.Currency, &r.Language, &r.Name.Ko, &r.Name.Zh, &r.Name.En)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("region %q: %w", code, errs.ErrNotFound)
	}
	return r, err
}

const institutionColumns = `id, slug, name_ko, name_zh, name_en, short_name, region_code, kind, website`

func scanInstitution(row interface{ Scan(...any) error }) (Institution, error) {
	var in Institution
	err := row.Scan(&in.ID, &in.Slug, &in.Name.Ko, &in.Name.Zh, &in.Name.En, &in.ShortName, &in.Region, &in.Kind, &in.Website)
	return in, err
}

// InstitutionPage lists institutions with id greater than after, at most
// limit of them, optionally of one region.
func (s *Store) InstitutionPage(ctx context.Context, region string, after int64, limit int) ([]Institution, error) {
	rows, err := s.db.Query(ctx, `SELECT `+institutionColumns+` FROM institutions
		WHERE id > ? AND (? = '' OR region_code = ?) ORDER BY id LIMIT ?`, after, region, region, limit)
	if err != nil {
		return nil, fmt.Errorf("list institutions: %w", err)
	}
	defer rows.Close()
	var out []Institution
	for rows.Next() {
		in, err := scanInstitution(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// Institution returns one institution by id.
func (s *Store) Institution(ctx context.Context, id int64) (Institution, error) {
	in, err := scanInstitution(s.db.QueryRow(ctx, `SELECT `+institutionColumns+` FROM institutions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return in, fmt.Errorf("institution %d: %w", id, errs.ErrNotFound)
	}
	return in, err
}
