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

// dbFlag registers -db, defaulting to DATABASE_URL.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", os.Getenv("DATABASE_URL"), "PostgreSQL/PostGIS connection URL (default $DATABASE_URL)")
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

func requireDB(url string) error {
	if url == "" {
		return usageError{"no database: set DATABASE_URL or pass -db"}
	}
	return nil
}

var errChecksFailed = errors.New("check-data found disagreements that are not the plan's known inconsistencies")
