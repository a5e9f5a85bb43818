package web

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
)

func (s *server) accountRoutes(r *mux.Router) {
	r.Handle("/api/me", s.adapt(s.handleMe)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/session", s.adapt(s.handleLogin)).Methods(http.MethodPost)
	r.Handle("/api/session", s.adapt(s.handleLogout)).Methods(http.MethodDelete)
	r.Handle("/api/me/password", s.adapt(s.handlePassword)).Methods(http.MethodPut)
	r.Handle("/api/users", s.adapt(s.handleUsers)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/users", s.adapt(s.handleCreateUser)).Methods(http.MethodPost)
	r.Handle("/api/users/{username}", s.adapt(s.handleUpdateUser)).Methods(http.MethodPatch)
	r.Handle("/api/audit", s.adapt(s.handleAudit)).Methods(http.MethodGet, http.MethodHead)
}

// meBody is /api/me: who is logged in and what they may do, for the page.
type meBody struct {
	Authenticated  bool           `json:"authenticated"`
	RequireLogin   bool           `json:"require_login"`
	LoginAvailable bool           `json:"login_available"`
	User           *accounts.User `json:"user,omitempty"`
	Can            []string       `json:"can,omitempty"`
}

func (s *server) me(u *accounts.User) meBody {
	b := meBody{RequireLogin: s.RequireLogin, LoginAvailable: s.Accounts != nil}
	if u != nil {
		b.Authenticated, b.User, b.Can = true, u, permissions(routeTable, u)
	}
	return b
}

// writePrivate answers with a body that belongs to one user: never stored by any cache.
func writePrivate(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, mediaJSON, v)
}

func (s *server) handleMe(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, s.me(userOf(r.Context())))
	return nil
}

// errNoWriter answers the account routes of a server started without -write-db.
var errNoWriter = apperr.Errorf(apperr.Unavailable, "logging in is not available: this server runs without a write database (-write-db)")

type loginBody struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func (s *server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	if s.Accounts == nil {
		return errNoWriter
	}
	var body loginBody
	if err := decodeStrict(w, r, maxAccountBody, &body); err != nil {
		return err
	}
	u, err := s.Accounts.Login(r.Context(), actorOf(r), body.Username, body.Password)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Unauthorized || apperr.CodeOf(err) == apperr.TooMany {
			s.Log.Warn("login refused", "username", logText(body.Username), "addr", clientAddr(r), "code", apperr.CodeOf(err))
		}
		return err
	}
	if err := s.startSession(r.Context(), u); err != nil {
		return err
	}
	s.Log.Info("login", "username", u.Username, "addr", clientAddr(r))
	writePrivate(w, http.StatusOK, s.me(&u))
	return nil
}

func (s *server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if s.Accounts == nil {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if u := userOf(r.Context()); u != nil {
		if err := s.Accounts.Logout(r.Context(), actorOf(r)); err != nil {
			return err
		}
	}
	s.endSession(r.Context())
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type passwordBody struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
}

// handlePassword changes the logged-in user's own password. The account's epoch grows, which ends
// its other sessions; this one is renewed with the new epoch and stays.
func (s *server) handlePassword(w http.ResponseWriter, r *http.Request) error {
	if s.Accounts == nil {
		return errNoWriter
	}
	var body passwordBody
	if err := decodeStrict(w, r, maxAccountBody, &body); err != nil {
		return err
	}
	u, err := s.Accounts.ChangePassword(r.Context(), actorOf(r), body.Current, body.New)
	if err != nil {
		return err
	}
	if err := s.startSession(r.Context(), u); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// logText is untrusted text as a log may hold it: valid UTF-8, at most 64 characters.
func logText(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return s
}
