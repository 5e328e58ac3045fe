package directory

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// RowProblem is what is wrong with one row of a batch: Row counts from 1
// in the order given; the fields are those of StartupInput's JSON names.
type RowProblem struct {
	Row    int
	Fields []errs.FieldError
}

// CheckStartups validates a batch without storing anything: each row on its
// own, then across rows (the same business number twice). The answer lists
// every problem of every row; nil means the batch would be stored whole.
func (s *Store) CheckStartups(ctx context.Context, ins []StartupInput) ([]RowProblem, error) {
	t, err := loadTaxonomy(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return s.checkBatch(ctx, s.db, t, ins)
}

func (s *Store) checkBatch(ctx context.Context, q database.Querier, t *taxonomy, ins []StartupInput) ([]RowProblem, error) {
	now := s.now()
	var problems []RowProblem
	seen := map[string]int{}
	for i := range ins {
		in := &ins[i]
		in.normalize()
		var v errs.Invalid
		if err := in.validate(t, now); err != nil {
			var inv *errs.Invalid
			if !errors.As(err, &inv) {
				return nil, err
			}
			v.Fields = append(v.Fields, inv.Fields...)
		}
		for _, k := range []struct{ field, value string }{{"kr_business_number", in.KRBizNumber}, {"cn_credit_code", in.CNCreditNo}} {
			if k.value == "" || v.Has(k.field) {
				continue
			}
			if first, dup := seen[k.field+k.value]; dup {
				v.Add(k.field, "directory.field.duplicate_in_file", map[string]any{"row": first})
				continue
			}
			seen[k.field+k.value] = i + 1
			var n int
			// k.field is one of the two column names above, never input.
			if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM startups WHERE `+k.field+` = ?`, k.value).Scan(&n); err != nil {
				return nil, fmt.Errorf("check %s: %w", k.field, err)
			}
			if n > 0 {
				v.Add(k.field, "directory.field.taken", nil)
			}
		}
		if len(v.Fields) > 0 {
			problems = append(problems, RowProblem{Row: i + 1, Fields: v.Fields})
		}
	}
	return problems, nil
}

// ErrBatchInvalid refuses a batch with problems; Problems lists them.
type ErrBatchInvalid struct {
	Problems []RowProblem
}

func (e *ErrBatchInvalid) Error() string {
	return fmt.Sprintf("%d rows have problems", len(e.Problems))
}

// InsertStartups stores a batch of start-ups in one transaction: all of
// them, or none when any row has a problem (*ErrBatchInvalid). Rows are
// written with multi-row statements, so tens of thousands take seconds;
// actorID (0 for the system) is recorded in the audit log once.
func (s *Store) InsertStartups(ctx context.Context, actorID int64, ins []StartupInput) ([]int64, error) {
	var ids []int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		t, err := loadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		batch := append([]StartupInput(nil), ins...)
		problems, err := s.checkBatch(ctx, tx, t, batch)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			return &ErrBatchInvalid{Problems: problems}
		}
		if ids, err = s.insertBatch(ctx, tx, t, actorID, batch); err != nil {
			return err
		}
		return s.recordBatch(ctx, tx, actorID, ids)
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// InsertStartupsTrusted is InsertStartups for generated data that is valid
// by construction (benchmark scale data): it skips the checks against the
// database but not the rules of each row.
func (s *Store) InsertStartupsTrusted(ctx context.Context, ins []StartupInput) ([]int64, error) {
	var ids []int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		t, err := loadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		for i := range ins {
			ins[i].normalize()
			if err := ins[i].validate(t, now); err != nil {
				return fmt.Errorf("row %d: %w", i+1, err)
			}
		}
		ids, err = s.insertBatch(ctx, tx, t, 0, ins)
		return err
	})
	return ids, err
}

func (s *Store) recordBatch(ctx context.Context, tx *database.Tx, actorID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (at, actor_id, action, object_kind, object_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		s.now(), nullID(actorID), "startup.import", "startup", ids[0], fmt.Sprintf(`{"count": %d, "first_id": %d, "last_id": %d}`, len(ids), ids[0], ids[len(ids)-1]))
	return err
}

// rowsPerStatement keeps a multi-row insert under SQLite's limit of 32,766
// parameters (and PostgreSQL's 65,535).
const rowsPerStatement = 400

// insertBatch writes normalized, valid rows with explicit ids: the next
// ones after the current maximum on SQLite, whose transactions hold the
// write lock; taken from the identity sequence on PostgreSQL, so concurrent
// single inserts never collide with them.
func (s *Store) insertBatch(ctx context.Context, tx *database.Tx, t *taxonomy, actorID int64, ins []StartupInput) ([]int64, error) {
	ids, err := reserveIDs(ctx, tx, len(ins))
	if err != nil {
		return nil, err
	}
	now := s.now()
	for start := 0; start < len(ins); start += rowsPerStatement {
		end := min(start+rowsPerStatement, len(ins))
		var rows, sectorRows []string
		var args, sectorArgs []any
		var entries []entry
		for i := start; i < end; i++ {
			in := &ins[i]
			row := append([]any{ids[i]}, startupWriteArgs(in)...)
			rows = append(rows, "("+placeholders(len(row))+", ?, 1, ?, ?)")
			args = append(append(args, row...), nullID(actorID), now, now)
			for _, c := range in.Sectors {
				sectorRows = append(sectorRows, "(?, ?)")
				sectorArgs = append(sectorArgs, ids[i], c)
			}
			entries = append(entries, startupEntry(in, t))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO startups (id, `+startupWriteColumns+`, created_by, version, created_at, updated_at) VALUES `+
			strings.Join(rows, ", "), args...); err != nil {
			return nil, uniqueField(err)
		}
		if len(sectorRows) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO startup_sectors (startup_id, sector_code) VALUES `+strings.Join(sectorRows, ", "), sectorArgs...); err != nil {
				return nil, fmt.Errorf("insert sectors: %w", err)
			}
		}
		if err := insertEntries(ctx, tx, "startup", ids[start:end], entries); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func reserveIDs(ctx context.Context, tx *database.Tx, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if tx.Dialect() == database.Postgres {
		rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('startups', 'id')) FROM generate_series(1, ?)`, n)
		if err != nil {
			return nil, fmt.Errorf("reserve ids: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var maxID int64
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM startups`).Scan(&maxID); err != nil {
		return nil, fmt.Errorf("reserve ids: %w", err)
	}
	for i := range n {
		ids = append(ids, maxID+int64(i)+1)
	}
	return ids, nil
}
