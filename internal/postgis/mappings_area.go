package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/layerimport"
)

// areaPairs measures an import's area check on c, the import's own session: each staged feature's
// area field as text and its drawn 亩 (sql/imports_area_pairs.sql, reading pg_temp.import_work), for
// layerimport.CheckAreas to tell the unit and the features that disagree.
func areaPairs(ctx context.Context, c *pgx.Conn) ([]layerimport.AreaPair, error) {
	rows, err := c.Query(ctx, query("imports_area_pairs"))
	if err != nil {
		return nil, dbError("import: area pairs", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.AreaPair, error) {
		var p layerimport.AreaPair
		return p, row.Scan(&p.Fid, &p.ID, &p.Raw, &p.DrawnMu)
	})
	return out, dbError("import: area pairs", err)
}
