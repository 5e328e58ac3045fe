package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// ResourceInput is what staff give to share a resource at a base point.
type ResourceInput struct {
	BasePointID int64     `json:"basepoint_id"`
	Kind        Kind      `json:"kind"`
	Name        text.Text `json:"name"`
	Capacity    int       `json:"capacity"`
	// GranularityMinutes divides the day (5 … 1440); WholeDays books days.
	GranularityMinutes    int    `json:"granularity_minutes"`
	WholeDays             bool   `json:"whole_days"`
	ApprovalRequired      bool   `json:"approval_required"`
	OpenTo                OpenTo `json:"open_to"`
	LeadTimeMinutes       int    `json:"lead_time_minutes"`
	MaxAdvanceDays        int    `json:"max_advance_days"`
	CancelDeadlineMinutes int    `json:"cancel_deadline_minutes"`
	PriceMinor            *int64 `json:"price_minor"`
	PriceCurrency         string `json:"price_currency"`
	// MonthlyQuotaHours bounds hours × units per start-up and month for
	// resources booked by the minute; MonthlyQuotaDays days × units for
	// resources booked by the day.
	MonthlyQuotaHours *int64 `json:"monthly_quota_hours"`
	MonthlyQuotaDays  *int64 `json:"monthly_quota_days"`
	// Retired takes the resource out of service (edits only): it takes no
	// new bookings, and those it holds stand.
	Retired bool `json:"retired"`
}

// Limits of a resource's settings.
const (
	MaxCapacity    = 10_000
	MaxAdvanceDays = 730
)

// CreateResource shares a resource at a base point of actor's institution.
func (s *Store) CreateResource(ctx context.Context, actor *auth.User, in ResourceInput) (*Resource, error) {
	bp, err := s.BasePoint(ctx, in.BasePointID)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, errs.Field("basepoint_id", "booking.field.basepoint", nil)
	}
	if err != nil {
		return nil, err
	}
	if err := auth.Can(actor, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
		return nil, err
	}
	quota, err := in.validate()
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.db.InTx(ctx, func(tx *database.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO resources (basepoint_id, kind, name_ko, name_zh, name_en, capacity,
			granularity_minutes, approval_required, open_to, lead_time_minutes, max_advance_days,
			cancel_deadline_minutes, price_minor, price_currency, monthly_quota_minutes, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.BasePointID, string(in.Kind), in.Name.Ko, in.Name.Zh, in.Name.En, in.Capacity, in.GranularityMinutes,
			in.ApprovalRequired, string(in.OpenTo), in.LeadTimeMinutes, in.MaxAdvanceDays, in.CancelDeadlineMinutes,
			in.PriceMinor, nullString(in.PriceCurrency), quota, s.now()).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert resource: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "resource.create", "resource", id, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.Resource(ctx, id)
}

// validate checks the input and returns the quota in minutes.
func (in *ResourceInput) validate() (*int64, error) {
	in.Name = in.Name.Trimmed()
	if in.OpenTo == "" {
		in.OpenTo = AllRegions
	}
	if in.MaxAdvanceDays == 0 {
		in.MaxAdvanceDays = 90
	}
	var v errs.Invalid
	if !in.Kind.Valid() {
		v.Add("kind", "booking.field.kind", nil)
	}
	if in.Name.Empty() {
		v.Add("name", "booking.field.name", nil)
	}
	if in.Capacity < 1 || in.Capacity > MaxCapacity {
		v.Add("capacity", "booking.field.capacity", map[string]any{"max": MaxCapacity})
	}
	switch {
	case in.WholeDays && in.GranularityMinutes != 0 && in.GranularityMinutes != 1440:
		v.Add("granularity_minutes", "booking.field.granularity", nil)
	case in.WholeDays:
		in.GranularityMinutes = 0
	case in.GranularityMinutes < 5 || in.GranularityMinutes > 1440 || 1440%in.GranularityMinutes != 0:
		v.Add("granularity_minutes", "booking.field.granularity", nil)
	}
	if in.OpenTo != OwnRegion && in.OpenTo != AllRegions {
		v.Add("open_to", "booking.field.open_to", nil)
	}
	if in.LeadTimeMinutes < 0 || in.LeadTimeMinutes > MaxAdvanceDays*1440 {
		v.Add("lead_time_minutes", "booking.field.minutes", nil)
	}
	if in.MaxAdvanceDays < 1 || in.MaxAdvanceDays > MaxAdvanceDays {
		v.Add("max_advance_days", "booking.field.max_advance_days", map[string]any{"max": MaxAdvanceDays})
	}
	if in.CancelDeadlineMinutes < 0 || in.CancelDeadlineMinutes > MaxAdvanceDays*1440 {
		v.Add("cancel_deadline_minutes", "booking.field.minutes", nil)
	}
	if in.PriceMinor != nil && *in.PriceMinor < 0 {
		v.Add("price_minor", "booking.field.price", nil)
	}
	if (in.PriceMinor != nil) != (in.PriceCurrency != "") || (in.PriceCurrency != "" && !validCurrency(in.PriceCurrency)) {
		v.Add("price_currency", "booking.field.currency", nil)
	}
	var quota *int64
	switch {
	case in.MonthlyQuotaHours != nil && in.MonthlyQuotaDays != nil:
		v.Add("monthly_quota_days", "booking.field.quota_one", nil)
	case in.MonthlyQuotaHours != nil && in.WholeDays:
		v.Add("monthly_quota_hours", "booking.field.quota_days", nil)
	case in.MonthlyQuotaDays != nil && !in.WholeDays:
		v.Add("monthly_quota_days", "booking.field.quota_hours", nil)
	case in.MonthlyQuotaHours != nil:
		quota = quotaMinutes(&v, "monthly_quota_hours", *in.MonthlyQuotaHours, 60)
	case in.MonthlyQuotaDays != nil:
		quota = quotaMinutes(&v, "monthly_quota_days", *in.MonthlyQuotaDays, 1440)
	}
	return quota, v.OrNil()
}

func quotaMinutes(v *errs.Invalid, field string, n, per int64) *int64 {
	if n < 0 || n > 1_000_000 {
		v.Add(field, "booking.field.quota", nil)
		return nil
	}
	m := n * per
	return &m
}

// validCurrency accepts the currencies of the partner regions and USD.
func validCurrency(c string) bool { return c == "KRW" || c == "CNY" || c == "USD" }

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const resourceColumns = `id, basepoint_id, kind, name_ko, name_zh, name_en, capacity, granularity_minutes,
	approval_required, open_to, lead_time_minutes, max_advance_days, cancel_deadline_minutes,
	price_minor, price_currency, monthly_quota_minutes, retired_at, version, created_at`

func scanResource(row interface{ Scan(...any) error }) (*Resource, error) {
	var r Resource
	var price, quota sql.NullInt64
	var currency sql.NullString
	var retired sql.NullTime
	if err := row.Scan(&r.ID, &r.BasePointID, &r.Kind, &r.Name.Ko, &r.Name.Zh, &r.Name.En, &r.Capacity,
		&r.GranularityMinutes, &r.ApprovalRequired, &r.OpenTo, &r.LeadTimeMinutes, &r.MaxAdvanceDays,
		&r.CancelDeadlineMinutes, &price, &currency, &quota, &retired, &r.Version, &r.CreatedAt); err != nil {
		return nil, err
	}
	if retired.Valid {
		r.RetiredAt = &retired.Time
	}
	r.WholeDays = r.GranularityMinutes == 0
	if price.Valid {
		r.PriceMinor = &price.Int64
	}
	r.PriceCurrency = currency.String
	if quota.Valid {
		r.MonthlyQuotaMinutes = &quota.Int64
	}
	return &r, nil
}

// Resource returns one resource; everyone may see resources.
func (s *Store) Resource(ctx context.Context, id int64) (*Resource, error) {
	return loadResource(ctx, s.db, id, false)
}

// loadResource reads a resource; lock takes its row lock on PostgreSQL, so
// that bookings of one resource are decided one after another. SQLite
// transactions begin IMMEDIATE and hold the write lock already.
func loadResource(ctx context.Context, q database.Querier, id int64, lock bool) (*Resource, error) {
	query := `SELECT ` + resourceColumns + ` FROM resources WHERE id = ?`
	if lock && q.Dialect() == database.Postgres {
		query += ` FOR UPDATE`
	}
	r, err := scanResource(q.QueryRow(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("resource %d: %w", id, errs.ErrNotFound)
	}
	return r, err
}

// ResourceFilter narrows a list of resources.
type ResourceFilter struct {
	BasePointID int64
	Region      string
	Kind        Kind
}

// Resources lists resources after the id after.
func (s *Store) Resources(ctx context.Context, f ResourceFilter, after int64, limit int) ([]*Resource, error) {
	return queryResources(ctx, s.db, `SELECT `+prefixed("r.", resourceColumns)+` FROM resources r
		JOIN basepoints b ON b.id = r.basepoint_id
		WHERE r.id > ? AND (? = 0 OR r.basepoint_id = ?) AND (? = '' OR b.region_code = ?) AND (? = '' OR r.kind = ?)
		ORDER BY r.id LIMIT ?`, after, f.BasePointID, f.BasePointID, f.Region, f.Region, string(f.Kind), string(f.Kind), limit)
}

// queryResources reads the resources a query selects.
func queryResources(ctx context.Context, q database.Querier, query string, args ...any) ([]*Resource, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list resources: %w", err)
	}
	defer rows.Close()
	var out []*Resource
	for rows.Next() {
		r, err := scanResource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
