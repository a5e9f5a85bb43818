package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/layerimport"
)

// layerOps is what differs between the importable layers: the fields the working table's fill reads
// (target field -> the default expression when the file's field is not mapped), the layer's own
// mapping step and findings, its diff, how a version is kept and how it replaces the live rows. The
// flow around them (stage, common checks, publish under the swap lock, versions, rollback) is one.
type layerOps struct {
	// defaults of the fill's placeholders when unmapped; every other placeholder is NULL::text.
	defaults map[string]string
	// duplicates and ids: whether the common findings report duplicate and missing ids (a park's
	// features are keyed by its park field and may repeat: its own findings say so).
	duplicates, ids bool
	// mapStep runs the layer's own mapping (kinds, parks, towns, numbers) on the working table.
	mapStep func(ctx context.Context, c *pgx.Conn, r ImportRequest) error
	// findings, diff, keep, analyze are query names; swapOut takes the live rows out (or gives the
	// parks their bundled shapes back) and swapIn ($1 the version's id) puts the version's in.
	findings, diff, keep, analyze string
	swapOut, swapIn               string
}

// numbersStep parses the year, area and plot ratio of every feature; the area is in the file's unit
// until the unit step (areaStep) makes it 亩.
func numbersStep(ctx context.Context, c *pgx.Conn) error {
	_, err := c.Exec(ctx, query("imports_numbers"))
	return err
}

// opsOf returns the operations of an importable layer.
func opsOf(layer string) (layerOps, bool) {
	switch layer {
	case layerimport.LayerConstraints:
		return layerOps{
			defaults:   map[string]string{"id": "s.fid::text", "kind": "$1::text"},
			duplicates: true, ids: true,
			mapStep: func(ctx context.Context, c *pgx.Conn, r ImportRequest) error {
				aliases, kinds := layerimport.KindAliases()
				if _, err := c.Exec(ctx, query("imports_constraints_map"), aliases, kinds); err != nil {
					return err
				}
				_, err := c.Exec(ctx, query("imports_constraints_group"))
				return err
			},
			findings: "imports_constraints_findings", diff: "imports_constraints_diff",
			keep: "imports_constraints_keep", analyze: "imports_constraints_analyze",
			swapOut: "imports_constraints_swap_delete", swapIn: "imports_constraints_swap_insert",
		}, true
	case layerimport.LayerParks:
		return layerOps{
			defaults: map[string]string{},
			mapStep: func(ctx context.Context, c *pgx.Conn, r ImportRequest) error {
				if err := numbersStep(ctx, c); err != nil {
					return err
				}
				_, err := c.Exec(ctx, query("imports_parks_map"))
				return err
			},
			findings: "imports_parks_findings", diff: "imports_parks_diff",
			keep: "imports_parks_keep", analyze: "imports_parks_analyze",
			swapOut: "imports_parks_restore", swapIn: "imports_parks_apply",
		}, true
	case layerimport.LayerParcels:
		return layerOps{
			defaults:   map[string]string{},
			duplicates: true, ids: true,
			mapStep: func(ctx context.Context, c *pgx.Conn, r ImportRequest) error {
				if err := numbersStep(ctx, c); err != nil {
					return err
				}
				_, err := c.Exec(ctx, query("imports_parcels_map"))
				return err
			},
			findings: "imports_parcels_findings", diff: "imports_parcels_diff",
			keep: "imports_parcels_keep", analyze: "imports_parcels_analyze",
			swapOut: "imports_parcels_swap_delete", swapIn: "imports_parcels_swap_insert",
		}, true
	case layerimport.LayerRedevelopment:
		return layerOps{
			defaults:   map[string]string{"kind": "$1::text"},
			duplicates: true, ids: true,
			mapStep: func(ctx context.Context, c *pgx.Conn, r ImportRequest) error {
				if err := numbersStep(ctx, c); err != nil {
					return err
				}
				aliases, kinds := layerimport.RedevelopmentKindAliases()
				_, err := c.Exec(ctx, query("imports_redevelopment_map"), aliases, kinds)
				return err
			},
			findings: "imports_redevelopment_findings", diff: "imports_redevelopment_diff",
			keep: "imports_redevelopment_keep", analyze: "imports_redevelopment_analyze",
			swapOut: "imports_redevelopment_swap_delete", swapIn: "imports_redevelopment_swap_insert",
		}, true
	}
	return layerOps{}, false
}
