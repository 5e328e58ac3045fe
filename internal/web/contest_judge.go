package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// The judge's pages: their reviews in a contest, and the scoring form per
// criterion with comments. The store shows a judge only their own reviews,
// never one they are in conflict with, and never other judges' scores.

type reviewsView struct {
	Page
	Contest *contest.Contest
	Reviews []*contest.Review
	Staff   bool
	Done    string
	// Next is the address of the next page of reviews ("" on the last),
	// PerPage its size; Paged says this is not the first page.
	Next    string
	PerPage int
	Paged   bool
}

// reviewsPerPage is how many reviews a page lists: a judge's hundred on
// one page, the staff's tens of thousands a hundred at a time.
var reviewsPerPage = 100

func (s *site) contestReviews(w http.ResponseWriter, r *http.Request) error {
	rq := httpx.From(r)
	if rq.User == nil {
		return errs.ErrUnauthenticated
	}
	id, err := contestPathID(r, "id")
	if err != nil {
		return err
	}
	store := s.contests()
	c, err := store.Get(r.Context(), id)
	if err != nil {
		return err
	}
	var after int64
	if a := r.URL.Query().Get("after"); a != "" {
		if after, err = strconv.ParseInt(a, 10, 64); err != nil || after <= 0 {
			return errs.Field("cursor", "field.cursor", nil)
		}
	}
	list, err := store.ReviewPage(r.Context(), rq.User, id, after, reviewsPerPage+1)
	if err != nil {
		return err
	}
	v := &reviewsView{Page: Page{Nav: "contests"}, Contest: c, Reviews: list, Staff: contest.MayManage(rq.User, c), Done: r.URL.Query().Get("done"),
		PerPage: reviewsPerPage, Paged: after > 0}
	if len(list) > reviewsPerPage {
		v.Reviews = list[:reviewsPerPage]
		v.Next = fmt.Sprintf("/contests/%d/reviews?after=%d", id, list[reviewsPerPage-1].ID)
	}
	return s.render(w, r, http.StatusOK, "contest_reviews", v)
}

// scoreRow is one criterion of the scoring form with what was entered.
type scoreRow struct {
	contest.Criterion
	Field, CommentField string
	Score, Comment      string
	Choices             []int
}

type reviewView struct {
	Page
	Form
	Contest *contest.Contest
	Review  *contest.Review
	Rows    []scoreRow
	Final   bool
	Saved   string
	Raw     string
}

func (s *site) reviewView(r *http.Request) (*reviewView, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	id, err := contestPathID(r, "id")
	if err != nil {
		return nil, err
	}
	rv, c, err := s.contests().Review(r.Context(), rq.User, id)
	if err != nil {
		return nil, err
	}
	v := &reviewView{Page: Page{Nav: "contests"}, Contest: c, Review: rv, Final: rv.Status == "submitted", Saved: r.URL.Query().Get("saved")}
	var fields []string
	for _, cr := range rv.Criteria {
		key := strconv.FormatInt(cr.ID, 10)
		row := scoreRow{Criterion: cr, Field: "scores." + key, CommentField: "comments." + key, Comment: rv.Comment(cr.ID)}
		if sc, ok := rv.Score(cr.ID); ok {
			row.Score = strconv.Itoa(sc)
		}
		for n := cr.Min; n <= cr.Max; n++ {
			row.Choices = append(row.Choices, n)
		}
		fields = append(fields, row.Field, row.CommentField)
		v.Rows = append(v.Rows, row)
	}
	v.Form = newForm(fields...)
	if rv.Raw != nil {
		v.Raw = fmt.Sprintf("%.1f", *rv.Raw)
	}
	return v, nil
}

func (s *site) reviewPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.reviewView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "contest_review", v)
}

// reviewSave stores the scores and comments; the submit button makes them
// final.
func (s *site) reviewSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.reviewView(r)
	if err != nil {
		return err
	}
	in := contest.ReviewInput{Scores: map[string]int{}, Comments: map[string]string{}, Submit: r.PostFormValue("action") == "submit"}
	bad := &errs.Invalid{}
	for i := range v.Rows {
		row := &v.Rows[i]
		key := strconv.FormatInt(row.ID, 10)
		row.Score, row.Comment = strings.TrimSpace(r.PostFormValue(row.Field)), r.PostFormValue(row.CommentField)
		if row.Comment != "" {
			in.Comments[key] = row.Comment
		}
		if row.Score == "" {
			continue
		}
		n, err := strconv.Atoi(row.Score)
		if err != nil {
			bad.Add(row.Field, "contest.field.score_scale", map[string]any{"min": row.Min, "max": row.Max})
			continue
		}
		in.Scores[key] = n
	}
	if err := bad.OrNil(); err != nil {
		return reshow(err, "contest_review", v, &v.Form)
	}
	if _, err := s.contests().SaveReview(r.Context(), httpx.From(r).User, v.Review.ID, in); err != nil {
		return reshow(err, "contest_review", v, &v.Form)
	}
	saved := "draft"
	if in.Submit {
		saved = "submitted"
	}
	return seeOther(w, r, fmt.Sprintf("/reviews/%d?saved=%s", v.Review.ID, saved))
}

// reviewConflict lets a judge declare that they are in conflict with the
// start-up of a review: the review is withdrawn and re-assigned.
func (s *site) reviewConflict(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.reviewView(r)
	if err != nil {
		return err
	}
	user := httpx.From(r).User
	in := contest.ConflictInput{JudgeUserID: user.ID, StartupID: v.Review.StartupID}
	if _, err := s.contests().DeclareConflict(r.Context(), user, v.Contest.ID, in); err != nil {
		return reshow(err, "contest_review", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/contests/%d/reviews?done=conflict", v.Contest.ID))
}
