package main

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/importer"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerimport"
)

func TestMappingsUsage(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	for _, args := range [][]string{{"mappings"}, {"mappings", "roads"}, {"mappings", "parcels"}, {"mappings", "parcels", "stray"}} {
		var ue usageError
		if _, _, err := runCmd(t, args...); !errors.As(err, &ue) {
			t.Errorf("parkmap %v: %v, want a usage error", args, err)
		}
	}
	if out, _, _ := runCmd(t, "help"); !strings.Contains(out, "mappings     LAYER") {
		t.Errorf("the usage lacks mappings:\n%s", out)
	}
}

// A mapping saved from what one import used fills the next request from the same source, and
// `parkmap mappings` lists it.
func TestSavedMappingCommands(t *testing.T) {
	ctx := context.Background()
	db := testenv.LoadedDatabase(t)
	if out, _, err := runCmd(t, "mappings", "parcels", "-db", db); err != nil || !strings.Contains(out, "parcels: no saved mappings") {
		t.Fatalf("empty: %v %s", err, out)
	}
	if out, _, err := runCmd(t, "mappings", "parcels", "-db", db, "-json"); err != nil || strings.TrimSpace(out) != "[]" {
		t.Fatalf("empty JSON: %v %q", err, out)
	}
	store, err := postgis.Open(ctx, db, postgis.Options{AppName: "parkmap-mappings-test", MaxConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := &importer.Service{Store: store}
	// What a dry run of the bureau's ledger used: a GBK Shapefile without .prj, its area in 公顷.
	p := layerimport.Preview{Layer: layerimport.LayerParcels, CRSUsed: "EPSG:4528", Encoding: "GBK",
		Mapping: map[string]string{"id": "DKBH"},
		Source:  layerimport.Source{Fields: []string{"DKBH", "YDMJ", "GDNF"}, EncodingReason: "detected / 检测"},
		Area:    &layerimport.AreaCheck{Field: "YDMJ", Unit: layerimport.UnitHectare}}
	r := layerimport.Request{Layer: layerimport.LayerParcels, Mapping: map[string]string{"area": "YDMJ", "year": "GDNF"}}
	actor := accounts.CommandLine("tester")
	if err := saveMapping(ctx, svc, actor, "县自然资源局供地台账", p, r); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "mappings", "parcels", "-db", db)
	if err != nil || !strings.Contains(out, "县自然资源局供地台账") || !strings.Contains(out, "cli:tester") ||
		!strings.Contains(out, "area<-YDMJ id<-DKBH year<-GDNF") || !strings.Contains(out, "EPSG:4528") || !strings.Contains(out, "公顷") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, "mappings", "parcels", "-db", db, "-json")
	var ms []layerimport.SavedMapping
	if err != nil || json.Unmarshal([]byte(out), &ms) != nil || len(ms) != 1 || ms[0].Encoding != "GBK" {
		t.Fatalf("JSON: %v %s", err, out)
	}
	// The next file: the user maps the year himself and gives the encoding; the rest comes from the mapping.
	next := layerimport.Request{Layer: layerimport.LayerParcels, Mapping: map[string]string{"year": "NF"}, Encoding: "UTF-8"}
	if err := applySavedMapping(ctx, store, layerimport.LayerParcels, "县自然资源局供地台账", &next); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"id": "DKBH", "area": "YDMJ", "year": "NF"}; !maps.Equal(next.Mapping, want) ||
		next.AreaUnit != layerimport.UnitHectare || next.CRS != "EPSG:4528" || next.Encoding != "UTF-8" {
		t.Errorf("applied: %+v", next)
	}
	if err := applySavedMapping(ctx, store, layerimport.LayerParcels, "", &next); err != nil {
		t.Errorf("no name: %v", err)
	}
	err = applySavedMapping(ctx, svc, layerimport.LayerParcels, "乡镇报送", &next)
	if ae, ok := apperr.As(err); !ok || ae.Code != apperr.NotFound || ae.Field != "mapping" {
		t.Errorf("an unknown name: %v", err)
	}
	if _, _, err := runCmd(t, "mappings", "parks", "-db", db); err != nil {
		t.Errorf("another layer: %v", err)
	}
}
