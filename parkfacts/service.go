package parkfacts

import (
	"context"
	"time"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
)

// Store is what the service needs from the database.
type Store interface {
	// ParkFacts returns the park's record; apperr.NotFound if the plan has no such park.
	ParkFacts(ctx context.Context, parkID string) (Record, error)
	// UpdateParkFacts applies c to the park's facts if they are still at version, writing the new
	// facts (version+1) and their audit row in one transaction. A version that is no longer current
	// is a *ConflictError carrying the current record, and writes nothing; so does a change that
	// changes nothing (the record is returned as it is).
	UpdateParkFacts(ctx context.Context, a accounts.Actor, parkID string, version int64, c Change) (Record, error)
	// ParkHistory returns the edits of the park's facts, newest first, at most limit.
	ParkHistory(ctx context.Context, parkID string, limit int) ([]HistoryEntry, error)
}

// Service is the park facts' use cases: read, edit (optimistically locked, audited), history.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service on store.
func NewService(store Store) *Service { return &Service{store: store, now: time.Now} }

// Facts returns a park's record.
func (s *Service) Facts(ctx context.Context, parkID string) (Record, error) {
	return s.store.ParkFacts(ctx, parkID)
}

// Update checks p and applies it to the park's facts at version (the If-Match the caller sent).
func (s *Service) Update(ctx context.Context, a accounts.Actor, parkID string, version int64, p Patch) (Record, error) {
	if version < 0 {
		return Record{}, apperr.FieldErrorf(apperr.Invalid, "If-Match", "If-Match must be the facts' ETag, such as \"3\"")
	}
	c, err := p.Check(s.now())
	if err != nil {
		return Record{}, err
	}
	return s.store.UpdateParkFacts(ctx, a, parkID, version, c)
}

// History returns the edits of a park's facts, newest first.
func (s *Service) History(ctx context.Context, parkID string) ([]HistoryEntry, error) {
	return s.store.ParkHistory(ctx, parkID, MaxHistory)
}

// ConflictError is a stale edit: the facts are no longer at the version the edit named. It carries
// the current record, so that the editor can see both and choose.
type ConflictError struct {
	Current Record
	Sent    int64 // the version the edit named
}

func (e *ConflictError) Error() string { return e.Unwrap().Error() }

// Unwrap is the apperr.Conflict the error is answered as.
func (e *ConflictError) Unwrap() error {
	return apperr.Errorf(apperr.Conflict, "the facts of %s have changed since version %d (they are at version %d): reload them and edit again",
		e.Current.ParkID, e.Sent, e.Current.Version)
}
