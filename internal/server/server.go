// Package server assembles the HTTP server: operations endpoints, the web
// pages and the JSON API behind one middleware chain, with graceful
// shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"startbridge/internal/api"
	"startbridge/internal/app"
	"startbridge/internal/config"
	"startbridge/internal/web"
)

// Server is one running startbridge instance.
type Server struct {
	cfg     config.Config
	svc     *app.Services
	metrics *metrics
	handler http.Handler
}

// New builds the handler tree for svc.
func New(cfg config.Config, svc *app.Services) (*Server, error) {
	svc.SecureCookies = cfg.TLS()
	webRoutes, err := web.Routes(svc)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	apiRoutes, err := api.Routes(svc)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	s := &Server{cfg: cfg, svc: svc, metrics: newMetrics()}
	s.metrics.watchDirectoryCache(svc.Directory)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	for _, rt := range apiRoutes {
		mux.Handle(rt.Pattern, s.contextual(rt.Handler, true))
	}
	for _, rt := range webRoutes {
		mux.Handle(rt.Pattern, s.contextual(rt.Handler, false))
	}
	s.handler = s.observe(http.NewCrossOriginProtection().Handler(mux))
	return s, nil
}

// Handler is the whole site, for tests and for Run.
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on the configured address until ctx is cancelled, then stops
// taking requests and waits for those in flight.
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() {
		if s.cfg.TLS() {
			errc <- srv.ServeTLS(ln, s.cfg.TLSCert, s.cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.svc.Log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.svc.DB.Ping(ctx); err != nil {
		s.svc.Log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}
