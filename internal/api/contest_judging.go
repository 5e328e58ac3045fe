package api

import (
	"net/http"
	"strconv"

	"startbridge/internal/app"
	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// contestCall reads the caller and the {id} of a contest path.
func contestCall(r *http.Request) (int64, error) {
	if _, err := CurrentUser(r); err != nil {
		return 0, err
	}
	return PathID(r, "id")
}

func addJudge(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		var in contest.JudgeInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		j, err := contests(svc).AddJudge(r.Context(), httpx.From(r).User, id, in)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusCreated, j)
	}
}

func listJudges(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		all, err := contests(svc).Judges(r.Context(), httpx.From(r).User, id)
		if err != nil {
			return err
		}
		list, err := PageSlice(all, page, func(j *contest.Judge) string { return IDKey(j.UserID) })
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, list)
	}
}

func declareConflict(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		var in contest.ConflictInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		res, err := contests(svc).DeclareConflict(r.Context(), httpx.From(r).User, id, in)
		if err != nil {
			return err
		}
		if res.Withdrawn == nil {
			res.Withdrawn = []int64{}
		}
		if res.Reassigned == nil {
			res.Reassigned = []contest.Pair{}
		}
		return WriteJSON(w, http.StatusCreated, res)
	}
}

func listConflicts(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		all, err := contests(svc).Conflicts(r.Context(), httpx.From(r).User, id)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, map[string]any{"items": all, "next_cursor": nil})
	}
}

func putBids(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		n, err := roundNumber(r)
		if err != nil {
			return err
		}
		var in struct {
			JudgeUserID int64          `json:"judge_user_id"`
			Bids        map[string]int `json:"bids"`
		}
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		bids := map[int64]int{}
		v := &errs.Invalid{}
		for k, val := range in.Bids {
			app, err := strconv.ParseInt(k, 10, 64)
			if err != nil || app <= 0 {
				v.Add("bids."+k, "contest.field.application", nil)
				continue
			}
			bids[app] = val
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		if err := contests(svc).SetBids(r.Context(), httpx.From(r).User, id, n, in.JudgeUserID, bids); err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, in)
	}
}

func putPair(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		n, err := roundNumber(r)
		if err != nil {
			return err
		}
		var in contest.PairInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		if err := contests(svc).SetPair(r.Context(), httpx.From(r).User, id, n, in); err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, in)
	}
}

func runAssignment(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		n, err := roundNumber(r)
		if err != nil {
			return err
		}
		out, err := contests(svc).Assign(r.Context(), httpx.From(r).User, id, n)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, out)
	}
}

// resultItem is one application's line of the results; rank, raw_mean
// and normalized are null without a submitted review.
type resultItem struct {
	ApplicationID int64    `json:"application_id"`
	StartupID     int64    `json:"startup_id"`
	Rank          *int     `json:"rank"`
	RawMean       *float64 `json:"raw_mean"`
	Normalized    *float64 `json:"normalized"`
	Reviews       int      `json:"reviews"`
	Disagreement  *float64 `json:"disagreement"`
}

type judgeItem struct {
	JudgeUserID int64   `json:"judge_user_id"`
	Reviews     int     `json:"reviews"`
	MeanRaw     float64 `json:"mean_raw"`
	StddevRaw   float64 `json:"stddev_raw"`
	Bias        float64 `json:"bias"`
	Fallback    bool    `json:"round_fallback"`
}

func getResults(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		n, err := roundNumber(r)
		if err != nil {
			return err
		}
		res, err := contests(svc).Results(r.Context(), httpx.From(r).User, id, n)
		if err != nil {
			return err
		}
		out := struct {
			Method   contest.Method `json:"method"`
			Items    []resultItem   `json:"items"`
			Judges   []judgeItem    `json:"judges"`
			Warnings []string       `json:"warnings"`
		}{Method: res.Method, Items: []resultItem{}, Judges: []judgeItem{}, Warnings: []string{}}
		for _, it := range res.Items {
			ri := resultItem{ApplicationID: it.Application, StartupID: it.Startup, Reviews: it.Reviews}
			if it.Reviews > 0 {
				rank, raw, norm, dis := it.Rank, it.RawMean, it.Normalized, it.Disagreement
				ri.Rank, ri.RawMean, ri.Normalized, ri.Disagreement = &rank, &raw, &norm, &dis
			}
			out.Items = append(out.Items, ri)
		}
		for _, j := range res.Judges {
			out.Judges = append(out.Judges, judgeItem{JudgeUserID: j.Judge, Reviews: j.Reviews, MeanRaw: j.Mean, StddevRaw: j.StdDev, Bias: j.Bias, Fallback: res.Fallback[j.Judge]})
		}
		p := httpx.From(r).P
		for _, key := range res.Warnings {
			out.Warnings = append(out.Warnings, p.T(key, "groups", res.Groups))
		}
		return WriteJSON(w, http.StatusOK, out)
	}
}

func advanceRound(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		n, err := roundNumber(r)
		if err != nil {
			return err
		}
		var in contest.AdvanceInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		moved, err := contests(svc).Advance(r.Context(), httpx.From(r).User, id, n, in)
		if err != nil {
			return err
		}
		if moved == nil {
			moved = []int64{}
		}
		return WriteJSON(w, http.StatusOK, map[string]any{"round": n + 1, "application_ids": moved})
	}
}

func publishRound(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		n, err := roundNumber(r)
		if err != nil {
			return err
		}
		store := contests(svc)
		if err := store.Publish(r.Context(), httpx.From(r).User, id, n); err != nil {
			return err
		}
		c, err := store.Get(r.Context(), id)
		if err != nil {
			return err
		}
		round, err := c.Round(n)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, round)
	}
}

func createPrize(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		var in contest.PrizeInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		pid, err := contests(svc).CreatePrize(r.Context(), httpx.From(r).User, id, in)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusCreated, map[string]any{"id": pid})
	}
}

func listPrizes(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		all, err := contests(svc).Prizes(r.Context(), httpx.From(r).User, id)
		if err != nil {
			return err
		}
		if all == nil {
			all = []*contest.Prize{}
		}
		return WriteJSON(w, http.StatusOK, map[string]any{"items": all, "next_cursor": nil})
	}
}

func awardPrize(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		pid, err := PathID(r, "pid")
		if err != nil {
			return err
		}
		var in struct {
			ApplicationID int64 `json:"application_id"`
		}
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		out, err := contests(svc).Award(r.Context(), httpx.From(r).User, id, pid, in.ApplicationID)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if out.Created {
			status = http.StatusCreated
		}
		return WriteJSON(w, status, out)
	}
}

// revokeAward takes an award back and cancels the office request it made.
func revokeAward(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := contestCall(r)
		if err != nil {
			return err
		}
		pid, err := PathID(r, "pid")
		if err != nil {
			return err
		}
		aid, err := PathID(r, "aid")
		if err != nil {
			return err
		}
		if err := contests(svc).RevokeAward(r.Context(), httpx.From(r).User, id, pid, aid); err != nil {
			return err
		}
		return NoContent(w)
	}
}

func listReviews(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		cid, err := strconv.ParseInt(r.URL.Query().Get("contest_id"), 10, 64)
		if err != nil || cid <= 0 {
			return errs.Field("contest_id", "contest.field.contest_id", nil)
		}
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		var after int64
		if page.After != "" {
			if after, err = strconv.ParseInt(page.After, 10, 64); err != nil || after <= 0 {
				return errs.Field("cursor", "field.cursor", nil)
			}
		}
		items, err := contests(svc).ReviewPage(r.Context(), actor, cid, after, page.Fetch())
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, NewList(items, page, func(rv *contest.Review) string { return IDKey(rv.ID) }))
	}
}

func getReview(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		rv, _, err := contests(svc).Review(r.Context(), actor, id)
		if err != nil {
			return err
		}
		SetETag(w, rv.Version)
		return WriteJSON(w, http.StatusOK, rv)
	}
}

func putReview(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		var in contest.ReviewInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		rv, err := contests(svc).SaveReview(r.Context(), actor, id, in)
		if err != nil {
			return err
		}
		SetETag(w, rv.Version)
		return WriteJSON(w, http.StatusOK, rv)
	}
}
