package api_test

import (
	"net/http/httptest"
	"slices"
	"testing"

	"startbridge/internal/api"
)

func TestParsePage(t *testing.T) {
	tests := []struct {
		query  string
		limit  int
		after  string
		fields []string
	}{
		{"", api.DefaultLimit, "", nil},
		{"limit=1", 1, "", nil},
		{"limit=500", 500, "", nil},
		{"limit=0", 0, "", []string{"limit"}},
		{"limit=501", 0, "", []string{"limit"}},
		{"limit=-3", 0, "", []string{"limit"}},
		{"limit=ten", 0, "", []string{"limit"}},
		{"cursor=" + api.EncodeCursor("42"), api.DefaultLimit, "42", nil},
		{"cursor=!!!", 0, "", []string{"cursor"}},
		{"cursor=NDI", 0, "", []string{"cursor"}}, // base64 of "42", without the version prefix
		{"limit=x&cursor=!", 0, "", []string{"cursor", "limit"}},
	}
	for _, tt := range tests {
		p, err := api.ParsePage(httptest.NewRequest("GET", "/?"+tt.query, nil))
		var fields []string
		for f := range fieldKeys(err) {
			fields = append(fields, f)
		}
		slices.Sort(fields)
		if !slices.Equal(fields, tt.fields) {
			t.Errorf("%q: fields at fault %v, want %v", tt.query, fields, tt.fields)
		}
		if err == nil && (p.Limit != tt.limit || p.After != tt.after) {
			t.Errorf("%q: page %+v, want limit %d after %q", tt.query, p, tt.limit, tt.after)
		}
	}
}

func TestAfterIDRefusesCursorsOfOtherLists(t *testing.T) {
	if _, err := (api.Page{After: "gyeonggi"}).AfterID(); fieldKeys(err)["cursor"] != "field.cursor" {
		t.Errorf("a code as an id cursor: err = %v", err)
	}
	if id, err := (api.Page{}).AfterID(); id != 0 || err != nil {
		t.Errorf("first page: %d, %v", id, err)
	}
}

func TestNewListWalksEveryItemOnce(t *testing.T) {
	all := []int64{1, 2, 3, 4, 5, 6, 7}
	key := func(id int64) string { return api.IDKey(id) }
	var seen []int64
	page := api.Page{Limit: 3}
	for range 10 {
		// What a store returns: up to Fetch items after the cursor.
		after, _ := page.AfterID()
		var fetched []int64
		for _, id := range all {
			if id > after && len(fetched) < page.Fetch() {
				fetched = append(fetched, id)
			}
		}
		list := api.NewList(fetched, page, key)
		seen = append(seen, list.Items...)
		if list.NextCursor == nil {
			break
		}
		r := httptest.NewRequest("GET", "/?limit=3&cursor="+*list.NextCursor, nil)
		page, _ = api.ParsePage(r)
	}
	if !slices.Equal(seen, all) {
		t.Errorf("pages gave %v, want %v", seen, all)
	}
	if list := api.NewList[int64](nil, api.Page{Limit: 3}, key); list.Items == nil || list.NextCursor != nil {
		t.Errorf("empty list = %+v, want [] and no cursor", list)
	}
}

func TestPageSlice(t *testing.T) {
	codes := []string{"gyeonggi", "hangzhou", "munich"}
	id := func(s string) string { return s }
	first, err := api.PageSlice(codes, api.Page{Limit: 2}, id)
	if err != nil || !slices.Equal(first.Items, codes[:2]) || first.NextCursor == nil {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	second, err := api.PageSlice(codes, api.Page{Limit: 2, After: "hangzhou"}, id)
	if err != nil || !slices.Equal(second.Items, codes[2:]) || second.NextCursor != nil {
		t.Errorf("second page = %+v, %v", second, err)
	}
	if _, err := api.PageSlice(codes, api.Page{Limit: 2, After: "mars"}, id); fieldKeys(err)["cursor"] != "field.cursor" {
		t.Errorf("vanished cursor: err = %v", err)
	}
}
