package postgis_test

import (
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// The catalogue's provenance of a collection (what /collections and the TileJSON attribution say) holds
// for the loaded features, which carry their own: an illustrative collection has no real feature, a
// real one has real features (town seats: 15 real, 2 illustrative). Every feature has a note.
func TestCatalogueProvenanceMatchesData(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))
	for _, c := range catalog.DefaultCollections() {
		view := pgx.Identifier{c.View}.Sanitize()
		real := scalar[int](t, conn, "SELECT count(*) FROM "+view+" WHERE provenance = 'real'")
		all := scalar[int](t, conn, "SELECT count(*) FROM "+view)
		if c.Illustrative && real != 0 || !c.Illustrative && real == 0 {
			t.Errorf("%s: catalogue says %s, %d of %d features are real", c.ID, c.Provenance(), real, all)
		}
		if n := scalar[int](t, conn, "SELECT count(*) FROM "+view+" WHERE coalesce(provenance_note, '') = ''"); n != 0 {
			t.Errorf("%s: %d features without a provenance note", c.ID, n)
		}
	}
}
