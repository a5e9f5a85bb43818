package accounts

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// LoginLimits are the token buckets of failed logins: one per account name typed (known or not,
// so that a lockout says nothing about whether the account exists) and one per client address
// (one address trying many names). A failure takes a token; with none left, logins from that key are
// refused until one comes back, and the refusal says when. They are per process: with several
// replicas behind a balancer each keeps its own, which multiplies the allowance by the replica count
// but never lets an address guess freely.
type LoginLimits struct {
	Account Limit
	Address Limit
}

// Limit is one bucket's shape: Burst failures at once, then one more per Every.
type Limit struct {
	Burst int
	Every time.Duration
}

// DefaultLoginLimits: five wrong passwords, then one try every five minutes for that account; an
// address may fail thirty times, then once a minute.
var DefaultLoginLimits = LoginLimits{
	Account: Limit{Burst: 5, Every: 5 * time.Minute},
	Address: Limit{Burst: 30, Every: time.Minute},
}

// buckets is a set of limiters by key. Keys whose bucket is full again are dropped when the set
// grows, so an attacker typing a million names costs memory only while the names are locked.
type buckets struct {
	limit Limit
	mu    sync.Mutex
	m     map[string]*rate.Limiter
	now   func() time.Time
}

const sweepAt = 10_000

func newBuckets(l Limit, now func() time.Time) *buckets {
	return &buckets{limit: l, m: map[string]*rate.Limiter{}, now: now}
}

// wait is how long key must wait before its next try (0: it may try now).
func (b *buckets) wait(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	lim := b.m[key]
	if lim == nil {
		return 0
	}
	now := b.now()
	if lim.TokensAt(now) >= 1 {
		return 0
	}
	r := lim.ReserveN(now, 1)
	d := r.DelayFrom(now)
	r.CancelAt(now)
	return d
}

// fail takes a token from key's bucket.
func (b *buckets) fail(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	lim := b.m[key]
	if lim == nil {
		if len(b.m) >= sweepAt {
			b.sweep(now)
		}
		lim = rate.NewLimiter(rate.Every(b.limit.Every), b.limit.Burst)
		b.m[key] = lim
	}
	lim.AllowN(now, 1)
}

// reset forgets key (a successful login ends its account's run of failures).
func (b *buckets) reset(key string) {
	b.mu.Lock()
	delete(b.m, key)
	b.mu.Unlock()
}

func (b *buckets) sweep(now time.Time) {
	for k, lim := range b.m {
		if lim.TokensAt(now) >= float64(b.limit.Burst) {
			delete(b.m, k)
		}
	}
}

// limiter applies LoginLimits.
type limiter struct {
	account, address *buckets
}

func newLimiter(l LoginLimits, now func() time.Time) *limiter {
	return &limiter{account: newBuckets(l.Account, now), address: newBuckets(l.Address, now)}
}

// wait is how long a login for name from addr must wait.
func (l *limiter) wait(name, addr string) time.Duration {
	return max(l.account.wait(name), l.address.wait(addr))
}

func (l *limiter) failed(name, addr string) {
	l.account.fail(name)
	l.address.fail(addr)
}

func (l *limiter) succeeded(name string) { l.account.reset(name) }
