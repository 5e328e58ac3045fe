package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
)

// putDeck stores the request body (application/pdf) as the pitch deck. The
// body is read at most one byte past the limit, so a 2 GB upload costs
// MaxDeckBytes of reading before it is refused, naming the field.
func (d *directoryAPI) putDeck(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := d.store.Startup(r.Context(), actor, id); err != nil {
		return err
	}
	if err := auth.Can(actor, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return err
	}
	if r.ContentLength > directory.MaxDeckBytes {
		return directory.ErrDeckTooLarge
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, directory.MaxDeckBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return directory.ErrDeckTooLarge
	}
	if err != nil {
		return err
	}
	name := "deck.pdf"
	if _, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = params["filename"]
	}
	info, err := d.store.SetDeck(r.Context(), actor, id, name, data)
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, info)
}

// getDeck sends the pitch deck to those who may read it.
func (d *directoryAPI) getDeck(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	deck, err := d.store.Deck(r.Context(), CurrentViewer(r), id)
	if err != nil {
		return err
	}
	ServeDeck(w, deck)
	return nil
}

// ServeDeck writes a deck as a PDF download; the web pages serve it the
// same way.
func ServeDeck(w http.ResponseWriter, deck *directory.Deck) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Length", strconv.Itoa(len(deck.Data)))
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(deck.Filename))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(deck.Data)
}
