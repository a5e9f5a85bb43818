package postgis

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultVersionPoll is how often a Versions watcher reads the version without being told of a
// change: short enough that a read replica, which NOTIFY never reaches, serves a reload within
// seconds; long enough that a dozen servers polling cost the database nothing.
const DefaultVersionPoll = 3 * time.Second

const (
	// refreshTimeout bounds one read of the version, so that a hung link stalls neither loop for long.
	refreshTimeout = 10 * time.Second
	// The LISTEN connection is retried after a growing pause, so an outage is not a storm of connects.
	minReconnect = 250 * time.Millisecond
	maxReconnect = 5 * time.Second
)

// VersionOptions configure a Versions watcher.
type VersionOptions struct {
	// Poll is how often the version is read regardless of notifications: the fallback for a read
	// replica and for a change made while the LISTEN connection was down. 0 means
	// DefaultVersionPoll; a negative Poll never polls (tests use it to prove that NOTIFY alone works).
	Poll time.Duration
	// NoListen turns LISTEN off, leaving the poll alone. Start also turns it off by itself when the
	// database is a hot standby (pg_is_in_recovery()), which refuses LISTEN; NoListen is the override
	// for a primary (or a pooler in front of one) where LISTEN is unwanted.
	NoListen bool
	// Log receives reconnects and version changes; nil discards them.
	Log *slog.Logger
}

// Versions keeps the dataset version in memory, so that a tile request can find its cached tile
// without any query, and can be answered while the database is away. It learns of changes from the
// parkmap_versions notifications of data/schema/0005_layer_versions.sql on a dedicated connection
// (reconnecting after the database goes away) and from a short poll.
type Versions struct {
	store *Store
	opt   VersionOptions
	log   *slog.Logger

	current atomic.Pointer[string]
	mu      sync.Mutex // held across a read and its store, so an older read never overwrites a newer one

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Versions returns a watcher of the store's dataset version; Start sets it going.
func (s *Store) Versions(o VersionOptions) *Versions {
	if o.Poll == 0 {
		o.Poll = DefaultVersionPoll
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Versions{store: s, opt: o, log: log}
}

// Start reads the version once and starts the goroutines that keep it, until ctx ends or Close. The
// first read's error is returned: a database without the layer_versions migration cannot key tiles,
// and a server that starts anyway would pass for a healthy one.
func (w *Versions) Start(ctx context.Context) error {
	if err := w.refresh(ctx, w.store.pool); err != nil {
		return err
	}
	ctx, w.cancel = context.WithCancel(ctx)
	if w.opt.Poll > 0 {
		w.wg.Go(func() { w.poll(ctx) })
	}
	listen := !w.opt.NoListen
	if listen {
		standby, err := w.store.InRecovery(ctx)
		if err != nil {
			w.cancel()
			w.wg.Wait()
			return err
		}
		if standby {
			// A hot standby refuses LISTEN and never sees a NOTIFY: the poll is the only way it learns.
			w.log.Info("dataset version: the database is a standby (in recovery); not listening, polling", "every", w.opt.Poll)
			listen = false
		}
	}
	if listen {
		w.wg.Go(func() { w.listen(ctx) })
	}
	return nil
}

// InRecovery reports whether the store's database is a standby in recovery (pg_is_in_recovery()).
func (s *Store) InRecovery(ctx context.Context) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	var standby bool
	if err := s.pool.QueryRow(ctx, query("in_recovery")).Scan(&standby); err != nil {
		return false, dbError("in recovery", err)
	}
	return standby, nil
}

// Close stops the watcher and waits for its goroutines; the last version read stays readable.
func (w *Versions) Close() {
	if w.cancel != nil {
		w.cancel()
	}
	w.wg.Wait()
}

// Version returns the dataset version last read, and whether one has ever been read. It does no I/O.
func (w *Versions) Version() (string, bool) {
	if v := w.current.Load(); v != nil {
		return *v, true
	}
	return "", false
}

type queryRower interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// refresh reads the version through q and keeps it.
func (w *Versions) refresh(ctx context.Context, q queryRower) error {
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	w.mu.Lock()
	defer w.mu.Unlock()
	var v string
	if err := q.QueryRow(ctx, query("dataset_version")).Scan(&v); err != nil {
		return dbError("dataset version", err)
	}
	if old := w.current.Swap(&v); old == nil || *old != v {
		w.log.Info("dataset version", "version", v)
	}
	return nil
}

func (w *Versions) poll(ctx context.Context) {
	t := time.NewTicker(w.opt.Poll)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := w.refresh(ctx, w.store.pool)
		if err != nil && !failing && ctx.Err() == nil {
			w.log.Warn("dataset version: poll failed; serving the last version read", "err", err)
		}
		failing = err != nil
	}
}

// listen keeps a LISTEN connection open, opening a new one whenever it fails.
func (w *Versions) listen(ctx context.Context) {
	wait := minReconnect
	for {
		listened, err := w.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if listened {
			wait = minReconnect
		}
		w.log.Warn("dataset version: LISTEN connection lost; reconnecting", "err", err, "after", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, maxReconnect)
	}
}

// listenOnce connects, listens and refreshes on every notification until the connection fails. It
// reports whether it got as far as listening, which resets the reconnect pause.
func (w *Versions) listenOnce(ctx context.Context) (bool, error) {
	cfg := w.store.connConfig.Copy()
	cfg.RuntimeParams["application_name"] += "-versions"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, dbError("listen", err)
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, query("listen_versions")); err != nil {
		return false, dbError("listen", err)
	}
	// Whatever changed while no connection listened is read now.
	if err := w.refresh(ctx, conn); err != nil {
		return true, err
	}
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return true, dbError("listen", err)
		}
		if err := w.refresh(ctx, conn); err != nil {
			return true, err
		}
	}
}
