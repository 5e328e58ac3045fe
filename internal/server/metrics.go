package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"startbridge/internal/directory"
)

// metrics are this instance's Prometheus collectors, in a registry of its
// own so that tests can build several servers in one process.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "startbridge_http_requests_total",
			Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "startbridge_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// watchDirectoryCache exports how the directory's cache of lists and
// searches does: a load test reads its hit rate from here.
func (m *metrics) watchDirectoryCache(d *directory.Store) {
	m.registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "startbridge_directory_cache_hits_total",
			Help: "Directory list and search answers (pages, facet counts) served from the cache.",
		}, func() float64 { return float64(d.CacheStats().Hits) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "startbridge_directory_cache_misses_total",
			Help: "Directory list and search answers computed from the database.",
		}, func() float64 { return float64(d.CacheStats().Misses) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "startbridge_directory_cache_bytes",
			Help: "Estimated memory held by the directory cache.",
		}, func() float64 { return float64(d.CacheStats().Bytes) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "startbridge_directory_index_ready",
			Help: "1 when the resident search index answers searches, 0 while it is built or when it is off.",
		}, func() float64 {
			if d.ResidentStats().Ready {
				return 1
			}
			return 0
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "startbridge_directory_index_bytes",
			Help: "Memory held by the resident search index's lists.",
		}, func() float64 { return float64(d.ResidentStats().Bytes) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "startbridge_directory_index_answers_total",
			Help: "Searches and facet counts the resident search index answered.",
		}, func() float64 { return float64(d.ResidentStats().Answers) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "startbridge_directory_index_passes_total",
			Help: "Searches and facet counts left to the database's index (a rare word, the index not ready).",
		}, func() float64 { return float64(d.ResidentStats().Passes) }),
	)
}

func (m *metrics) observe(method, route string, status int, elapsed time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(method, route).Observe(elapsed.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
