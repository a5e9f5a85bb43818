package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
)

// Session lifetimes: a session ends after SessionIdle without a request, and SessionLifetime after
// the login whatever happens; the page then asks to log in again.
const (
	SessionIdle     = 30 * time.Minute
	SessionLifetime = 12 * time.Hour
	// seenEvery is how often a session's last-seen time is written back. scs's own IdleTimeout
	// rewrites the session row on every request (every tile of a map pan); this costs one write a
	// minute per session and ends an idle session at most a minute late.
	seenEvery = time.Minute
)

// Session keys.
const (
	keyUserID = "uid"
	keyEpoch  = "epoch" // the account's auth_epoch at login: a password, role or disabled change ends it
	keySeen   = "seen"  // unix seconds of the last request, at seenEvery granularity
)

// sessionCookie is the session cookie's name.
const sessionCookie = "parkmap_session"

// newSessionManager returns the scs manager on store: cookie HttpOnly and SameSite=Lax, Secure when
// the service is published over HTTPS (baseURL), expired by SessionLifetime (absolute) in the store
// and by SessionIdle here.
func newSessionManager(store scs.Store, baseURL string, onError func(http.ResponseWriter, *http.Request, error)) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = SessionLifetime
	sm.Cookie.Name = sessionCookie
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = strings.HasPrefix(baseURL, "https://")
	sm.Cookie.Path = "/"
	// Behind a proxy at https://host/parkmap the cookie belongs to /parkmap only.
	if u, err := url.Parse(baseURL); err == nil && strings.Trim(u.Path, "/") != "" {
		sm.Cookie.Path = "/" + strings.Trim(u.Path, "/")
	}
	sm.Cookie.Persist = false // a browser session cookie: closing the browser logs out
	sm.ErrorFunc = onError
	return sm
}

type ctxKey int

const (
	userKey ctxKey = iota + 1
	requestIDKey
)

func withUser(ctx context.Context, u *accounts.User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// userOf is the logged-in user of the request, or nil.
func userOf(ctx context.Context) *accounts.User {
	u, _ := ctx.Value(userKey).(*accounts.User)
	return u
}

// loadUser resolves the session to its account on every request that carries one: a disabled
// account, a changed password or changed roles (the epoch), an idle session or a deleted account
// all end the session at once, on every replica, because the account is read here and not copied
// into the session.
func (s *server) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		uid := s.sessions.GetInt64(ctx, keyUserID)
		if uid == 0 {
			next.ServeHTTP(w, r)
			return
		}
		now := time.Now()
		seen := time.Unix(s.sessions.GetInt64(ctx, keySeen), 0)
		if now.Sub(seen) > SessionIdle {
			s.endSession(ctx)
			next.ServeHTTP(w, r)
			return
		}
		u, err := s.Accounts.User(ctx, uid)
		if apperr.CodeOf(err) == apperr.NotFound || err == nil && (u.Disabled || u.Epoch != s.sessions.GetInt64(ctx, keyEpoch)) {
			s.endSession(ctx)
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			writeError(w, r, s.Log, err)
			return
		}
		if now.Sub(seen) >= seenEvery {
			s.sessions.Put(ctx, keySeen, now.Unix())
		}
		next.ServeHTTP(w, r.WithContext(withUser(ctx, &u)))
	})
}

// endSession destroys the request's session (the response then deletes the cookie).
func (s *server) endSession(ctx context.Context) {
	if err := s.sessions.Destroy(ctx); err != nil {
		s.Log.Warn("session: destroy failed", "err", err)
	}
}

// startSession makes a new session for u: a new token (so that a token planted before the login,
// session fixation, is worth nothing after it) holding only u's id, epoch and the time.
func (s *server) startSession(ctx context.Context, u accounts.User) error {
	if err := s.sessions.Clear(ctx); err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, keyUserID, u.ID)
	s.sessions.Put(ctx, keyEpoch, u.Epoch)
	s.sessions.Put(ctx, keySeen, time.Now().Unix())
	return nil
}

// actorOf is the request's actor for the audit log.
func actorOf(r *http.Request) accounts.Actor {
	a := accounts.Actor{RequestID: requestIDOf(r.Context()), ClientAddr: clientAddr(r)}
	if u := userOf(r.Context()); u != nil {
		a.Username, a.Roles = u.Username, u.Roles
	}
	return a
}

// clientAddr is the peer's address. Forwarded headers are not believed: parkmap cannot know which
// proxy to trust, and the address keys the login limits, which a forged header must not reset.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
