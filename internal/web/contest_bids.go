package web

import (
	"fmt"
	"net/http"
	"strconv"

	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// The judge's bids: how much they want to review each application of a
// round, which the assignment weighs (API-CONTRACT: score = bid + …).

// bidLevels are the choices the form offers; −100 counts as a conflict.
var bidLevels = []int{100, 50, 0, -50, -100}

type bidRow struct {
	contest.BidRow
	Field string
}

type bidsView struct {
	Page
	Form
	Contest *contest.Contest
	Round   *contest.Round
	Rows    []bidRow
	Levels  []int
	Saved   bool
}

func (s *site) bidsView(r *http.Request) (*bidsView, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	id, err := contestPathID(r, "id")
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return nil, errs.ErrNotFound
	}
	store := s.contests()
	c, err := store.Get(r.Context(), id)
	if err != nil {
		return nil, err
	}
	round, err := c.Round(n)
	if err != nil {
		return nil, err
	}
	rows, err := store.Biddable(r.Context(), rq.User, id, n)
	if err != nil {
		return nil, err
	}
	v := &bidsView{Page: Page{Nav: "contests"}, Form: newForm(), Contest: c, Round: round, Levels: bidLevels, Saved: r.URL.Query().Get("saved") == "1"}
	for _, row := range rows {
		v.Rows = append(v.Rows, bidRow{BidRow: row, Field: fmt.Sprintf("bid-%d", row.ApplicationID)})
	}
	return v, nil
}

func (s *site) contestBids(w http.ResponseWriter, r *http.Request) error {
	v, err := s.bidsView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "contest_bids", v)
}

func (s *site) contestSaveBids(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.bidsView(r)
	if err != nil {
		return err
	}
	bids := map[int64]int{}
	for i := range v.Rows {
		row := &v.Rows[i]
		if n, err := strconv.Atoi(r.PostFormValue(row.Field)); err == nil && n != 0 {
			bids[row.ApplicationID] = n
			row.Bid = n
		}
	}
	user := httpx.From(r).User
	if err := s.contests().SetBids(r.Context(), user, v.Contest.ID, v.Round.Number, user.ID, bids); err != nil {
		return reshow(err, "contest_bids", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/contests/%d/rounds/%d/bids?saved=1", v.Contest.ID, v.Round.Number))
}
