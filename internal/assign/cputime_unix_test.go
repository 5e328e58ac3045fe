//go:build unix

package assign

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, so that benchmarks
// on a shared machine can report what the solver costs, not what it waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
