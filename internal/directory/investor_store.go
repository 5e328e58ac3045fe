package directory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// CreateInvestor stores a new investor profile. Staff and admins create
// profiles for others; an investor creating their own profile is linked to
// it, so they may edit it.
func (s *Store) CreateInvestor(ctx context.Context, actor *auth.User, in InvestorInput) (*Investor, error) {
	if err := auth.Can(actor, auth.CreateInvestor, auth.Target{}); err != nil {
		return nil, err
	}
	owner := int64(0)
	if !actor.IsAdmin() && !actor.HasRole(auth.RoleStaff) {
		owner = actor.ID
	}
	return s.CreateInvestorUnchecked(ctx, actor.ID, in, owner)
}

// CreateInvestorUnchecked stores a new investor profile without asking who
// may, for demo data and tests; ownerID, when not 0, gets the investor
// membership of the profile.
func (s *Store) CreateInvestorUnchecked(ctx context.Context, actorID int64, in InvestorInput, ownerID int64) (*Investor, error) {
	var iv *Investor
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		id, err := s.insertInvestor(ctx, tx, actorID, &in)
		if err != nil {
			return err
		}
		if ownerID != 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO memberships (user_id, role, investor_id, created_at) VALUES (?, ?, ?, ?)`,
				ownerID, string(auth.RoleInvestor), id, s.now()); err != nil {
				return fmt.Errorf("add investor membership: %w", err)
			}
		}
		if err := audit.Record(ctx, tx, actorID, "investor.create", "investor", id, nil); err != nil {
			return err
		}
		iv, err = loadInvestor(ctx, tx, id)
		return err
	})
	return iv, err
}

func (s *Store) insertInvestor(ctx context.Context, tx *database.Tx, actorID int64, in *InvestorInput) (int64, error) {
	in.normalize()
	t, err := loadTaxonomy(ctx, tx)
	if err != nil {
		return 0, err
	}
	if err := in.validate(ctx, tx, t); err != nil {
		return 0, err
	}
	now := s.now()
	args := investorWriteArgs(in)
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO investors (`+investorWriteColumns+`, created_by, version, created_at, updated_at)
		VALUES (`+placeholders(len(args))+`, ?, 1, ?, ?) RETURNING id`, append(args, nullID(actorID), now, now)...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert investor: %w", err)
	}
	if err := setInvestorLists(ctx, tx, id, in); err != nil {
		return 0, err
	}
	return id, reindexInvestor(ctx, tx, id)
}

// UpdateInvestor replaces investor id's profile with in, provided it is
// still at version.
//
// Moving the investor to another institution changes whose staff are in
// conflict with its portfolio (SPEC §3.2): cc, when not nil, re-checks the
// contests in the same transaction, withdrawing and re-assigning reviews
// now in conflict.
func (s *Store) UpdateInvestor(ctx context.Context, actor *auth.User, id int64, version int, in InvestorInput, cc ConflictChecker) (*Investor, error) {
	if err := auth.Can(actor, auth.EditInvestor, auth.Target{InvestorID: id}); err != nil {
		return nil, err
	}
	var iv *Investor
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		current, err := loadInvestor(ctx, tx, id)
		if err != nil {
			return err
		}
		if current.Version != version {
			return fmt.Errorf("investor %d at version %d, not %d: %w", id, current.Version, version, errs.ErrStale)
		}
		in.normalize()
		t, err := loadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		if err := in.validate(ctx, tx, t); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE investors SET `+assignments(investorWriteColumns)+`, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, append(investorWriteArgs(&in), s.now(), id, version)...)
		if err != nil {
			return fmt.Errorf("update investor: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("investor %d: %w", id, errs.ErrStale)
		}
		if err := setInvestorLists(ctx, tx, id, &in); err != nil {
			return err
		}
		if err := reindexInvestor(ctx, tx, id); err != nil {
			return err
		}
		if cc != nil && !sameID(current.Institution, in.Institution) {
			if _, err := cc.RecheckConflicts(ctx, tx, actor.ID, 0, 0); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, actor.ID, "investor.update", "investor", id, map[string]any{"version": version + 1}); err != nil {
			return err
		}
		iv, err = loadInvestor(ctx, tx, id)
		return err
	})
	return iv, err
}

// Investor returns investor id as viewer may see it.
func (s *Store) Investor(ctx context.Context, viewer *auth.User, id int64) (*Investor, error) {
	iv, err := loadInvestor(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !MaySee(viewer, iv.Visibility, 0) && !viewer.InvestorOf(id) {
		return nil, fmt.Errorf("investor %d: %w", id, errs.ErrNotFound)
	}
	return iv, nil
}

const investorWriteColumns = `name_ko, name_zh, name_en, institution_id, region_code, website, description_ko,
	description_zh, description_en, ticket_min, ticket_max, ticket_currency, languages, visibility`

func investorWriteArgs(in *InvestorInput) []any {
	return []any{in.Name.Ko, in.Name.Zh, in.Name.En, in.Institution, nullString(in.Region), in.Website,
		in.Description.Ko, in.Description.Zh, in.Description.En, in.TicketMin, in.TicketMax, nullString(in.Currency),
		strings.Join(in.Languages, ","), string(in.Visibility)}
}

const investorReadColumns = `i.id, i.name_ko, i.name_zh, i.name_en, i.institution_id, COALESCE(i.region_code, ''), i.website,
	i.description_ko, i.description_zh, i.description_en, i.ticket_min, i.ticket_max, COALESCE(i.ticket_currency, ''),
	i.languages, i.visibility, i.version, i.created_at, i.updated_at`

func scanInvestor(row interface{ Scan(...any) error }) (*Investor, error) {
	iv := &Investor{}
	var inst, lo, hi sql.NullInt64
	var langs, visibility string
	err := row.Scan(&iv.ID, &iv.Name.Ko, &iv.Name.Zh, &iv.Name.En, &inst, &iv.Region, &iv.Website,
		&iv.Description.Ko, &iv.Description.Zh, &iv.Description.En, &lo, &hi, &iv.Currency, &langs, &visibility,
		&iv.Version, &iv.CreatedAt, &iv.UpdatedAt)
	if err != nil {
		return nil, err
	}
	iv.Institution, iv.TicketMin, iv.TicketMax = int64Ptr(inst), int64Ptr(lo), int64Ptr(hi)
	iv.Languages, iv.Visibility = splitList(langs), Visibility(visibility)
	iv.Sectors, iv.Stages, iv.Regions = []string{}, []Stage{}, []string{}
	return iv, nil
}

func loadInvestor(ctx context.Context, q database.Querier, id int64) (*Investor, error) {
	iv, err := scanInvestor(q.QueryRow(ctx, `SELECT `+investorReadColumns+` FROM investors i WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("investor %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load investor %d: %w", id, err)
	}
	if err := loadInvestorLists(ctx, q, []*Investor{iv}); err != nil {
		return nil, err
	}
	return iv, nil
}

// loadInvestorLists fills the sectors, stages and regions of investors with
// one query per list.
func loadInvestorLists(ctx context.Context, q database.Querier, ivs []*Investor) error {
	if len(ivs) == 0 {
		return nil
	}
	byID := make(map[int64]*Investor, len(ivs))
	ids := make([]int64, len(ivs))
	for i, iv := range ivs {
		byID[iv.ID], ids[i] = iv, iv.ID
	}
	in := `(` + placeholders(len(ids)) + `)`
	lists := []struct {
		query string
		add   func(iv *Investor, v string)
	}{
		{`SELECT t.investor_id, t.sector_code FROM investor_sectors t JOIN sectors c ON c.code = t.sector_code
			WHERE t.investor_id IN ` + in + ` ORDER BY t.investor_id, c.position`,
			func(iv *Investor, v string) { iv.Sectors = append(iv.Sectors, v) }},
		{`SELECT investor_id, stage FROM investor_stages WHERE investor_id IN ` + in + ` ORDER BY investor_id`,
			func(iv *Investor, v string) { iv.Stages = append(iv.Stages, Stage(v)) }},
		{`SELECT investor_id, region_code FROM investor_regions WHERE investor_id IN ` + in + ` ORDER BY investor_id, region_code`,
			func(iv *Investor, v string) { iv.Regions = append(iv.Regions, v) }},
	}
	for _, l := range lists {
		rows, err := q.Query(ctx, l.query, idArgs(ids)...)
		if err != nil {
			return fmt.Errorf("load investor lists: %w", err)
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return err
			}
			l.add(byID[id], v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, iv := range ivs {
		sortStages(iv.Stages)
	}
	return nil
}

func sortStages(stages []Stage) {
	order := map[Stage]int{}
	for i, s := range Stages {
		order[s] = i
	}
	for i := 1; i < len(stages); i++ {
		for j := i; j > 0 && order[stages[j]] < order[stages[j-1]]; j-- {
			stages[j], stages[j-1] = stages[j-1], stages[j]
		}
	}
}

func setInvestorLists(ctx context.Context, tx *database.Tx, id int64, in *InvestorInput) error {
	for _, table := range []string{"investor_sectors", "investor_stages", "investor_regions"} {
		if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE investor_id = ?`, id); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	for _, c := range in.Sectors {
		if _, err := tx.Exec(ctx, `INSERT INTO investor_sectors (investor_id, sector_code) VALUES (?, ?)`, id, c); err != nil {
			return fmt.Errorf("add investor sector: %w", err)
		}
	}
	for _, st := range in.Stages {
		if _, err := tx.Exec(ctx, `INSERT INTO investor_stages (investor_id, stage) VALUES (?, ?)`, id, string(st)); err != nil {
			return fmt.Errorf("add investor stage: %w", err)
		}
	}
	for _, r := range in.Regions {
		if _, err := tx.Exec(ctx, `INSERT INTO investor_regions (investor_id, region_code) VALUES (?, ?)`, id, r); err != nil {
			return fmt.Errorf("add investor region: %w", err)
		}
	}
	return nil
}

// InvestorFilter narrows a list of investors. Empty fields do not filter.
type InvestorFilter struct {
	Query  string
	Sector string
	Stage  Stage
	// Region is a region the investor invests in.
	Region string
}

// ListInvestors returns the investors viewer may see that pass f, newest
// first (best match first with a query), at most limit after the cursor key
// after, and the key of the next page ("" on the last).
func (s *Store) ListInvestors(ctx context.Context, viewer *auth.User, f InvestorFilter, after string, limit int) ([]*Investor, string, error) {
	lf := Filter{Query: f.Query, Region: f.Region, Sector: f.Sector, Stage: f.Stage}
	t, err := s.cachedTaxonomy(ctx)
	if err != nil {
		return nil, "", err
	}
	if err := lf.check(t); err != nil {
		return nil, "", err
	}
	var c conditions
	if auth.Can(viewer, auth.SeePartnersOnly, auth.Target{}) != nil {
		c.add(`i.visibility = 'public'`)
	}
	if lf.Sector != "" {
		c.add(`EXISTS (SELECT 1 FROM investor_sectors x WHERE x.investor_id = i.id AND x.sector_code = ?)`, lf.Sector)
	}
	if lf.Stage != "" {
		c.add(`EXISTS (SELECT 1 FROM investor_stages x WHERE x.investor_id = i.id AND x.stage = ?)`, string(lf.Stage))
	}
	if lf.Region != "" {
		c.add(`EXISTS (SELECT 1 FROM investor_regions x WHERE x.investor_id = i.id AND x.region_code = ?)`, lf.Region)
	}
	if lf.Query != "" {
		return s.searchInvestors(ctx, lf.Query, c, after, limit)
	}
	if after != "" {
		var afterID int64
		if _, err := fmt.Sscan(after, &afterID); err != nil || afterID <= 0 {
			return nil, "", errs.Field("cursor", "field.cursor", nil)
		}
		c.add(`i.id < ?`, afterID)
	}
	rows, err := s.db.Query(ctx, `SELECT `+investorReadColumns+` FROM investors i WHERE `+c.sql()+` ORDER BY i.id DESC LIMIT ?`,
		append(c.args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("list investors: %w", err)
	}
	ivs, err := s.collectInvestors(ctx, rows)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(ivs) > limit {
		ivs, next = ivs[:limit], itoa(ivs[limit-1].ID)
	}
	return ivs, next, nil
}

func (s *Store) collectInvestors(ctx context.Context, rows *sql.Rows) ([]*Investor, error) {
	defer rows.Close()
	var out []*Investor
	for rows.Next() {
		iv, err := scanInvestor(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, iv)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadInvestorLists(ctx, s.db, out)
}

// sameID reports whether two optional ids are the same.
func sameID(a, b *int64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
