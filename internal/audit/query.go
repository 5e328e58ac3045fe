package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/database"
)

// Entry is one line of the audit log.
type Entry struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	ActorID    *int64          `json:"actor_id"`
	ActorName  string          `json:"actor_name,omitempty"`
	Action     string          `json:"action"`
	ObjectKind string          `json:"object_kind"`
	ObjectID   *int64          `json:"object_id"`
	Detail     json.RawMessage `json:"detail"`
}

// Filter narrows a read of the log; zero fields do not filter.
type Filter struct {
	// Action matches the action exactly or, ending in ".", as a prefix
	// ("consent." finds every consent change).
	Action     string
	ObjectKind string
	ActorID    int64
	Since      time.Time
	Until      time.Time
}

// Page reads entries newest first, with id below before (0 for the newest),
// at most limit of them. Authorization is the caller's: only admins read
// the log.
func Page(ctx context.Context, q database.Querier, f Filter, before int64, limit int) ([]Entry, error) {
	var where []string
	var args []any
	if before > 0 {
		where, args = append(where, "a.id < ?"), append(args, before)
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			where, args = append(where, "a.action LIKE ?"), append(args, strings.ReplaceAll(f.Action, "%", "")+"%")
		} else {
			where, args = append(where, "a.action = ?"), append(args, f.Action)
		}
	}
	if f.ObjectKind != "" {
		where, args = append(where, "a.object_kind = ?"), append(args, f.ObjectKind)
	}
	if f.ActorID != 0 {
		where, args = append(where, "a.actor_id = ?"), append(args, f.ActorID)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "a.at >= ?"), append(args, f.Since)
	}
	if !f.Until.IsZero() {
		where, args = append(where, "a.at < ?"), append(args, f.Until)
	}
	query := `SELECT a.id, a.at, a.actor_id, COALESCE(u.name, ''), a.action, a.object_kind, a.object_id, a.detail
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY a.id DESC LIMIT ?"
	rows, err := q.Query(ctx, query, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		var detail string
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.ObjectKind, &e.ObjectID, &detail); err != nil {
			return nil, err
		}
		e.Detail = json.RawMessage(detail)
		if !json.Valid(e.Detail) {
			e.Detail = json.RawMessage("{}")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
