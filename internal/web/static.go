package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"startbridge/internal/errs"
)

//go:embed static
var staticFiles embed.FS

// asset is one static file with the hash that names its version.
type asset struct {
	body        []byte
	contentType string
	hash        string
}

// assets are the static files, read once at start. Pages link to them with
// ?v=hash, so a browser may keep a file for a year and still gets a new one
// the moment it changes.
type assets struct {
	files map[string]asset
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(staticFiles, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFiles.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			return fmt.Errorf("%s: unknown file type", name)
		}
		a.files[name[len("static/"):]] = asset{body: body, contentType: ctype, hash: hex.EncodeToString(sum[:6])}
		return nil
	})
	return a, err
}

// url is the versioned address of a static file.
func (a *assets) url(name string) string {
	return "/static/" + name + "?v=" + a.files[name].hash
}

func (s *site) static(w http.ResponseWriter, r *http.Request) error {
	f, ok := s.assets.files[r.PathValue("path")]
	if !ok {
		return fmt.Errorf("static %q: %w", r.PathValue("path"), errs.ErrNotFound)
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", `"`+f.hash+`"`)
	h.Set("Cache-Control", "public, max-age=3600")
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
	return nil
}
