package server

import (
	"errors"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs every request and records it in the metrics by route
// pattern, never by raw path, so ids do not explode the label space.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		if s.cfg.TrustProxy {
			if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
				client, _, _ := strings.Cut(fwd, ",")
				r.RemoteAddr = net.JoinHostPort(strings.TrimSpace(client), "0")
			}
		}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		elapsed := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(r.Method, route, sw.status, elapsed)
		level := s.svc.Log.Info
		if sw.status >= 500 {
			level = s.svc.Log.Error
		}
		level("request", "method", r.Method, "path", r.URL.Path, "route", route,
			"status", sw.status, "duration_ms", float64(elapsed.Microseconds())/1000)
	})
}

// contextual identifies the caller, chooses language and zone, and catches
// panics so that a bug answers 500 with a translated message instead of
// dropping the connection.
func (s *Server) contextual(next http.Handler, api bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq, err := httpx.Identify(r, s.svc.Auth)
		lang := httpx.Language(r, rq.User, api)
		rq.P = s.svc.Catalog.Printer(lang, httpx.Zone(r, rq.User, lang))
		rq.Log = s.svc.Log
		r = httpx.With(r, rq)
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.svc.Log.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				httpx.WriteProblem(w, r, errors.New("panic"))
			}
		}()
		if err != nil {
			if !errors.Is(err, errs.ErrUnauthenticated) || api {
				httpx.WriteProblem(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
