package contest

import (
	"context"
	"database/sql"
	"strings"

	"startbridge/internal/audit"
	"startbridge/internal/database"
)

// insertID runs an INSERT … and returns the new row's id; both engines
// support RETURNING.
func insertID(ctx context.Context, q database.Querier, query string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// split reads a comma-separated list column.
func split(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func auditf(ctx context.Context, q database.Querier, actorID int64, action, kind string, id int64, detail any) error {
	return audit.Record(ctx, q, actorID, action, kind, id, detail)
}
