package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
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
	// check-data runs here as warnings: a load never stops on the plan's own inconsistencies.
	if _, err := reportChecks(ds.Parks, ds.Tables, ds.Targets, ds.KnownInconsistencies, stderr, true); err != nil {
		return err
	}
	sum, err := app.LoadBundled(ctx, *db, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "load: dataset %s in %v: %d parks, %d towns, %d zones, %d parcels, %d redevelopment areas, %d constraint areas, %d plan cells, %d targets, %d findings\n",
		sum.Version, time.Since(start).Round(time.Millisecond), sum.Parks, sum.Towns, sum.Zones, sum.Parcels, sum.Redevelopment, sum.Constraints, sum.PlanCells, sum.Targets, sum.Findings)
	return nil
}
