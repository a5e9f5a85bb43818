package postgis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/layerimport"
)

// LayerVersions lists every published version of layer, oldest first.
func (s *Store) LayerVersions(ctx context.Context, layer string) ([]layerimport.Version, error) {
	rows, err := s.pool.Query(ctx, query("imports_versions"), layer)
	if err != nil {
		return nil, dbError("layer versions", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.Version, error) {
		var v layerimport.Version
		var mapping string
		err := row.Scan(&v.Version, &v.File, &v.SHA256, &v.Features, &v.TotalMu, &v.CRSRead, &v.CRSUsed,
			&v.Encoding, &mapping, &v.ImportedBy, &v.CreatedAt, &v.Note, &v.Current)
		v.Mapping = json.RawMessage(mapping)
		return v, err
	})
	return out, dbError("layer versions", err)
}

// RollbackLayer makes version of layer the live one again: a swap of its kept rows, in one short
// transaction under the swap lock, audited; the layer version moves by the live table's trigger. It
// returns the version that was current before.
func (s *Store) RollbackLayer(ctx context.Context, a accounts.Actor, layer string, version int) (int, error) {
	ops, ok := opsOf(layer)
	if !ok {
		return 0, apperr.FieldErrorf(apperr.Invalid, "layer", "layer %q has no versions", layer)
	}
	var before int
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return 0, dbError("rollback "+layer, err)
	}
	defer conn.Release()
	err = pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("load_swap_lock")); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, query("imports_current"), layer).Scan(&before); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx, query("imports_version_id"), layer, version).Scan(&id); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return apperr.FieldErrorf(apperr.NotFound, "version", "layer %s has no version %d", layer, version)
			}
			return err
		}
		if err := swapVersion(ctx, tx, layer, ops, id, a); err != nil {
			return err
		}
		return audit(ctx, tx, a, ActionLayerRollback, "layer_imports", fmt.Sprintf("%s/%d", layer, version),
			map[string]int{"version": before}, map[string]int{"version": version})
	})
	if err != nil {
		return before, dbError("rollback "+layer, err)
	}
	if !ops.prepared {
		_, _ = conn.Exec(ctx, query(ops.analyze))
	}
	return before, nil
}

// staleStaging is the age past which a staging table is an abandoned import's; stalePrepared a
// prepared version's that was never published.
const (
	staleStaging  = 24 * time.Hour
	stalePrepared = time.Hour
)

// sweepStaging drops the staging tables of imports that died before their own clean-up. It is best
// effort: a table it cannot drop now is tried again by the next import.
func sweepStaging(ctx context.Context, c *pgx.Conn) {
	rows, err := c.Query(ctx, query("imports_stale_staging"), int64(staleStaging.Seconds()))
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, n := range names {
		_, _ = c.Exec(ctx, "DROP TABLE IF EXISTS "+pgx.Identifier{StagingSchema, n}.Sanitize())
	}
	// Prepared versions a killed import left unpublished (0018): an hour is far past any publish.
	_, _ = c.Exec(ctx, query("imports_stale_prepared"), int64(stalePrepared.Seconds()))
}

func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
