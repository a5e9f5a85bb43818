package accounts

import (
	"testing"
	"time"
)

// clock is a hand-moved time for the buckets.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestLockoutAfterBurstAndRecovery(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	l := newLimiter(LoginLimits{Account: Limit{Burst: 3, Every: 5 * time.Minute}, Address: Limit{Burst: 10, Every: time.Minute}}, c.now)
	for i := 0; i < 3; i++ {
		if w := l.wait("zhang.san", "10.0.0.1"); w != 0 {
			t.Fatalf("try %d: locked for %v before the burst is spent", i+1, w)
		}
		l.failed("zhang.san", "10.0.0.1")
	}
	w := l.wait("zhang.san", "10.0.0.1")
	if w <= 4*time.Minute || w > 5*time.Minute {
		t.Fatalf("after 3 failures: wait %v, want about 5m", w)
	}
	// The lockout is the account's: another name from the same address may try.
	if w := l.wait("li.si", "10.0.0.1"); w != 0 {
		t.Errorf("another account locked: %v", w)
	}
	// Waiting does not use a token: asking again gives the same (shorter) wait.
	c.t = c.t.Add(2 * time.Minute)
	if w2 := l.wait("zhang.san", "10.0.0.2"); w2 <= 2*time.Minute || w2 > 3*time.Minute {
		t.Errorf("2 minutes later: wait %v, want about 3m", w2)
	}
	c.t = c.t.Add(3 * time.Minute)
	if w := l.wait("zhang.san", "10.0.0.1"); w != 0 {
		t.Errorf("5 minutes later: still locked for %v", w)
	}
	// One token came back: one more failure locks again at once.
	l.failed("zhang.san", "10.0.0.1")
	if w := l.wait("zhang.san", "10.0.0.1"); w == 0 {
		t.Error("a failure after the lockout did not lock again")
	}
	// A success forgets the account's failures.
	l.succeeded("zhang.san")
	if w := l.wait("zhang.san", "10.0.0.1"); w != 0 {
		t.Errorf("after a success: locked for %v", w)
	}
}

func TestAddressLimitSpansAccounts(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	l := newLimiter(LoginLimits{Account: Limit{Burst: 5, Every: time.Minute}, Address: Limit{Burst: 4, Every: time.Minute}}, c.now)
	for i, name := range []string{"a1", "a2", "a3", "a4"} {
		if w := l.wait(name, "10.0.0.9"); w != 0 {
			t.Fatalf("name %d locked: %v", i, w)
		}
		l.failed(name, "10.0.0.9")
	}
	if w := l.wait("a5", "10.0.0.9"); w == 0 {
		t.Error("an address that failed on 4 names may go on guessing")
	}
	if w := l.wait("a5", "10.0.0.10"); w != 0 {
		t.Errorf("another address locked: %v", w)
	}
}

func TestBucketsForgetFullOnes(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	b := newBuckets(Limit{Burst: 2, Every: time.Second}, c.now)
	for i := 0; i < sweepAt; i++ {
		b.fail(string(rune('a'+i%26)) + string(rune(i)))
	}
	c.t = c.t.Add(time.Hour)
	b.fail("one more")
	if len(b.m) != 1 {
		t.Errorf("%d buckets kept after a sweep, want 1", len(b.m))
	}
}

func TestWaitText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:               "30 seconds",
		61 * time.Second:               "2 minutes",
		time.Minute:                    "1 minute",
		4*time.Minute + 59*time.Second: "5 minutes",
		1500 * time.Millisecond:        "2 seconds",
	} {
		if got := waitText(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
