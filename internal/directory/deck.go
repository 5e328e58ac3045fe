package directory

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// MaxDeckBytes bounds a pitch deck. Decks live in the database, so the bound
// keeps rows and backups reasonable; 20 MiB holds any sensible deck.
const MaxDeckBytes = 20 << 20

// DeckField is the name of the upload field, in forms and problem answers.
const DeckField = "deck"

// ErrDeckTooLarge refuses a deck over MaxDeckBytes, naming the field.
var ErrDeckTooLarge = errs.Field(DeckField, "directory.field.deck_too_large", map[string]any{"max_mb": MaxDeckBytes >> 20})

// Deck is an uploaded pitch deck with its bytes.
type Deck struct {
	DeckInfo
	Data []byte
}

// IsPDF judges a file by its content, never by its name or declared type:
// a PDF starts with "%PDF-" within its first KiB and ends with "%%EOF"
// within its last KiB (the bounds readers such as Acrobat accept).
func IsPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	tail := data[max(0, len(data)-1024):]
	return bytes.Contains(head, []byte("%PDF-")) && bytes.Contains(tail, []byte("%%EOF"))
}

// SetDeck stores data as start-up id's pitch deck, replacing any earlier one.
// Only a PDF of at most MaxDeckBytes is taken.
func (s *Store) SetDeck(ctx context.Context, actor *auth.User, id int64, filename string, data []byte) (*DeckInfo, error) {
	if err := auth.Can(actor, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return nil, err
	}
	switch {
	case len(data) > MaxDeckBytes:
		return nil, ErrDeckTooLarge
	case len(data) == 0:
		return nil, errs.Field(DeckField, "field.required", nil)
	case !IsPDF(data):
		return nil, errs.Field(DeckField, "directory.field.deck_not_pdf", nil)
	}
	sum := sha256.Sum256(data)
	info := &DeckInfo{Filename: cleanFilename(filename), Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), UploadedAt: s.now().UTC()}
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := loadStartup(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM startup_decks WHERE startup_id = ?`, id); err != nil {
			return fmt.Errorf("replace deck: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO startup_decks (startup_id, filename, content_type, size_bytes, sha256, data, uploaded_by, uploaded_at)
			VALUES (?, ?, 'application/pdf', ?, ?, ?, ?, ?)`, id, info.Filename, info.Size, info.SHA256, data, actor.ID, info.UploadedAt); err != nil {
			return fmt.Errorf("store deck: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "startup.deck.upload", "startup", id, map[string]any{"sha256": info.SHA256, "size": info.Size})
	})
	if err != nil {
		return nil, err
	}
	return info, nil
}

// Deck returns start-up id's pitch deck for viewer: its team, staff and
// investors may read it.
func (s *Store) Deck(ctx context.Context, viewer *auth.User, id int64) (*Deck, error) {
	if _, err := s.Startup(ctx, viewer, id); err != nil {
		return nil, err
	}
	if err := auth.Can(viewer, auth.ViewPitchDeck, auth.Target{StartupID: id}); err != nil {
		return nil, err
	}
	d := &Deck{}
	err := s.db.QueryRow(ctx, `SELECT filename, size_bytes, sha256, uploaded_at, data FROM startup_decks WHERE startup_id = ?`, id).
		Scan(&d.Filename, &d.Size, &d.SHA256, &d.UploadedAt, &d.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("deck of startup %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load deck: %w", err)
	}
	return d, nil
}

func deckInfo(ctx context.Context, q database.Querier, id int64) (*DeckInfo, error) {
	d := &DeckInfo{}
	err := q.QueryRow(ctx, `SELECT filename, size_bytes, sha256, uploaded_at FROM startup_decks WHERE startup_id = ?`, id).
		Scan(&d.Filename, &d.Size, &d.SHA256, &d.UploadedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load deck info: %w", err)
	}
	return d, nil
}

// cleanFilename is safeFilename ending in .pdf, for decks.
func cleanFilename(name string) string {
	name = safeFilename(name)
	if !strings.HasSuffix(strings.ToLower(name), ".pdf") {
		name += ".pdf"
	}
	return name
}

// safeFilename keeps the base name of what the browser sent, without path
// or control characters, so it is safe in a Content-Disposition header.
func safeFilename(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" || name == "" {
		name = "deck"
	}
	if utf8.RuneCountInString(name) > 100 {
		name = string([]rune(name)[:100])
	}
	return name
}
