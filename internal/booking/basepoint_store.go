package booking

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// BasePointInput is what staff give to open a base point.
type BasePointInput struct {
	InstitutionID int64        `json:"institution_id"`
	Name          text.Text    `json:"name"`
	Region        string       `json:"region"`
	TimeZone      string       `json:"time_zone"`
	Address       string       `json:"address"`
	OpeningHours  OpeningHours `json:"opening_hours"`
}

// CreateBasePoint opens a base point for actor's institution.
func (s *Store) CreateBasePoint(ctx context.Context, actor *auth.User, in BasePointInput) (*BasePoint, error) {
	if err := auth.Can(actor, auth.ManageBasePoint, auth.Target{InstitutionID: in.InstitutionID}); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := in.validate(ctx, tx); err != nil {
			return err
		}
		hours, _ := json.Marshal(in.OpeningHours)
		err := tx.QueryRow(ctx, `INSERT INTO basepoints (institution_id, region_code, name_ko, name_zh, name_en,
			address, time_zone, opening_hours, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.InstitutionID, in.Region, in.Name.Ko, in.Name.Zh, in.Name.En, in.Address, in.TimeZone,
			string(hours), s.now()).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert basepoint: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "basepoint.create", "basepoint", id, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.BasePoint(ctx, id)
}

func (in *BasePointInput) validate(ctx context.Context, q database.Querier) error {
	in.Name = in.Name.Trimmed()
	in.Address = strings.TrimSpace(in.Address)
	var v errs.Invalid
	var region string
	err := q.QueryRow(ctx, `SELECT region_code FROM institutions WHERE id = ?`, in.InstitutionID).Scan(&region)
	if err != nil {
		v.Add("institution_id", "field.institution", nil)
	}
	if in.Name.Empty() {
		v.Add("name", "booking.field.name", nil)
	}
	if in.Region == "" {
		in.Region = region
	}
	var n int
	if q.QueryRow(ctx, `SELECT COUNT(*) FROM regions WHERE code = ?`, in.Region).Scan(&n); n == 0 {
		v.Add("region", "field.region", nil)
	}
	if _, err := time.LoadLocation(in.TimeZone); err != nil || in.TimeZone == "" || in.TimeZone == "Local" {
		v.Add("time_zone", "booking.field.time_zone", nil)
	}
	if len(in.Address) > 500 {
		v.Add("address", "booking.field.address", nil)
	}
	in.OpeningHours.check(&v, "opening_hours")
	return v.OrNil()
}

const basePointColumns = `id, institution_id, region_code, name_ko, name_zh, name_en, address, time_zone, opening_hours, version, created_at`

func scanBasePoint(row interface{ Scan(...any) error }) (*BasePoint, error) {
	var b BasePoint
	var hours string
	if err := row.Scan(&b.ID, &b.InstitutionID, &b.Region, &b.Name.Ko, &b.Name.Zh, &b.Name.En, &b.Address,
		&b.TimeZone, &hours, &b.Version, &b.CreatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(hours), &b.OpeningHours); err != nil {
		return nil, fmt.Errorf("basepoint %d opening hours: %w", b.ID, err)
	}
	return &b, nil
}

// BasePoint returns one base point; everyone may see base points.
func (s *Store) BasePoint(ctx context.Context, id int64) (*BasePoint, error) {
	return loadBasePoint(ctx, s.db, id)
}

func loadBasePoint(ctx context.Context, q database.Querier, id int64) (*BasePoint, error) {
	b, err := scanBasePoint(q.QueryRow(ctx, `SELECT `+basePointColumns+` FROM basepoints WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("basepoint %d: %w", id, errs.ErrNotFound)
	}
	return b, err
}

// BasePoints lists base points after the id after, of one region when
// region is set.
func (s *Store) BasePoints(ctx context.Context, region string, after int64, limit int) ([]*BasePoint, error) {
	rows, err := s.db.Query(ctx, `SELECT `+basePointColumns+` FROM basepoints
		WHERE id > ? AND (? = '' OR region_code = ?) ORDER BY id LIMIT ?`, after, region, region, limit)
	if err != nil {
		return nil, fmt.Errorf("list basepoints: %w", err)
	}
	defer rows.Close()
	var out []*BasePoint
	for rows.Next() {
		b, err := scanBasePoint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
