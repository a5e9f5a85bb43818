package testenv

import (
	"testing"
	"time"
)

// WaitFor returns once cond holds, checking it every few milliseconds. There is no deadline of its
// own: a condition that never comes is caught by go test's -timeout, with every goroutine's stack,
// so no test fails because a shared machine was slow. what names the condition in the log.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for i := 0; !cond(); i++ {
		if i > 0 && i%500 == 0 {
			t.Logf("still waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
