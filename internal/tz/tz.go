// Package tz loads IANA time zones once per process: time.LoadLocation reads
// and parses the zone file on every call, and pages and lists ask for the
// viewer's and each base point's zone on every request.
package tz

import (
	"sync"
	"time"
)

var zones sync.Map // name → *time.Location

// Load returns the named zone, as time.LoadLocation does, from memory after
// the first call. Errors are not kept, so a zone file installed later is
// found.
func Load(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
