package postgis

import (
	"github.com/pingyang/parkmap/layerimport"
)

// layerOps is what differs between the importable layers: the fill's defaults for unmapped fields
// and its layer expressions, the kinds a file may spell, the layer's own findings, its diff, how a
// version is kept and how it replaces the live rows. The flow around them (stage, common checks,
// publish under the swap lock, versions, rollback) is one.
type layerOps struct {
	// defaults of the fill's field placeholders when unmapped; every other one is NULL::text.
	defaults map[string]string
	// finalID, name and grp are the fill's fixed expressions over its parsed row n: the feature's id,
	// its name, and what the preview totals by.
	finalID, name, grp string
	// kinds returns every spelling of the layer's kinds and the canonical kind of each (nil: none).
	kinds func() (aliases, kinds []string)
	// duplicates and ids: whether the common findings report duplicate and missing ids (a park's
	// features are keyed by its park field and may repeat: its own findings say so).
	duplicates, ids bool
	// findings, diff, keep, analyze are query names; swapOut takes the live rows out (or gives the
	// parks their bundled shapes back) and swapIn ($1 the version's id) puts the version's in.
	findings, diff, keep, analyze string
	swapOut, swapIn               string
	// keepArea: the keep query takes $3, the 亩 in one unit of the file's area field.
	keepArea bool
	// after, when set, runs in the swap's transaction after swapIn (the towns' zones).
	after string
	// prepared: the layer is live from its versions table (live_parcels, 0018): a version is written
	// (kept) before the publish, and the publish and a rollback only move layer_current; swapOut and
	// swapIn are empty.
	prepared bool
}

// opsOf returns the operations of an importable layer.
func opsOf(layer string) (layerOps, bool) {
	switch layer {
	case layerimport.LayerConstraints:
		return layerOps{
			defaults: map[string]string{"id": "s.fid::text", "kind": "p0.given_kind"},
			finalID:  "n.id", grp: "coalesce(n.kind, '(unknown)')",
			name:       "coalesce(nullif(btrim(n.name_raw), ''), coalesce(n.kind_raw, '') || ' ' || coalesce(n.id, ''))",
			kinds:      layerimport.KindAliases,
			duplicates: true, ids: true,
			findings: "imports_constraints_findings", diff: "imports_constraints_diff",
			keep: "imports_constraints_keep", analyze: "imports_constraints_analyze",
			swapOut: "imports_constraints_swap_delete", swapIn: "imports_constraints_swap_insert",
		}, true
	case layerimport.LayerParks:
		return layerOps{
			defaults: map[string]string{},
			finalID:  "coalesce(n.park_raw, '')", grp: "coalesce(n.park_name, '(未匹配)')", name: "n.name_raw",
			findings: "imports_parks_findings", diff: "imports_parks_diff",
			keep: "imports_parks_keep", keepArea: true, analyze: "imports_parks_analyze",
			swapOut: "imports_parks_restore", swapIn: "imports_parks_apply",
		}, true
	case layerimport.LayerParcels:
		return layerOps{
			defaults: map[string]string{},
			finalID:  "n.id", grp: "coalesce(n.year::text, '(无年份)')", name: "n.name_raw",
			duplicates: true, ids: true,
			findings: "imports_parcels_findings", diff: "imports_parcels_diff",
			keep: "imports_parcels_keep", keepArea: true, analyze: "imports_parcels_analyze", prepared: true,
		}, true
	case layerimport.LayerRedevelopment:
		return layerOps{
			defaults: map[string]string{"kind": "p0.given_kind"},
			finalID:  "n.id", grp: "coalesce(n.kind, '(unknown)')", name: "coalesce(nullif(btrim(n.name_raw), ''), n.id)",
			kinds:      layerimport.RedevelopmentKindAliases,
			duplicates: true, ids: true,
			findings: "imports_redevelopment_findings", diff: "imports_redevelopment_diff",
			keep: "imports_redevelopment_keep", keepArea: true, analyze: "imports_redevelopment_analyze",
			swapOut: "imports_redevelopment_swap_delete", swapIn: "imports_redevelopment_swap_insert",
		}, true
	case layerimport.LayerTowns:
		return layerOps{
			defaults: map[string]string{},
			finalID:  "coalesce(n.town_raw, '')", grp: "coalesce(n.town_name, '(未匹配)')", name: "n.name_raw",
			findings: "imports_towns_findings", diff: "imports_towns_diff",
			keep: "imports_towns_keep", analyze: "imports_towns_analyze",
			swapOut: "imports_towns_restore", swapIn: "imports_towns_apply", after: "imports_towns_zones",
		}, true
	}
	return layerOps{}, false
}
