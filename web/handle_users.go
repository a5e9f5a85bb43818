package web

import (
	"net/http"
	"net/url"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
)

type roleBody struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type usersBody struct {
	Users []accounts.User `json:"users"`
	Roles []roleBody      `json:"roles"`
}

func (s *server) handleUsers(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	users, err := s.Accounts.Users(r.Context())
	if err != nil {
		return err
	}
	body := usersBody{Users: users}
	if body.Users == nil {
		body.Users = []accounts.User{}
	}
	for _, id := range accounts.Roles {
		body.Roles = append(body.Roles, roleBody{ID: id, Name: accounts.RoleNames[id]})
	}
	writePrivate(w, http.StatusOK, body)
	return nil
}

func (s *server) handleCreateUser(w http.ResponseWriter, r *http.Request) error {
	if s.Accounts == nil {
		return errNoWriter
	}
	var body accounts.NewUser
	if err := decodeStrict(w, r, maxAccountBody, &body); err != nil {
		return err
	}
	u, err := s.Accounts.Create(r.Context(), actorOf(r), body)
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.baseURL(r)+"/api/users/"+url.PathEscape(u.Username))
	writePrivate(w, http.StatusCreated, u)
	return nil
}

func (s *server) handleUpdateUser(w http.ResponseWriter, r *http.Request) error {
	if s.Accounts == nil {
		return errNoWriter
	}
	var body accounts.Change
	if err := decodeStrict(w, r, maxAccountBody, &body); err != nil {
		return err
	}
	name := mux.Vars(r)["username"]
	if err := accounts.CheckUsername("username", name); err != nil {
		return apperr.Errorf(apperr.NotFound, "no user %s", quoteShort(name))
	}
	u, err := s.Accounts.Update(r.Context(), actorOf(r), name, body)
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.Errorf(apperr.NotFound, "no user %s", quoteShort(name))
	}
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, u)
	return nil
}

type auditBody struct {
	Entries    []accounts.AuditEntry `json:"entries"`
	NextBefore int64                 `json:"next_before,omitempty"`
}

var auditParams = map[string]bool{"limit": true, "before": true, "actor": true, "table": true, "key": true,
	"action": true, "since": true, "until": true}

func (s *server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if err := checkCommon(q, func(n string) bool { return auditParams[n] }, " (the parameters are limit, before, actor, table, key, action, since, until)"); err != nil {
		return err
	}
	pg, err := parsePage(q, accounts.MaxAuditLimit, "an entry id")
	if err != nil {
		return err
	}
	aq := accounts.AuditQuery{Actor: q.Get("actor"), Table: q.Get("table"), Key: q.Get("key"), Action: q.Get("action"),
		Limit: pg.Limit, Before: pg.Before, Since: pg.Since, Until: pg.Until}
	entries, err := s.Accounts.Audit(r.Context(), aq)
	if err != nil {
		return err
	}
	body := auditBody{Entries: entries}
	if len(entries) > 0 {
		body.NextBefore = pg.nextBefore(len(entries), accounts.DefaultAuditLimit, entries[len(entries)-1].ID)
	}
	writePrivate(w, http.StatusOK, body)
	return nil
}
