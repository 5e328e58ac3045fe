package directory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
)

// MaxImportBytes bounds an uploaded spreadsheet.
const MaxImportBytes = 10 << 20

// importLifetime is how long an uploaded spreadsheet waits for its commit.
const importLifetime = 24 * time.Hour

// ImportFile is an uploaded spreadsheet waiting for its import.
type ImportFile struct {
	ID       int64
	UserID   int64
	Filename string
	Data     []byte
}

// SaveImportFile keeps an uploaded spreadsheet for the steps of an import
// and drops those older than a day.
func (s *Store) SaveImportFile(ctx context.Context, actor *auth.User, filename string, data []byte) (int64, error) {
	if err := auth.Can(actor, auth.ImportStartups, auth.Target{}); err != nil {
		return 0, err
	}
	now := s.now()
	if _, err := s.db.Exec(ctx, `DELETE FROM directory_imports WHERE created_at < ?`, now.Add(-importLifetime)); err != nil {
		return 0, fmt.Errorf("drop old imports: %w", err)
	}
	var id int64
	err := s.db.QueryRow(ctx, `INSERT INTO directory_imports (user_id, filename, data, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		actor.ID, safeFilename(filename), data, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("keep import file: %w", err)
	}
	return id, nil
}

// ImportFile returns an uploaded spreadsheet to the staff member who
// uploaded it; to anyone else it does not exist.
func (s *Store) ImportFile(ctx context.Context, actor *auth.User, id int64) (*ImportFile, error) {
	if err := auth.Can(actor, auth.ImportStartups, auth.Target{}); err != nil {
		return nil, err
	}
	f := &ImportFile{}
	err := s.db.QueryRow(ctx, `SELECT id, user_id, filename, data FROM directory_imports WHERE id = ? AND user_id = ?`, id, actor.ID).
		Scan(&f.ID, &f.UserID, &f.Filename, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("import %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load import file: %w", err)
	}
	return f, nil
}

// DropImportFile forgets an uploaded spreadsheet once it is imported.
func (s *Store) DropImportFile(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM directory_imports WHERE id = ?`, id)
	return err
}
