package api

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/errs"
)

// Bounds of ?limit=, as the contract fixes them.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// cursorPrefix versions the cursor format, so that it can change without
// misreading the cursors clients still hold.
const cursorPrefix = "c1:"

// Page is one page a client asks for: at most Limit items after a cursor.
type Page struct {
	Limit int
	// After is the sort key of the last item of the previous page, as
	// NewList put it in next_cursor; "" for the first page.
	After string
}

// ParsePage reads ?limit= and ?cursor=; a bad value of either is a 400
// naming it.
func ParsePage(r *http.Request) (Page, error) {
	q := r.URL.Query()
	p := Page{Limit: DefaultLimit}
	var v errs.Invalid
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			v.Add("limit", "field.limit", map[string]any{"max": MaxLimit})
		}
		p.Limit = n
	}
	if s := q.Get("cursor"); s != "" {
		raw, err := base64.RawURLEncoding.DecodeString(s)
		key, ok := strings.CutPrefix(string(raw), cursorPrefix)
		if err != nil || !ok || key == "" {
			v.Add("cursor", "field.cursor", nil)
		}
		p.After = key
	}
	return p, v.OrNil()
}

// AfterID reads the cursor of a list ordered by id: 0 on the first page.
func (p Page) AfterID() (int64, error) {
	if p.After == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(p.After, 10, 64)
	if err != nil || id < 0 {
		return 0, errs.Field("cursor", "field.cursor", nil)
	}
	return id, nil
}

// Fetch is how many items to ask the store for: one more than the page
// holds, so that NewList knows whether another page follows without a
// second query.
func (p Page) Fetch() int { return p.Limit + 1 }

// List is the contract's envelope of every list answer.
type List[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// NewList makes the answer for page from items fetched with Page.Fetch:
// it keeps Limit of them and, when more follow, points next_cursor after
// the last one kept, whose sort key is key(item). Items is never null.
func NewList[T any](items []T, page Page, key func(T) string) List[T] {
	l := List[T]{Items: items}
	if l.Items == nil {
		l.Items = []T{}
	}
	if len(l.Items) > page.Limit {
		l.Items = l.Items[:page.Limit]
		c := EncodeCursor(key(l.Items[page.Limit-1]))
		l.NextCursor = &c
	}
	return l
}

// EncodeCursor makes the opaque cursor for a sort key.
func EncodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + key))
}

// IDKey is the sort key of an item in a list ordered by id.
func IDKey(id int64) string { return strconv.FormatInt(id, 10) }

// PageSlice pages through a short list held in memory (regions, a
// taxonomy), ordered as given, with key(item) as the cursor. A cursor
// naming no item is a 400: the list changed, start again.
func PageSlice[T any](all []T, page Page, key func(T) string) (List[T], error) {
	start := 0
	if page.After != "" {
		start = -1
		for i, item := range all {
			if key(item) == page.After {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return List[T]{}, errs.Field("cursor", "field.cursor", nil)
		}
	}
	end := min(start+page.Fetch(), len(all))
	return NewList(all[start:end], page, key), nil
}
