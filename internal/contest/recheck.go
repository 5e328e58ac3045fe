package contest

import (
	"context"

	"startbridge/internal/database"
)

// RecheckConflicts looks again, inside tx, at the contests where a conflict
// may have just arisen outside the contest — an investor's portfolio took a
// start-up (startupID), or a user joined an investor's team (judgeID); 0
// matches any. Reviews now in conflict are withdrawn and their rounds
// assigned again, exactly as after a declared conflict. It returns the ids
// of the withdrawn reviews.
func (s *Store) RecheckConflicts(ctx context.Context, tx *database.Tx, actorID, startupID, judgeID int64) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT DISTINCT cr.contest_id FROM contest_reviews r
		JOIN contest_rounds cr ON cr.id = r.round_id JOIN contest_applications a ON a.id = r.application_id
		WHERE r.status <> 'withdrawn' AND (? = 0 OR a.startup_id = ?) AND (? = 0 OR r.judge_user_id = ?)
		ORDER BY cr.contest_id`, startupID, startupID, judgeID, judgeID)
	if err != nil {
		return nil, err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	var withdrawn []int64
	for _, id := range ids {
		c, err := loadContest(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		w, _, err := s.reassignConflicted(ctx, tx, actorID, c)
		if err != nil {
			return nil, err
		}
		withdrawn = append(withdrawn, w...)
	}
	return withdrawn, nil
}
