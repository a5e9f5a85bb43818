package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/layerimport"
)

// mappingStore is what the import's saved mappings need of the store (*postgis.Store and
// *importer.Service both are one).
type mappingStore interface {
	Mapping(ctx context.Context, layer, name string) (layerimport.SavedMapping, error)
	SaveMapping(ctx context.Context, a accounts.Actor, layer, name string, m layerimport.SavedMapping) (layerimport.SavedMapping, error)
}

// applySavedMapping fills r from layer's saved mapping named name (parkmap import -mapping NAME):
// the fields the user did not map, the area unit, CRS and encoding when not given. name "" applies
// nothing; a name that is not saved is a NotFound error on the field mapping.
func applySavedMapping(ctx context.Context, store mappingStore, layer, name string, r *layerimport.Request) error {
	if name == "" {
		return nil
	}
	m, err := store.Mapping(ctx, layer, name)
	if err != nil {
		return err
	}
	m.Apply(r)
	return nil
}

// saveMapping saves what an import used (layerimport.MappingOf: its file fields, the area unit, a
// CRS and an encoding the file did not declare) as the mapping named name of the preview's layer
// (parkmap import -save-mapping NAME), audited as actor.
func saveMapping(ctx context.Context, store mappingStore, actor accounts.Actor, name string, p layerimport.Preview, r layerimport.Request) error {
	m := layerimport.MappingOf(name, p, r)
	_, err := store.SaveMapping(ctx, actor, m.Layer, name, m)
	return err
}

// runMappings lists a layer's saved mappings: each source's name, who saved it when, and how its
// files are read.
func runMappings(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// The same check of the layer argument as import, versions and rollback (layerArg).
	if _, err := layerArg(args, "usage: parkmap mappings LAYER [-json] [-db URL]"); err != nil {
		return err
	}
	fset := newFlags("mappings", stderr)
	db := dbFlag(fset)
	asJSON := fset.Bool("json", false, "print JSON")
	if err := parse(fset, args[1:]); err != nil {
		return err
	}
	if err := requireDB(*db, ownerURLEnv); err != nil {
		return err
	}
	store, err := postgis.Open(ctx, *db, postgis.Options{AppName: "parkmap-mappings", MaxConns: 1})
	if err != nil {
		return err
	}
	defer store.Close()
	ms, err := store.Mappings(ctx, args[0])
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ms)
	}
	if len(ms) == 0 {
		fmt.Fprintf(stdout, "%s: no saved mappings\n", args[0])
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSAVED\tBY\tAREA UNIT\tCRS\tENCODING\tMAPPING")
	for _, m := range ms {
		pairs := make([]string, 0, len(m.Mapping))
		for _, k := range slices.Sorted(maps.Keys(m.Mapping)) {
			pairs = append(pairs, k+"<-"+m.Mapping[k])
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Name, m.SavedAt.Local().Format("2006-01-02 15:04"), m.SavedBy,
			orDash(m.AreaUnit), orDash(m.CRS), orDash(m.Encoding), strings.Join(pairs, " "))
	}
	return tw.Flush()
}
