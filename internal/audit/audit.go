// Package audit appends to the append-only log of who changed what.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"startbridge/internal/database"
)

// Record appends one entry in the caller's transaction, so the entry exists
// exactly when the change does. actorID 0 means the system.
func Record(ctx context.Context, q database.Querier, actorID int64, action, kind string, objectID int64, detail any) error {
	body := []byte("{}")
	if detail != nil {
		var err error
		if body, err = json.Marshal(detail); err != nil {
			return fmt.Errorf("audit detail: %w", err)
		}
	}
	var actor any
	if actorID != 0 {
		actor = actorID
	}
	_, err := q.Exec(ctx, `INSERT INTO audit_log (at, actor_id, action, object_kind, object_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		time.Now(), actor, action, kind, objectID, string(body))
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}
