package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/parkfacts"
)

// errNoFacts answers the facts routes of a handler built without them (some unit tests).
var errNoFacts = apperr.Errorf(apperr.Unavailable, "park facts are unavailable")

// maxFactsBody bounds a PATCH of a park's facts (the notes are at most 2000 characters).
const maxFactsBody = 32 << 10

func (s *server) parkFactsRoutes(r *mux.Router) {
	r.Handle("/api/parks/{id}/facts", s.adapt(s.handleParkFacts)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/parks/{id}/facts", s.adapt(s.handlePatchParkFacts)).Methods(http.MethodPatch)
	r.Handle("/api/parks/{id}/history", s.adapt(s.handleParkHistory)).Methods(http.MethodGet, http.MethodHead)
}

// factsETag is the ETag of a park's facts: their version, which an edit names in If-Match.
func factsETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// parseIfMatch reads If-Match: absent is 428 (an edit must say which version it replaces, or it could
// silently overwrite another's); anything but one strong ETag of ours is a 400 naming the header.
func parseIfMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, apperr.FieldErrorf(apperr.PreconditionRequired, "If-Match",
			"If-Match is required: send the ETag of GET /api/parks/{id}/facts, so that an edit cannot overwrite another unseen")
	}
	v, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(h, `"`), `"`), 10, 64)
	if err != nil || v < 0 || len(h) < 3 || h[0] != '"' || h[len(h)-1] != '"' {
		return 0, apperr.FieldErrorf(apperr.Invalid, "If-Match", `If-Match must be one ETag of the facts, such as "3"`)
	}
	return v, nil
}

// factsBody is a park's record as the API answers it: updated_by only to a logged-in user (staff
// names are not for the public), hence a private, always revalidated answer.
func (s *server) factsBody(r *http.Request, rec parkfacts.Record) parkfacts.Record {
	if userOf(r.Context()) == nil {
		rec.UpdatedBy = ""
	}
	return rec
}

func writeFacts(w http.ResponseWriter, status int, rec parkfacts.Record) {
	w.Header().Set("ETag", factsETag(rec.Version))
	w.Header().Set("Cache-Control", "private, no-cache")
	writeJSON(w, status, "application/json", rec)
}

func (s *server) handleParkFacts(w http.ResponseWriter, r *http.Request) error {
	if s.ParkFacts == nil {
		return errNoFacts
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	rec, err := s.ParkFacts.Facts(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	rec = s.factsBody(r, rec)
	if etagMatches(r.Header.Get("If-None-Match"), factsETag(rec.Version)) && userOf(r.Context()) == nil {
		w.Header().Set("ETag", factsETag(rec.Version))
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	writeFacts(w, http.StatusOK, rec)
	return nil
}

// conflictBody is a stale edit's answer: the facts as they are now (with their ETag as version) and
// what the edit sent, so that the page can show both and let the editor choose.
type conflictBody struct {
	errorBody
	Current parkfacts.Record `json:"current"`
	Sent    json.RawMessage  `json:"sent"`
	// SentVersion is the version the edit named in If-Match.
	SentVersion int64 `json:"sent_version"`
}

func (s *server) handlePatchParkFacts(w http.ResponseWriter, r *http.Request) error {
	if s.ParkFacts == nil {
		return errNoFacts
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	version, err := parseIfMatch(r)
	if err != nil {
		return err
	}
	var raw json.RawMessage
	var patch parkfacts.Patch
	if err := decodeStrict(w, r, maxFactsBody, &patch); err != nil {
		return err
	}
	if raw, err = json.Marshal(patch); err != nil {
		return err
	}
	rec, err := s.ParkFacts.Update(r.Context(), actorOf(r), mux.Vars(r)["id"], version, patch)
	var conflict *parkfacts.ConflictError
	if errors.As(err, &conflict) {
		ae, _ := apperr.As(conflict)
		w.Header().Set("ETag", factsETag(conflict.Current.Version))
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusConflict, "application/json", conflictBody{
			errorBody: errorBody{Code: ae.Code, Description: ae.Message},
			Current:   s.factsBody(r, conflict.Current), Sent: raw, SentVersion: version})
		return nil
	}
	if err != nil {
		return err
	}
	writeFacts(w, http.StatusOK, s.factsBody(r, rec))
	return nil
}

type historyBody struct {
	ParkID  string                   `json:"park_id"`
	Entries []parkfacts.HistoryEntry `json:"entries"`
}

func (s *server) handleParkHistory(w http.ResponseWriter, r *http.Request) error {
	if s.ParkFacts == nil {
		return errNoFacts
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	entries, err := s.ParkFacts.History(r.Context(), id)
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, historyBody{ParkID: id, Entries: entries})
	return nil
}
