package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/parkfacts"
)

// ParkFacts is parkfacts.Store on two pools: reads (a park's facts, its history) go to the reader,
// an edit and its audit row to the writer, in one transaction. writer may be nil: a read-only
// service, whose edits are unavailable.
type ParkFacts struct {
	reader, writer *Store
}

// NewParkFacts returns the park facts store on reader and writer.
func NewParkFacts(reader, writer *Store) *ParkFacts {
	return &ParkFacts{reader: reader, writer: writer}
}

func scanRecord(row pgx.Row) (parkfacts.Record, error) {
	var r parkfacts.Record
	f := &r.Facts
	err := row.Scan(&r.ParkID, &r.Name, &r.Plan.Status, &r.Plan.Firms, &r.Plan.FirmsBasis, &r.Plan.Industries,
		&r.Plan.DevelopmentMode, &f.Status, &f.FirmsInResidence, &f.Industries, &f.DevelopmentMode, &f.Operator,
		&f.Contact, &f.Notes, &f.RecognitionYear, &r.Version, &r.UpdatedAt, &r.UpdatedBy)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, apperr.Errorf(apperr.NotFound, "no such park")
	}
	return r, err
}

func notFoundPark(id string, err error) error {
	if apperr.CodeOf(err) == apperr.NotFound {
		return apperr.Errorf(apperr.NotFound, "no park %s", apperr.Quote(id))
	}
	return err
}

// ParkFacts implements parkfacts.Store.
func (s *ParkFacts) ParkFacts(ctx context.Context, parkID string) (parkfacts.Record, error) {
	r, err := scanRecord(s.reader.pool.QueryRow(ctx, query("parkfacts_record"), parkID))
	return r, dbError("park facts", notFoundPark(parkID, err))
}

// UpdateParkFacts implements parkfacts.Store. The facts row is locked first, so the version compared
// and the facts audited as before are those the update replaces; the UPDATE's own version test (and
// the INSERT's ON CONFLICT DO NOTHING, for a first edit racing another) is the lock of last resort.
// A stale version, or a change that changes nothing, returns before anything is written.
func (s *ParkFacts) UpdateParkFacts(ctx context.Context, a accounts.Actor, parkID string, version int64, c parkfacts.Change) (parkfacts.Record, error) {
	if s.writer == nil {
		return parkfacts.Record{}, apperr.Errorf(apperr.Unavailable, "editing is unavailable: the service runs without a write database")
	}
	var out parkfacts.Record
	var conflict *parkfacts.ConflictError
	err := pgx.BeginFunc(ctx, s.writer.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("parkfacts_lock"), parkID); err != nil {
			return err
		}
		before, err := scanRecord(tx.QueryRow(ctx, query("parkfacts_record"), parkID))
		if err != nil {
			return notFoundPark(parkID, err)
		}
		if before.Version != version {
			conflict = &parkfacts.ConflictError{Current: before, Sent: version}
			return conflict
		}
		next := c.Apply(before.Facts)
		if next.Equal(before.Facts) {
			out = before
			return nil
		}
		f := next
		args := []any{parkID, f.Status, f.FirmsInResidence, f.Industries, f.DevelopmentMode, f.Operator, f.Contact,
			f.Notes, f.RecognitionYear, a.Username}
		sql := "parkfacts_insert"
		if version > 0 {
			sql = "parkfacts_update"
			args = append(args, version)
		}
		out = before
		out.Facts, out.UpdatedBy = next, a.Username
		err = tx.QueryRow(ctx, query(sql), args...).Scan(&out.Version, &out.UpdatedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			// Changed between the lock and the write: only a first edit racing another can get here.
			current, rerr := scanRecord(tx.QueryRow(ctx, query("parkfacts_record"), parkID))
			if rerr != nil {
				return rerr
			}
			conflict = &parkfacts.ConflictError{Current: current, Sent: version}
			return conflict
		}
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, a, parkfacts.ActionParkFacts, parkfacts.Table, parkID,
			parkfacts.Audited{Facts: before.Facts, Version: before.Version},
			parkfacts.Audited{Facts: out.Facts, Version: out.Version}); err != nil {
			return err
		}
		// The write's trigger has bumped the park_facts layer in this transaction (0009): this is
		// the dataset version every server will hold once it commits.
		return tx.QueryRow(ctx, query("dataset_version")).Scan(&out.DatasetVersion)
	})
	if conflict != nil && errors.Is(err, conflict) {
		return parkfacts.Record{}, conflict
	}
	return out, dbError("update park facts", err)
}

// ParkHistory implements parkfacts.Store.
func (s *ParkFacts) ParkHistory(ctx context.Context, parkID string, limit int) ([]parkfacts.HistoryEntry, error) {
	var exists bool
	if err := s.reader.pool.QueryRow(ctx, query("parkfacts_park_exists"), parkID).Scan(&exists); err != nil {
		return nil, dbError("park history", err)
	}
	if !exists {
		return nil, apperr.Errorf(apperr.NotFound, "no park %s", apperr.Quote(parkID))
	}
	rows, err := s.reader.pool.Query(ctx, query("parkfacts_history"), parkID, parkfacts.Table, parkfacts.ActionParkFacts, limit)
	if err != nil {
		return nil, dbError("park history", err)
	}
	defer rows.Close()
	out := []parkfacts.HistoryEntry{}
	for rows.Next() {
		var e parkfacts.HistoryEntry
		var before, after []byte
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.DisplayName, &e.Unit, &before, &after); err != nil {
			return nil, dbError("park history", err)
		}
		e.Before, e.After = rawOrNull(before), rawOrNull(after)
		out = append(out, e)
	}
	return out, dbError("park history", rows.Err())
}
