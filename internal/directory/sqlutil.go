package directory

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// civilDate scans a date column: TEXT YYYY-MM-DD on SQLite, DATE (a
// time.Time) on PostgreSQL; NULL becomes "".
type civilDate string

// Scan implements sql.Scanner.
func (d *civilDate) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = ""
	case string:
		*d = civilDate(x)
	case []byte:
		*d = civilDate(x)
	case time.Time:
		*d = civilDate(x.Format(time.DateOnly))
	default:
		return fmt.Errorf("date: cannot scan %T", v)
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func int64Ptr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// assignments turns "a, b, c" into "a = ?, b = ?, c = ?".
func assignments(columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p) + " = ?"
	}
	return strings.Join(parts, ", ")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func idArgs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func trimLower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func trimUpper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
