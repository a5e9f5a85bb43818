package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/layerimport"
)

// runVersions lists a layer's published versions: who, when, which file (name and sha256), how many
// features and 亩, and how it was read (CRS, encoding). * marks the current one.
func runVersions(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if _, err := layerArg(args, "usage: parkmap versions LAYER [-json] [-db URL]"); err != nil {
		return err
	}
	fset := newFlags("versions", stderr)
	db := dbFlag(fset)
	asJSON := fset.Bool("json", false, "print JSON")
	if err := parse(fset, args[1:]); err != nil {
		return err
	}
	if err := requireDB(*db, ownerURLEnv); err != nil {
		return err
	}
	store, err := postgis.Open(ctx, *db, postgis.Options{AppName: "parkmap-versions", MaxConns: 1})
	if err != nil {
		return err
	}
	defer store.Close()
	vs, err := store.LayerVersions(ctx, args[0])
	if err != nil {
		return err
	}
	if *asJSON {
		if vs == nil {
			vs = []layerimport.Version{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(vs)
	}
	if len(vs) == 0 {
		fmt.Fprintf(stdout, "%s: no imported version; the layer holds the bundled illustrative rows\n", args[0])
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\tVERSION\tWHEN\tWHO\tFILE\tSHA256\tFEATURES\t亩\tCRS READ\tCRS USED\tENCODING\tNOTE")
	for _, v := range vs {
		cur := ""
		if v.Current {
			cur = "*"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%.12s\t%d\t%.2f\t%s\t%s\t%s\t%s\n", cur, v.Version,
			v.CreatedAt.Local().Format("2006-01-02 15:04"), v.ImportedBy, v.File, v.SHA256, v.Features, v.TotalMu,
			orDash(v.CRSRead), v.CRSUsed, orDash(v.Encoding), v.Note)
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
