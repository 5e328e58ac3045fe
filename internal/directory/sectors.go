package directory

import (
	"context"
	"fmt"

	"startbridge/internal/database"
	"startbridge/internal/text"
)

// Sector is one entry of the shared sector taxonomy.
type Sector struct {
	Code string    `json:"code"`
	Name text.Text `json:"name"`
}

// Sectors lists the taxonomy in display order.
func (s *Store) Sectors(ctx context.Context) ([]Sector, error) {
	return listSectors(ctx, s.db)
}

func listSectors(ctx context.Context, q database.Querier) ([]Sector, error) {
	rows, err := q.Query(ctx, `SELECT code, name_ko, name_zh, name_en FROM sectors ORDER BY position, code`)
	if err != nil {
		return nil, fmt.Errorf("list sectors: %w", err)
	}
	defer rows.Close()
	var out []Sector
	for rows.Next() {
		var sc Sector
		if err := rows.Scan(&sc.Code, &sc.Name.Ko, &sc.Name.Zh, &sc.Name.En); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}
