package directory

import (
	"context"
	"fmt"

	"startbridge/internal/database"
	"startbridge/internal/search"
)

// matchInvestors is matchStartups for investors (conditions on alias i).
func matchInvestors(ctx context.Context, db database.Querier, expr string, c conditions, beforeID int64, limit int) ([]match, error) {
	if beforeID > 0 {
		c.add(`i.id < ?`, beforeID)
	}
	query := `SELECT i.id FROM investor_search x JOIN investors i ON i.id = x.investor_id
		WHERE x.doc @@ CAST(? AS tsquery) AND ` + c.sql() + ` ORDER BY x.investor_id DESC LIMIT ?`
	if db.Dialect() == database.SQLite {
		query = `SELECT i.id FROM investor_search f CROSS JOIN investors i ON i.id = f.rowid
			WHERE investor_search MATCH ? AND ` + c.sql() + ` ORDER BY f.rowid DESC LIMIT ?`
	}
	return scanIDs(db.Query(ctx, query, append(append([]any{expr}, c.args...), limit)...))
}

// searchInvestors lists the investors that match query and c in the same
// tiers as start-ups.
func (s *Store) searchInvestors(ctx context.Context, query string, c conditions, after string, limit int) ([]*Investor, string, error) {
	q := search.Parse(query)
	cur, err := parseSearchCursor(after)
	if err != nil || q.Empty() {
		return []*Investor{}, "", err
	}
	if err := s.ensureIndex(ctx); err != nil {
		return nil, "", err
	}
	d := s.db.Dialect()
	ids, next, err := pageOfMatches(cur, limit, func(tier int, beforeID int64, n int) ([]match, error) {
		return matchInvestors(ctx, s.db, tierQuery(d, q, tier), c, beforeID, n)
	})
	if err != nil {
		return nil, "", err
	}
	ivs, err := s.investorsByID(ctx, ids)
	return ivs, next, err
}

// investorsByID loads investors in the order of ids.
func (s *Store) investorsByID(ctx context.Context, ids []int64) ([]*Investor, error) {
	if len(ids) == 0 {
		return []*Investor{}, nil
	}
	rows, err := s.db.Query(ctx, `SELECT `+investorReadColumns+` FROM investors i WHERE i.id IN (`+placeholders(len(ids))+`)`, idArgs(ids)...)
	if err != nil {
		return nil, fmt.Errorf("load investors: %w", err)
	}
	items, err := s.collectInvestors(ctx, rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*Investor, len(items))
	for _, iv := range items {
		byID[iv.ID] = iv
	}
	out := make([]*Investor, 0, len(ids))
	for _, id := range ids {
		if iv := byID[id]; iv != nil {
			out = append(out, iv)
		}
	}
	return out, nil
}
