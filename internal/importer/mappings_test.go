package importer_test

import (
	"context"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/importer"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerimport"
)

// The service's mappings reach the store as the page will use them, on the writer's pool, and its
// suggestion knows the parks' names.
func TestServiceMappingsAndSuggest(t *testing.T) {
	ctx := context.Background()
	db := testenv.LoadedDatabase(t)
	st, err := postgis.Open(ctx, pgtest.RoleURL(db, testenv.WriterRole), postgis.Options{AppName: "parkmap-importer-test"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := &importer.Service{Store: st}
	a := accounts.Actor{Username: "wang", Roles: []string{accounts.DataAdmin}}
	if _, err := svc.SaveMapping(ctx, a, layerimport.LayerParks, "园区办", layerimport.SavedMapping{Mapping: map[string]string{"park": "YQMC"}}); err != nil {
		t.Fatal(err)
	}
	if ms, err := svc.Mappings(ctx, layerimport.LayerParks); err != nil || len(ms) != 1 || ms[0].SavedBy != "wang" {
		t.Errorf("mappings: %v %+v", err, ms)
	}
	if m, err := svc.Mapping(ctx, layerimport.LayerParks, "园区办"); err != nil || m.Mapping["park"] != "YQMC" {
		t.Errorf("mapping: %v %+v", err, m)
	}
	if err := svc.DeleteMapping(ctx, a, layerimport.LayerParks, "园区办"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Mapping(ctx, layerimport.LayerParks, "园区办"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("after delete: %v", err)
	}
	got, err := svc.Suggest(ctx, layerimport.LayerParks, []string{"F1", "F2"},
		map[string][]string{"F1": {"平阳金融电子小微园", "滨海新区印刷小微园"}, "F2": {"12.5"}})
	if err != nil || len(got) != 1 || got[0].Field != "park" || got[0].Source != "F1" {
		t.Errorf("suggest: %v %+v", err, got)
	}
	if got, err := svc.Suggest(ctx, "roads", []string{"F1"}, nil); err != nil || got != nil {
		t.Errorf("an unknown layer: %v %+v", err, got)
	}
}
