package main

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/postgis"
)

// runRollback makes an earlier published version of a layer the live one: a swap of its kept rows
// (no file is read again), audited as cli:<login>, the layer version bumped.
func runRollback(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const use = "usage: parkmap rollback LAYER VERSION [-db URL]"
	if _, err := layerArg(args, use); err != nil {
		return err
	}
	if len(args) < 2 {
		return usageError{use}
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 {
		return usageError{"rollback: VERSION is a version number from `parkmap versions " + args[0] + "`\n" + use}
	}
	fset := newFlags("rollback", stderr)
	db := dbFlag(fset)
	if err := parse(fset, args[2:]); err != nil {
		return err
	}
	if err := requireDB(*db, ownerURLEnv); err != nil {
		return err
	}
	store, err := postgis.Open(ctx, *db, postgis.Options{AppName: "parkmap-rollback", MaxConns: 1})
	if err != nil {
		return err
	}
	defer store.Close()
	before, err := store.RollbackLayer(ctx, accounts.CommandLine(osUserName()), args[0], n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rollback: %s is at version %d (was %d)\n", args[0], n, before)
	return nil
}
