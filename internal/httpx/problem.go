package httpx

import (
	"encoding/json"
	"log/slog"
	"net/http"
)

// Problem is an RFC 9457 problem document with the contract's code and
// field errors.
type Problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail"`
	Code   string         `json:"code"`
	Errors []ProblemField `json:"errors"`
	Extra  map[string]any `json:"-"`
}

// ProblemField names one field at fault, with a translated message.
type ProblemField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// MarshalJSON puts the extension members (such as a booking's conflict)
// beside the standard ones.
func (p Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	base, err := json.Marshal(plain(p))
	if err != nil || len(p.Extra) == 0 {
		return base, err
	}
	merged := map[string]any{}
	json.Unmarshal(base, &merged)
	for k, v := range p.Extra {
		if _, taken := merged[k]; !taken {
			merged[k] = v
		}
	}
	return json.Marshal(merged)
}

// NewProblem translates err into a problem document for this request.
func NewProblem(r *http.Request, err error) Problem {
	rq := From(r)
	o := Classify(err)
	if o.Internal {
		logger(rq).ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	args := flatten(o.Args)
	p := Problem{
		Type:   "/problems/" + o.Code,
		Title:  rq.P.T(o.TitleKey, args...),
		Status: o.Status,
		Detail: rq.P.T(o.DetailKey, args...),
		Code:   o.Code,
		Errors: []ProblemField{},
		Extra:  o.Extra,
	}
	for _, f := range o.Fields {
		p.Errors = append(p.Errors, ProblemField{Field: f.Field, Message: rq.P.T(f.Key, flatten(f.Args)...)})
	}
	return p
}

// WriteProblem answers with err as application/problem+json.
func WriteProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := NewProblem(r, err)
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", From(r).P.Lang)
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="startbridge"`)
	}
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

func flatten(m map[string]any) []any {
	out := make([]any, 0, 2*len(m))
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

func logger(rq *Request) *slog.Logger {
	if rq.Log != nil {
		return rq.Log
	}
	return slog.Default()
}
