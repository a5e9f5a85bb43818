package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/postgis"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("migrate", stderr)
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(*db, ownerURLEnv); err != nil {
		return err
	}
	return migrate(ctx, *db, stdout)
}

func migrate(ctx context.Context, url string, stdout io.Writer) error {
	applied, err := app.Migrate(ctx, url)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "migrate: schema is up to date")
	} else {
		fmt.Fprintf(stdout, "migrate: applied %v\n", applied)
	}
	return setRolePasswords(ctx, url, stdout, os.Getenv)
}

// rolePasswordEnv names, for each run-time role, the variable that sets its password at migrate.
var rolePasswordEnv = []struct{ role, env string }{
	{"parkmap_reader", "PARKMAP_READER_PASSWORD"},
	{"parkmap_writer", "PARKMAP_WRITER_PASSWORD"},
}

// setRolePasswords gives parkmap_reader and parkmap_writer the passwords in PARKMAP_READER_PASSWORD
// and PARKMAP_WRITER_PASSWORD, when set: migration 0007 creates the roles without one, and a
// deployment whose server asks for passwords (docker compose) sets them here, as the owner, on every
// migrate (so a changed variable takes effect). The values are never printed.
func setRolePasswords(ctx context.Context, url string, stdout io.Writer, getenv func(string) string) error {
	var store *postgis.Store
	for _, r := range rolePasswordEnv {
		pw := getenv(r.env)
		if pw == "" {
			continue
		}
		if store == nil {
			var err error
			if store, err = postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-migrate"}); err != nil {
				return err
			}
			defer store.Close()
		}
		if err := store.SetRolePassword(ctx, r.role, pw); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "migrate: set the password of %s from %s\n", r.role, r.env)
	}
	return nil
}

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("load", stderr)
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(*db, ownerURLEnv); err != nil {
		return err
	}
	start := time.Now()
	ds, err := data.LoadDataset()
	if err != nil {
		return err
	}
	// check-data runs here, quietly: a load never stops on the plan's own inconsistencies.
	if err := reportLoadChecks(ds.Parks, ds.Tables, ds.Targets, ds.KnownInconsistencies, stderr); err != nil {
		return err
	}
	sum, err := app.LoadBundled(ctx, *db, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "load: dataset %s in %v: %d parks, %d towns, %d zones, %d parcels, %d redevelopment areas, %d constraint areas, %d plan cells, %d targets, %d findings, %d evaluation rounds, %d park grades\n",
		sum.Version, time.Since(start).Round(time.Millisecond), sum.Parks, sum.Towns, sum.Zones, sum.Parcels, sum.Redevelopment, sum.Constraints, sum.PlanCells, sum.Targets, sum.Findings,
		sum.EvaluationRounds, sum.Evaluations)
	return nil
}
