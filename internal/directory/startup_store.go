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

// CreateStartup validates in and stores a new start-up on behalf of actor.
// A founder registering their own start-up becomes its founder; staff and
// admins create profiles for others and do not join the team.
func (s *Store) CreateStartup(ctx context.Context, actor *auth.User, in StartupInput) (*Startup, error) {
	if err := auth.Can(actor, auth.CreateStartup, auth.Target{}); err != nil {
		return nil, err
	}
	var founder int64
	if !actor.IsAdmin() && !actor.HasRole(auth.RoleStaff) {
		founder = actor.ID
	}
	return s.CreateStartupUnchecked(ctx, actor.ID, in, founder)
}

// CreateStartupUnchecked stores a new start-up without asking who may, for
// the command line, demo data and other capabilities' tests. actorID (0 for
// the system) is recorded in the audit log; founderID, when not 0, joins the
// team as founder.
func (s *Store) CreateStartupUnchecked(ctx context.Context, actorID int64, in StartupInput, founderID int64) (*Startup, error) {
	var st *Startup
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		id, err := s.insertStartup(ctx, tx, actorID, &in)
		if err != nil {
			return err
		}
		if founderID != 0 {
			if err := addMember(ctx, tx, id, founderID, RoleFounder, "", s.now()); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, actorID, "startup.create", "startup", id, nil); err != nil {
			return err
		}
		st, err = loadStartup(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// insertStartup normalizes, validates and inserts one start-up with its
// sectors and search entry, in the caller's transaction.
func (s *Store) insertStartup(ctx context.Context, tx *database.Tx, actorID int64, in *StartupInput) (int64, error) {
	in.normalize()
	t, err := loadTaxonomy(ctx, tx)
	if err != nil {
		return 0, err
	}
	if err := in.validate(t, s.now()); err != nil {
		return 0, err
	}
	now := s.now()
	var id int64
	args := startupWriteArgs(in)
	err = tx.QueryRow(ctx, `INSERT INTO startups (`+startupWriteColumns+`, created_by, version, created_at, updated_at)
		VALUES (`+placeholders(len(args))+`, ?, 1, ?, ?) RETURNING id`,
		append(args, nullID(actorID), now, now)...).Scan(&id)
	if err != nil {
		return 0, uniqueField(err)
	}
	if err := setStartupSectors(ctx, tx, id, in.Sectors); err != nil {
		return 0, err
	}
	return id, reindexStartup(ctx, tx, id)
}

// UpdateStartup replaces the profile of start-up id with in, provided it is
// still at version: a colleague's save in between makes it ErrStale, and
// nothing is written.
func (s *Store) UpdateStartup(ctx context.Context, actor *auth.User, id int64, version int, in StartupInput) (*Startup, error) {
	if err := auth.Can(actor, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return nil, err
	}
	var st *Startup
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		current, err := loadStartup(ctx, tx, id)
		if err != nil {
			return err
		}
		if current.Version != version {
			return fmt.Errorf("startup %d at version %d, not %d: %w", id, current.Version, version, errs.ErrStale)
		}
		in.normalize()
		t, err := loadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		if err := in.validate(t, s.now()); err != nil {
			return err
		}
		args := append(startupWriteArgs(&in), s.now(), id, version)
		res, err := tx.Exec(ctx, `UPDATE startups SET `+assignments(startupWriteColumns)+`,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, args...)
		if err != nil {
			return uniqueField(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("startup %d: %w", id, errs.ErrStale)
		}
		if err := setStartupSectors(ctx, tx, id, in.Sectors); err != nil {
			return err
		}
		if err := reindexStartup(ctx, tx, id); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, actor.ID, "startup.update", "startup", id, map[string]any{"version": version + 1}); err != nil {
			return err
		}
		st, err = loadStartup(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// Startup returns start-up id as viewer may see it: a partners-only profile
// is not found for a viewer who may not see it, so its existence stays
// hidden.
func (s *Store) Startup(ctx context.Context, viewer *auth.User, id int64) (*Startup, error) {
	st, err := loadStartup(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !MaySee(viewer, st.Visibility, id) {
		return nil, fmt.Errorf("startup %d: %w", id, errs.ErrNotFound)
	}
	return st, nil
}

// MaySee reports whether viewer may see a profile of visibility; startupID
// (0 for investors) lets a team see its own partners-only profile.
func MaySee(viewer *auth.User, visibility Visibility, startupID int64) bool {
	if visibility == Public {
		return true
	}
	return auth.Can(viewer, auth.SeePartnersOnly, auth.Target{}) == nil || viewer.MemberOfStartup(startupID)
}

// startupWriteColumns are the columns a profile edit writes, in the order
// of startupWriteArgs.
const startupWriteColumns = `name_ko, name_zh, name_en, legal_name, region_code, city, founded_on, stage, employees,
	website, description_ko, description_zh, description_en, target_markets, seeks_investment, investment_min,
	investment_max, investment_currency, seeks_office, seeks_partners, seeks_tech_services, seeks_note,
	kr_business_number, cn_credit_code, visibility, sector_codes`

func startupWriteArgs(in *StartupInput) []any {
	return []any{in.Name.Ko, in.Name.Zh, in.Name.En, in.LegalName, in.Region, in.City, nullString(in.FoundedOn),
		string(in.Stage), in.Employees, in.Website, in.Description.Ko, in.Description.Zh, in.Description.En,
		strings.Join(in.Markets, ","), in.Seeks.Investment, in.Seeks.InvestmentMin, in.Seeks.InvestmentMax,
		nullString(in.Seeks.Currency), in.Seeks.Office, in.Seeks.Partners, in.Seeks.TechServices, in.Seeks.Note,
		nullString(in.KRBizNumber), nullString(in.CNCreditNo), string(in.Visibility), strings.Join(in.Sectors, ",")}
}

const startupReadColumns = `s.id, s.name_ko, s.name_zh, s.name_en, s.legal_name, s.region_code, s.city, s.founded_on, s.stage,
	s.employees, s.website, s.description_ko, s.description_zh, s.description_en, s.target_markets, s.seeks_investment,
	s.investment_min, s.investment_max, COALESCE(s.investment_currency, ''), s.seeks_office, s.seeks_partners,
	s.seeks_tech_services, s.seeks_note, COALESCE(s.kr_business_number, ''), COALESCE(s.cn_credit_code, ''),
	s.visibility, s.version, s.created_at, s.updated_at, s.sector_codes`

func scanStartup(row interface{ Scan(...any) error }) (*Startup, error) {
	st := &Startup{}
	var founded civilDate
	var markets, stage, visibility, sectors string
	var employees sql.NullInt64
	var lo, hi sql.NullInt64
	err := row.Scan(&st.ID, &st.Name.Ko, &st.Name.Zh, &st.Name.En, &st.LegalName, &st.Region, &st.City, &founded,
		&stage, &employees, &st.Website, &st.Description.Ko, &st.Description.Zh, &st.Description.En, &markets,
		&st.Seeks.Investment, &lo, &hi, &st.Seeks.Currency, &st.Seeks.Office, &st.Seeks.Partners,
		&st.Seeks.TechServices, &st.Seeks.Note, &st.KRBizNumber, &st.CNCreditNo, &visibility, &st.Version,
		&st.CreatedAt, &st.UpdatedAt, &sectors)
	if err != nil {
		return nil, err
	}
	st.FoundedOn, st.Stage, st.Visibility = string(founded), Stage(stage), Visibility(visibility)
	st.Markets = splitList(markets)
	if employees.Valid {
		n := int(employees.Int64)
		st.Employees = &n
	}
	st.Seeks.InvestmentMin, st.Seeks.InvestmentMax = int64Ptr(lo), int64Ptr(hi)
	st.Sectors = splitList(sectors)
	return st, nil
}

// loadStartup reads one start-up with its sectors and deck, without asking
// who wants it.
func loadStartup(ctx context.Context, q database.Querier, id int64) (*Startup, error) {
	st, err := scanStartup(q.QueryRow(ctx, `SELECT `+startupReadColumns+` FROM startups s WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("startup %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load startup %d: %w", id, err)
	}
	if st.Deck, err = deckInfo(ctx, q, id); err != nil {
		return nil, err
	}
	return st, nil
}

func setStartupSectors(ctx context.Context, tx *database.Tx, id int64, codes []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM startup_sectors WHERE startup_id = ?`, id); err != nil {
		return fmt.Errorf("clear sectors: %w", err)
	}
	for _, c := range codes {
		if _, err := tx.Exec(ctx, `INSERT INTO startup_sectors (startup_id, sector_code) VALUES (?, ?)`, id, c); err != nil {
			return fmt.Errorf("add sector %s: %w", c, err)
		}
	}
	return nil
}

// uniqueField names the field behind a unique violation: the two business
// numbers are the only unique columns a profile writes.
func uniqueField(err error) error {
	if !database.IsUniqueViolation(err) {
		return fmt.Errorf("write startup: %w", err)
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "kr_business_number"):
		return errs.Field("kr_business_number", "directory.field.taken", nil)
	case strings.Contains(msg, "cn_credit_code"):
		return errs.Field("cn_credit_code", "directory.field.taken", nil)
	}
	return fmt.Errorf("write startup: %w", errs.ErrConflict)
}
