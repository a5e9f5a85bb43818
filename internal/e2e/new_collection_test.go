package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// newCollectionSQL is what a migration adds for a new collection: its table, its published view and
// the serving role's SELECT on that view (the second of the two files a new collection needs; the
// first is its catalogue entry). Without the grant the service, as parkmap_reader, cannot read it.
const newCollectionSQL = `
CREATE TABLE service_stations (
    id text PRIMARY KEY, name text NOT NULL, town text NOT NULL,
    provenance text NOT NULL, provenance_note text NOT NULL,
    geom geometry(Point, 4326) NOT NULL);
CREATE INDEX ON service_stations USING gist (geom);
CREATE VIEW api_service_stations AS
SELECT id, name, town, provenance, provenance_note, geom, geom AS label_point,
       parkmap_feature_id('service_stations', id) AS feature_id FROM service_stations;
GRANT SELECT ON api_service_stations TO parkmap_reader;
INSERT INTO service_stations VALUES
 ('SS-1', '昆阳镇企业服务站', '昆阳镇', 'illustrative', '示意点位 / illustrative point', ST_SetSRID(ST_MakePoint(120.5541, 27.6720), 4326)),
 ('SS-2', '鳌江镇企业服务站', '鳌江镇', 'illustrative', '示意点位 / illustrative point', ST_SetSRID(ST_MakePoint(120.5800, 27.6000), 4326));`

// TestANewCollectionNeedsOnlyItsCatalogueEntryAndItsView adds a collection the way a developer would:
// a catalogue entry and a migration with its table and view. No handler, store method, tile query or
// OpenAPI code changes, yet it is listed, described, served as GeoJSON and as vector tiles.
func TestANewCollectionNeedsOnlyItsCatalogueEntryAndItsView(t *testing.T) {
	url := testenv.LoadedDatabase(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, newCollectionSQL); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	cols := append(catalog.DefaultCollections(), catalog.Collection{
		ID: "service_stations", View: "api_service_stations", TitleZh: "企业服务站", TitleEn: "Enterprise service stations",
		Description: "A collection added by a test.", GeometryType: "Point", Illustrative: true, MinZoom: 0, MaxZoom: 18,
		Properties: []catalog.Property{
			{Name: "id", Type: "string", Title: "编号", Tile: true},
			{Name: "name", Type: "string", Title: "名称", Tile: true},
			{Name: "town", Type: "string", Title: "乡镇", Filter: true, Tile: true},
			{Name: "provenance", Type: "string", Title: "几何来源", Filter: true, Tile: true},
			{Name: "provenance_note", Type: "string", Title: "来源说明"},
		},
	})
	cat, err := catalog.New(cols)
	if err != nil {
		t.Fatal(err)
	}
	base := testenv.ServeDatabase(t, url, app.Config{Catalog: cat})

	var list struct{ Collections []struct{ ID string } }
	getJSON(t, base+"/collections", &list)
	if n := len(list.Collections); n == 0 || list.Collections[n-1].ID != "service_stations" {
		t.Errorf("/collections does not end with the new collection: %+v", list.Collections)
	}
	var fc struct {
		NumberMatched int `json:"numberMatched"`
		Features      []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	getJSON(t, base+"/collections/service_stations/items?town=鳌江镇", &fc)
	if fc.NumberMatched != 1 || len(fc.Features) != 1 || fc.Features[0].ID != "SS-2" || fc.Features[0].Properties["name"] != "鳌江镇企业服务站" {
		t.Errorf("filtered items: %+v", fc)
	}
	var api map[string]any
	getJSON(t, base+"/api", &api)
	if paths, _ := api["paths"].(map[string]any); paths["/collections/service_stations/items"] == nil {
		t.Error("the OpenAPI document lacks the new collection's items path")
	}

	tile := maptile.At(orb.Point{120.5541, 27.6720}, 14)
	res, err := http.Get(base + "/tiles/service_stations/14/" + itoa(tile.X) + "/" + itoa(tile.Y) + ".mvt")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("tile: %d %s", res.StatusCode, body)
	}
	layers, err := mvt.Unmarshal(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(layers) != 1 || layers[0].Name != "service_stations" || len(layers[0].Features) != 1 ||
		layers[0].Features[0].Properties["name"] != "昆阳镇企业服务站" {
		t.Errorf("tile layers: %+v", layers)
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("%s: %d %s", url, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

func itoa(i uint32) string { return strconv.FormatUint(uint64(i), 10) }
