package directory

import (
	"context"

	"startbridge/internal/database"
)

// reindexStartup brings start-up id's search entry in line with its row.
func reindexStartup(ctx context.Context, tx *database.Tx, id int64) error {
	return nil
}

// reindexInvestor brings investor id's search entry in line with its row.
func reindexInvestor(ctx context.Context, tx *database.Tx, id int64) error {
	return nil
}

func (s *Store) searchInvestors(ctx context.Context, query string, c conditions, after string, limit int) ([]*Investor, string, error) {
	return nil, "", nil
}
