// Package notify tells people what happened: in-app notifications that are
// shown in the reader's language whenever they are read, and an email
// outbox that the email sender drains (SPEC §3.7).
package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Message is what to tell someone: a catalogue key with the arguments of
// its {placeholders}, and the local page it leads to.
type Message struct {
	// Kind groups messages for preferences and filters ("office.promoted").
	Kind string
	Key  string
	Args map[string]string
	Link string
}

// Notification is one message to one user.
type Notification struct {
	ID        int64             `json:"id"`
	Kind      string            `json:"kind"`
	Key       string            `json:"key"`
	Args      map[string]string `json:"args"`
	Link      string            `json:"link,omitempty"`
	CreatedAt time.Time         `json:"created_at"`
	ReadAt    *time.Time        `json:"read_at"`
}

// Flat returns the arguments as name, value pairs for a printer.
func (n Notification) Flat() []any { return flat(n.Args) }

// flat returns a message's arguments as name, value pairs for a printer.
func flat(args map[string]string) []any {
	out := make([]any, 0, 2*len(args))
	for k, v := range args {
		out = append(out, k, v)
	}
	return out
}

// InEachLanguage adds a text to a message's arguments once per language,
// as name_ko, name_zh and name_en (each falling back as text.Text.In does),
// so that the catalogue's message in each language names it in that
// language.
func InEachLanguage(args map[string]string, name string, t text.Text) map[string]string {
	for _, lang := range []string{"ko", "zh", "en"} {
		args[name+"_"+lang] = t.In(lang)
	}
	return args
}

// Topics are what users choose to receive by email or not: the first part
// of the kinds of the notifications sent.
var Topics = []string{"office", "booking", "contest"}

// TopicOf returns the topic of a kind ("office" for "office.promoted").
func TopicOf(kind string) string {
	topic, _, _ := strings.Cut(kind, ".")
	return topic
}

// Send notifies a user inside the caller's transaction, so the notice exists
// exactly when the change it tells of does, and queues the same message for
// email in the user's language, unless they chose not to have its topic by
// email.
func Send(ctx context.Context, q database.Querier, userID int64, m Message) error {
	args, err := json.Marshal(orEmpty(m.Args))
	if err != nil {
		return fmt.Errorf("notify args: %w", err)
	}
	now := time.Now()
	var id int64
	err = q.QueryRow(ctx, `INSERT INTO notifications (user_id, kind, msg_key, args, link, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, userID, m.Kind, m.Key, string(args), m.Link, now).Scan(&id)
	if err != nil {
		return fmt.Errorf("notify user %d: %w", userID, err)
	}
	// Unless the user asked for this topic in the app only.
	_, err = q.Exec(ctx, `INSERT INTO email_outbox (user_id, notification_id, to_address, language, kind, msg_key, args, link, next_attempt_at, created_at)
		SELECT id, ?, email, language, ?, ?, ?, ?, ?, ? FROM users WHERE id = ? AND disabled = ?
		AND NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = users.id AND p.topic = ? AND p.email = ?)`,
		id, m.Kind, m.Key, string(args), m.Link, now, now, userID, false, TopicOf(m.Kind), false)
	if err != nil {
		return fmt.Errorf("queue email for user %d: %w", userID, err)
	}
	return nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// Store reads and marks a user's notifications.
type Store struct {
	db *database.DB
}

// NewStore returns a Store on db.
func NewStore(db *database.DB) *Store { return &Store{db: db} }

// List returns up to limit of the user's notifications, newest first,
// older than the id after (0 for the newest).
func (s *Store) List(ctx context.Context, userID, before int64, limit int) ([]Notification, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.db.Query(ctx, `SELECT id, kind, msg_key, args, link, created_at, read_at FROM notifications
		WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, userID, before, limit)
	if err != nil {
		return nil, fmt.Errorf("list notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var args string
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.Kind, &n.Key, &args, &n.Link, &n.CreatedAt, &read); err != nil {
			return nil, fmt.Errorf("scan notification: %w", err)
		}
		if err := json.Unmarshal([]byte(args), &n.Args); err != nil {
			return nil, fmt.Errorf("notification %d args: %w", n.ID, err)
		}
		if read.Valid {
			t := read.Time
			n.ReadAt = &t
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Unread counts the user's unread notifications.
func (s *Store) Unread(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread: %w", err)
	}
	return n, nil
}

// MarkRead marks one of the user's notifications read; another user's
// notification is not found.
func (s *Store) MarkRead(ctx context.Context, userID, id int64) error {
	res, err := s.db.Exec(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?`, time.Now(), id, userID)
	if err != nil {
		return fmt.Errorf("mark read: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("notification %s: %w", strconv.FormatInt(id, 10), errs.ErrNotFound)
	}
	return nil
}

// MarkAllRead marks every notification of the user read.
func (s *Store) MarkAllRead(ctx context.Context, userID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, time.Now(), userID)
	if err != nil {
		return fmt.Errorf("mark all read: %w", err)
	}
	return nil
}

// Email is one queued email, as the sender sees it.
type Email struct {
	ID       int64
	To       string
	Language string
	Kind     string
	Key      string
	Args     map[string]string
	Link     string
	// Attempts counts the tries so far.
	Attempts int
}

// Pending returns up to limit queued emails that are due, oldest first, for
// the sender (and for tests).
func (s *Store) Pending(ctx context.Context, limit int) ([]Email, error) {
	rows, err := s.db.Query(ctx, `SELECT id, to_address, language, kind, msg_key, args, link, attempts FROM email_outbox
		WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`, time.Now(), limit)
	if err != nil {
		return nil, fmt.Errorf("pending email: %w", err)
	}
	defer rows.Close()
	var out []Email
	for rows.Next() {
		var e Email
		var args string
		if err := rows.Scan(&e.ID, &e.To, &e.Language, &e.Kind, &e.Key, &args, &e.Link, &e.Attempts); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(args), &e.Args); err != nil {
			return nil, errors.Join(fmt.Errorf("email %d args", e.ID), err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EmailPreferences returns, per topic, whether the user has its
// notifications by email too (the default) or in the app only.
func (s *Store) EmailPreferences(ctx context.Context, userID int64) (map[string]bool, error) {
	out := map[string]bool{}
	for _, t := range Topics {
		out[t] = true
	}
	rows, err := s.db.Query(ctx, `SELECT topic, email FROM notification_preferences WHERE user_id = ?`, userID)
	if err != nil {
		return nil, fmt.Errorf("notification preferences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var topic string
		var email bool
		if err := rows.Scan(&topic, &email); err != nil {
			return nil, err
		}
		if _, known := out[topic]; known {
			out[topic] = email
		}
	}
	return out, rows.Err()
}

// SetEmailPreferences records, per topic, whether the user has its
// notifications by email too; topics not given are left as they are. An
// unknown topic is refused, naming it, and nothing is changed.
func (s *Store) SetEmailPreferences(ctx context.Context, userID int64, email map[string]bool) error {
	var v errs.Invalid
	for t := range email {
		if !slices.Contains(Topics, t) {
			v.Add("email."+t, "notify.field.topic", nil)
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		for t, on := range email {
			_, err := tx.Exec(ctx, `INSERT INTO notification_preferences (user_id, topic, email) VALUES (?, ?, ?)
				ON CONFLICT (user_id, topic) DO UPDATE SET email = EXCLUDED.email`, userID, t, on)
			if err != nil {
				return fmt.Errorf("set notification preference: %w", err)
			}
		}
		return nil
	})
}
