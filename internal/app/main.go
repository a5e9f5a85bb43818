// Package app is parkmap's one composition root: Main reads the serve configuration, checks the
// bundled rules and briefing, opens the store, wires it behind the interfaces web declares and serves
// until closed. `parkmap serve` (cmd/parkmap) and every end-to-end test start the service through
// Main, the tests on 127.0.0.1:0, so there is no second wiring to drift from the real one.
//
// Main lives here rather than in cmd/parkmap because Go lets no other package import a main
// package, and the end-to-end tests sit beside the handlers they test (web, internal/e2e).
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/actuals"
	"github.com/pingyang/parkmap/cases"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/evaluations"
	"github.com/pingyang/parkmap/internal/exporter"
	"github.com/pingyang/parkmap/internal/importer"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/parkfacts"
	"github.com/pingyang/parkmap/tiles"
	"github.com/pingyang/parkmap/web"
)

// batchWorkers is how many checks of an HTTP batch run at once: a share of the serving pool.
const batchWorkers = 4

// writerConns caps the write pool: logins, session writes (at most one a minute per session) and
// audited changes are few and short.
const writerConns = 4

// Config is what `parkmap serve` is told.
type Config struct {
	Addr string // listen address; 127.0.0.1:0 picks a free port
	// DatabaseURL is the serving pool's connection, as parkmap_reader (read-only, SELECT grants only).
	DatabaseURL string
	// WriterURL is the write pool's connection, as parkmap_writer: accounts, sessions and the audit
	// log. Empty serves read-only: the published data answers, and logging in is unavailable (503).
	WriterURL string
	// RequireLogin puts every route but the login itself and the health checks behind a session.
	RequireLogin bool
	// BaseURL, when set, is the public root for absolute links; otherwise each request's Host.
	BaseURL string
	// TiandituKey and TiandituReviewNumber (审图号) enable the web map's optional Tianditu basemap.
	TiandituKey          string
	TiandituReviewNumber string
	// TilesArchive is serve -tiles-archive: a PMTiles archive of the published tiles on a static host
	// (web.CheckTilesArchive says which addresses), which the page draws its vector tiles from.
	TilesArchive string
	// Page overrides the web map's options other than Tianditu and the tiles archive (tests serve
	// assets from disk).
	Page web.PageOptions
	// RulesFile and BriefingFile replace the bundled eligibility rules and briefing story ("" keeps them).
	RulesFile    string
	BriefingFile string
	// Catalog is the published collections; nil serves the bundled catalogue (catalog.Default).
	Catalog *catalog.Catalog
	// VersionPoll is how often the dataset version is read without a notification (0: the default,
	// postgis.DefaultVersionPoll; negative: never). NoListen turns LISTEN off, as a read replica
	// needs (it refuses LISTEN, and NOTIFY never reaches it): the poll alone then follows changes.
	VersionPoll time.Duration
	NoListen    bool
	// ImportMaxBytes caps a file uploaded to the layer import (0: intake's cap, 1 GB); tests set it small.
	ImportMaxBytes int64
	// TileCacheBytes bounds the in-memory cache of gzip-compressed tiles (0: web's default, 64 MiB;
	// negative: no cache).
	TileCacheBytes int64
	// Now is the clock that decides the current year (of an evaluation grade, of progress; nil:
	// time.Now), so that
	// a test can stand on a chosen day.
	Now func() time.Time
}

// Main is a running (or ready to run) parkmap server.
type Main struct {
	Config Config
	Log    *slog.Logger

	store    *postgis.Store
	writer   *postgis.Store // nil without WriterURL
	stopSess func()         // stops the session store's cleanup
	versions *postgis.Versions
	srv      *http.Server
	ln       net.Listener
	errc     chan error
}

// NewMain returns a Main with the defaults of `parkmap serve`, logging to stderr.
func NewMain(stderr io.Writer) *Main {
	return &Main{
		Config: Config{Addr: "127.0.0.1:8080", TiandituReviewNumber: "GS(2024)0568号"},
		Log:    slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}
}

// ParseFlags reads the serve flags into m.Config; getenv supplies PARKMAP_READER_URL, PARKMAP_WRITER_URL
// and TIANDITU_KEY.
// A bad flag or a missing database is returned as the error to show with the usage.
func (m *Main) ParseFlags(args []string, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("parkmap serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &m.Config
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address")
	fs.StringVar(&c.DatabaseURL, "db", getenv("PARKMAP_READER_URL"), "serving connection URL, as the read-only role parkmap_reader (default $PARKMAP_READER_URL)")
	// -read-db is -db by the name issue 11 gives it: the serving pool is already read-only
	// (parkmap_reader), so pointing it at a streaming standby is all a replica needs. Everything that
	// writes, and every read that must see its own write (login's attempt count, sessions, imports'
	// status, the audit), already goes through the write pool (-write-db), which stays on the primary.
	fs.StringVar(&c.DatabaseURL, "read-db", getenv("PARKMAP_READER_URL"), "same as -db: point it at a streaming standby to serve reads from there (writes stay on -write-db, the primary)")
	fs.StringVar(&c.WriterURL, "write-db", getenv("PARKMAP_WRITER_URL"), "write connection URL, as parkmap_writer: accounts, sessions, audit (default $PARKMAP_WRITER_URL; empty: read-only service, no login)")
	fs.BoolVar(&c.RequireLogin, "require-login", c.RequireLogin, "put the whole map behind the login (default: published data is public, as the plan is)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public base URL for absolute links (default: from each request's Host)")
	fs.StringVar(&c.TiandituKey, "tianditu-key", getenv("TIANDITU_KEY"), "Tianditu (天地图) browser key: offers its raster tiles as the web map's basemap (default $TIANDITU_KEY; empty: the map uses only its own layers)")
	fs.StringVar(&c.TiandituReviewNumber, "tianditu-gs", c.TiandituReviewNumber, "map review number (审图号) shown with Tianditu's attribution; the deployer must check it against Tianditu's current terms")
	fs.StringVar(&c.TilesArchive, "tiles-archive", c.TilesArchive, "a PMTiles archive of this server's tiles (parkmap tiles export) on a static host with HTTP Range, as https://HOST/F.pmtiles or /PATH/F.pmtiles on this origin: the page draws the map's vector tiles from it (default: from this server)")
	fs.StringVar(&c.RulesFile, "rules", c.RulesFile, "eligibility rules file (default: the bundled data/rules/eligibility.json); checked at start")
	fs.StringVar(&c.BriefingFile, "briefing", c.BriefingFile, "briefing story file (default: the bundled data/briefing/steps.json); checked at start")
	fs.DurationVar(&c.VersionPoll, "version-poll", postgis.DefaultVersionPoll, "how often to read the dataset version besides LISTEN/NOTIFY (on a read replica, the only way changes are seen)")
	cacheMB := fs.Int("tile-cache-mb", 64, "memory for cached tiles, gzip-compressed, in MiB (0: no tile cache)")
	listen := fs.Bool("version-listen", true, "LISTEN for version changes (off by itself when -db is a standby in recovery; false turns it off anywhere)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %s", fs.Arg(0))
	}
	c.NoListen = !*listen
	switch {
	case *cacheMB < 0:
		return errors.New("-tile-cache-mb must be 0 (no cache) or more")
	case *cacheMB == 0:
		c.TileCacheBytes = -1
	default:
		c.TileCacheBytes = int64(*cacheMB) << 20
	}
	if err := web.CheckTilesArchive(c.TilesArchive); err != nil {
		return err
	}
	if c.DatabaseURL == "" {
		return errors.New("no database: set PARKMAP_READER_URL or pass -db (or -read-db)")
	}
	return nil
}

// Run checks the bundled data files, opens the store and starts serving in the background; it
// returns once the listener is open (URL then answers). A rules or briefing file that fails its
// checks stops the start with the reason: a server that cannot answer eligibility or show the
// briefing must not pass for a healthy one.
func (m *Main) Run(ctx context.Context) error {
	cat := m.Config.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	tilesets, err := tiles.NewCatalogue(cat.Collections())
	if err != nil {
		return err
	}
	rules, err := EligibilityRules(m.Config.RulesFile)
	if err != nil {
		return err
	}
	briefing, err := Briefing(cat, m.Config.BriefingFile)
	if err != nil {
		return err
	}
	m.store, err = postgis.Open(ctx, m.Config.DatabaseURL, postgis.Options{AppName: "parkmap-serve", ReadOnly: true, Tilesets: tilesets,
		Guard: &postgis.Guard{Command: "parkmap serve", Use: "parkmap_reader (PARKMAP_READER_URL)", ReadOnly: true}})
	if err != nil {
		return err
	}
	// The watcher lives until Close (or until ctx ends): it keeps the version tiles are keyed by.
	m.versions = m.store.Versions(postgis.VersionOptions{Poll: m.Config.VersionPoll, NoListen: m.Config.NoListen, Log: m.Log})
	if err := m.versions.Start(ctx); err != nil {
		m.store.Close()
		return fmt.Errorf("dataset version (is the database migrated? run parkmap migrate): %w", err)
	}
	// Before the listener opens: the first users' tiles cost what every later one does.
	t0 := time.Now()
	if n, err := m.store.WarmTiles(ctx); err != nil {
		// Not fatal: the map's other requests work, and a tile that fails says why in its answer.
		m.Log.Warn("tile statements not warmed", "err", err)
	} else {
		m.Log.Info("tile connections warmed", "statements", n, "took", time.Since(t0).Round(time.Millisecond))
	}
	var acc *accounts.Service
	var sessions scs.Store
	// The page's layer imports run as the writer, both its pool and ogr2ogr's connection (0014 grants
	// what the constraints import needs); without a writer they are unavailable (503).
	var imports web.LayerImports
	registers := m.store // the pool the two-pool stores read on
	if m.Config.WriterURL != "" {
		m.writer, err = postgis.Open(ctx, m.Config.WriterURL, postgis.Options{AppName: "parkmap-write", MaxConns: writerConns,
			Guard: &postgis.Guard{Command: "parkmap serve", Use: "parkmap_writer (PARKMAP_WRITER_URL)"}})
		if err != nil {
			m.versions.Close()
			m.store.Close()
			return fmt.Errorf("write database: %w", err)
		}
		sessions, m.stopSess = m.writer.SessionStore()
		// On a standby (-read-db), what a person edits must be read back at once: a user just made
		// (every request of their session reads it by id), a case just saved, an actual just
		// changed. The registers are small, so their reads go to the primary with their writes;
		// maps, tiles and features stay on the standby, the load the replicas are there for.
		standby, err := m.store.InRecovery(ctx)
		if err != nil {
			m.writer.Close()
			m.versions.Close()
			m.store.Close()
			return err
		}
		if standby {
			registers = m.writer
			m.Log.Info("read database is a standby: registers (accounts, cases, actuals, park facts, evaluations) are read on the write database")
		}
		acc = accounts.NewService(postgis.NewAccounts(registers, m.writer).WithAuditReader(m.store), accounts.DefaultLoginLimits)
		imports = &importer.Service{Store: m.writer, DatabaseURL: m.Config.WriterURL}
	} else {
		m.Log.Warn("no write database (-write-db): serving read-only; nobody can log in")
	}
	page := m.Config.Page
	page.TiandituKey, page.TiandituReviewNumber = m.Config.TiandituKey, m.Config.TiandituReviewNumber
	page.TilesArchive = m.Config.TilesArchive
	check := eligibility.NewService(rules, m.store, batchWorkers)
	handler := web.NewHandler(web.Deps{
		Log:            m.Log,
		Catalog:        cat,
		Tilesets:       tilesets,
		Health:         m.store,
		Features:       m.store,
		Tiles:          m.store,
		Versions:       m.versions,
		Eligibility:    check,
		Progress:       m.store,
		ParkFacts:      parkfacts.NewService(postgis.NewParkFacts(registers, m.writer)),
		Actuals:        actuals.NewService(postgis.NewActuals(registers, m.writer), nil),
		Cases:          cases.NewService(postgis.NewCases(registers, m.writer), check),
		Evaluations:    evaluations.NewService(postgis.NewEvaluations(registers, m.writer), m.Config.Now),
		Briefing:       briefing,
		Exports:        &exporter.Service{Catalog: cat, DatabaseURL: m.Config.DatabaseURL},
		Imports:        imports,
		ImportMaxBytes: m.Config.ImportMaxBytes,
		TileCacheBytes: m.Config.TileCacheBytes,
		BaseURL:        m.Config.BaseURL,
		Page:           page,
		Accounts:       acc,
		Sessions:       sessions,
		RequireLogin:   m.Config.RequireLogin,
		Now:            m.Config.Now,
	})
	m.ln, err = net.Listen("tcp", m.Config.Addr)
	if err != nil {
		m.closeStores()
		return fmt.Errorf("listen: %w", err)
	}
	m.srv = &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
	m.errc = make(chan error, 1)
	go func() { m.errc <- m.srv.Serve(m.ln) }()
	m.Log.Info("serving", "url", m.URL()+"/")
	return nil
}

// URL is the server's root, http://host:port, once Run has returned.
func (m *Main) URL() string { return "http://" + m.ln.Addr().String() }

// Done is closed with the server's error if it stops serving on its own.
func (m *Main) Done() <-chan error { return m.errc }

// Close stops accepting requests, lets those in flight finish within ctx, stops the version watcher
// and closes the store.
func (m *Main) Close(ctx context.Context) error {
	var err error
	if m.srv != nil {
		if e := m.srv.Shutdown(ctx); e != nil {
			err = fmt.Errorf("shutdown: %w", e)
		} else if e := <-m.errc; !errors.Is(e, http.ErrServerClosed) {
			err = e
		}
	}
	m.closeStores()
	return err
}

func (m *Main) closeStores() {
	if m.versions != nil {
		m.versions.Close()
	}
	if m.stopSess != nil {
		m.stopSess()
	}
	if m.writer != nil {
		m.writer.Close()
	}
	if m.store != nil {
		m.store.Close()
	}
}
