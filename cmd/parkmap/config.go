package main

import (
	"errors"
	"flag"
	"io"
	"os"
)

// newFlags returns a flag set for a subcommand that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("parkmap "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// Environment variables of the database URLs, one per role (issue 9). serve reads the reader's and the
// writer's itself (app.Main.ParseFlags).
const (
	ownerURLEnv  = "DATABASE_URL"       // parkmap_owner: migrate, load
	readerURLEnv = "PARKMAP_READER_URL" // parkmap_reader: check-parcels (and serve -db)
)

// dbFlag registers -db for a command the owner runs (migrate, load), defaulting to DATABASE_URL.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", os.Getenv(ownerURLEnv), "connection URL as the owner role parkmap_owner (default $"+ownerURLEnv+")")
}

// parse parses flags and rejects stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected argument " + fs.Arg(0)}
	}
	return nil
}

// requireDB fails with a usage error when url, the -db flag defaulting to env, is empty.
func requireDB(url, env string) error {
	if url == "" {
		return usageError{"no database: set " + env + " or pass -db"}
	}
	return nil
}

var errChecksFailed = errors.New("check-data found disagreements that are not the plan's known inconsistencies")
