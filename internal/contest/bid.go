package contest

import (
	"context"

	"startbridge/internal/auth"
	"startbridge/internal/text"
)

// BidRow is an application a judge may bid on, with their current bid.
type BidRow struct {
	ApplicationID int64
	StartupName   text.Text
	Sectors       []string
	Pitch         string
	Bid           int
}

// Biddable lists the applications of round n a judge may bid on: never one
// they are in conflict with.
func (s *Store) Biddable(ctx context.Context, judge *auth.User, contestID int64, n int) ([]BidRow, error) {
	if err := auth.Can(judge, auth.JudgeContest, auth.Target{ContestID: contestID}); err != nil {
		return nil, err
	}
	c, err := loadContest(ctx, s.db, contestID)
	if err != nil {
		return nil, err
	}
	r, err := c.Round(n)
	if err != nil {
		return nil, err
	}
	apps, err := queryApplications(ctx, s.db, `WHERE a.contest_id = ? AND a.status = 'submitted' AND a.round_reached >= ? ORDER BY a.id`, contestID, n)
	if err != nil {
		return nil, err
	}
	if err := loadSectors(ctx, s.db, apps); err != nil {
		return nil, err
	}
	conflicts, err := conflictSet(ctx, s.db, contestID, judge.ID)
	if err != nil {
		return nil, err
	}
	bids := map[int64]int{}
	rows, err := s.db.Query(ctx, `SELECT application_id, value FROM contest_bids WHERE round_id = ? AND judge_user_id = ?`, r.ID, judge.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a int64
		var v int
		if err := rows.Scan(&a, &v); err != nil {
			rows.Close()
			return nil, err
		}
		bids[a] = v
	}
	rows.Close()
	var out []BidRow
	for _, a := range apps {
		if conflicts[[2]int64{judge.ID, a.StartupID}] != "" {
			continue
		}
		out = append(out, BidRow{ApplicationID: a.ID, StartupName: a.StartupName, Sectors: a.Sectors, Pitch: a.Pitch, Bid: bids[a.ID]})
	}
	return out, rows.Err()
}
