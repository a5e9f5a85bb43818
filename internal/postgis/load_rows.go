package postgis

import (
	"fmt"

	"github.com/pingyang/parkmap/plan"
)

// stageTable is one live table of the dataset as the loader fills it: the columns it writes (never a
// generated one), in COPY order, and the new rows. Its staging copy is pg_temp.load_<name>.
type stageTable struct {
	name    string
	columns []string
	rows    [][]any
	// partial: the table holds rows of others beside the dataset's (park_evaluations: the planners'
	// grades), so the swap deletes only the dataset's own (origin = 'dataset') and inserts the new
	// ones where no other row has the key (see partialSwapSQL).
	partial bool
	// guard, when set, is a condition under which the swap replaces the table at all: the constraints,
	// parcels and redevelopment layers are the bundled ones only while no imported version is current
	// (load_<layer>_guard.sql, migrations 0013 and 0015).
	guard string
}

// zoneGeomMethod says how load_derive_zones.sql draws the zones; each zone's provenance note is the
// dataset's (data/seed/provenance.json).
const zoneGeomMethod = "Voronoi cells of the town seats, merged by zone (§二(四)), clipped to the county outline"

// datasetColumns lists the live tables in an order where every table comes after the tables it
// references (the swap inserts in this order and deletes in the reverse), each with the columns the
// loader writes. dataset_meta is kept out of it: the swap writes it last (metaColumns).
func datasetColumns() []tableColumns {
	return []tableColumns{
		{"county", []string{"id", "name", "adcode", "provenance", "provenance_note", "source", "geom"}},
		{"zones", []string{"id", "name_zh", "name_en", "clause", "description", "industries", "color", "provenance", "provenance_note", "geom_method", "geom"}},
		{"towns", []string{"code", "name", "kind", "zone_id", "zone_basis", "seat_provenance", "seat_source", "geom",
			"boundary", "boundary_note", "import_id"}},
		{"plan_tables", []string{"id", "title", "clause", "note"}},
		{"targets", []string{"id", "name_zh", "name_en", "unit", "comparator", "target", "year", "clause", "text",
			"baseline", "baseline_as_of", "baseline_source", "baseline_note", "path"}},
		{"parks", []string{"id", "seq", "name", "aliases", "town_code", "zone_id", "zone_basis", "zone_clause", "status",
			"plan_area_mu", "enterprise_land_mu", "enterprise_land_alt", "enterprise_land_alt_source",
			"building_area_wan_m2", "building_area_alt_wan_m2", "building_area_alt_source",
			"industries", "firms", "firms_basis", "dev_mode", "dev_mode_note", "park_type", "construction",
			"counts_as_parks", "counts_as_parks_note", "sources", "provenance", "provenance_note", "geom", "import_id"}},
		{"park_phases", []string{"park_id", "ord", "phase", "area_mu", "area_approx", "building_wan_m2", "building_approx", "note", "clause"}},
		{"plan_cells", []string{"table_id", "row_ord", "row_label", "park_id", "is_total", "column_key", "column_label", "unit",
			"measure", "year", "raw", "value", "annotation"}},
		{"plan_findings", []string{"id", "kind", "ok", "known", "park_id", "sources", "figures", "message", "note_zh"}},
		{"parcels", []string{"code", "park_id", "year", "area_mu", "land_source", "planned_use", "plot_ratio", "status",
			"source_table", "provenance", "provenance_note", "geom", "import_id"}},
		{"redevelopment", []string{"id", "name", "town_code", "kind", "site_area_mu", "current_plot_ratio", "provenance", "provenance_note", "geom", "import_id"}},
		{"constraints", []string{"id", "kind", "name", "provenance", "source_note", "geom", "import_id"}},
		{"evaluation_rounds", []string{"year", "issuer", "title", "notice_date", "method", "dimensions",
			"parks_evaluated", "parks_recognised", "count_a", "count_b", "count_c", "count_d", "source"}},
		{sharedTable, []string{"park_id", "year", "grade", "name_in_notice", "match_note", "source", "origin", "entered_by"}},
	}
}

// tableColumns names a live table and the columns the loader writes into it.
type tableColumns struct {
	name    string
	columns []string
}

// sharedTable is the one live table the dataset shares with people (see stageTable.partial).
const sharedTable = "park_evaluations"

// metaColumns are the columns of dataset_meta the loader writes; loaded_at takes the swap's now().
func metaColumns() []string { return []string{"id", "version", "source"} }

// stageRows turns a dataset into the rows of every live table, in datasetColumns order. It resolves
// what the dataset names (a park's town) to keys, and encodes every geometry as EWKB.
func stageRows(ds *plan.Dataset) ([]stageTable, LoadSummary, error) {
	var sum LoadSummary
	rows := map[string][][]any{}
	add := func(table string, vals ...any) { rows[table] = append(rows[table], vals) }
	geomErr := func(what string, err error) error { return fmt.Errorf("%s: geometry: %w", what, err) }

	g, err := ewkbOf(ds.County.Geometry)
	if err != nil {
		return nil, sum, geomErr("county", err)
	}
	add("county", 1, ds.County.Name, ds.County.Adcode, ds.County.Provenance, ds.County.ProvenanceNote, ds.County.Source, g)
	for _, z := range ds.Zones {
		// The geometry is derived in staging from the county and the seats (load_derive_zones.sql).
		add("zones", z.ID, z.NameZh, z.NameEn, z.Clause, z.Description, z.Industries, z.Color,
			z.Provenance, z.ProvenanceNote, zoneGeomMethod, nil)
	}
	townCode := map[string]string{}
	for _, t := range ds.Towns {
		g, err := ewkbOf(t.Seat)
		if err != nil {
			return nil, sum, geomErr("town "+t.Name, err)
		}
		townCode[t.Name] = t.Code
		add("towns", t.Code, t.Name, t.Kind, t.Zone, t.ZoneBasis, t.SeatProvenance, t.SeatSource, g,
			nil, nil, nil) // boundaries are imported (load_towns_shapes.sql re-applies them)
	}
	codeOf := func(what, town string) (string, error) {
		c, ok := townCode[town]
		if !ok {
			return "", fmt.Errorf("%s: no town named %q", what, town)
		}
		return c, nil
	}
	for _, p := range ds.Parks {
		g, err := ewkbOf(p.Geometry)
		if err != nil {
			return nil, sum, geomErr("park "+p.ID, err)
		}
		town, err := codeOf("park "+p.ID, p.Town)
		if err != nil {
			return nil, sum, err
		}
		counts := p.CountsAsParks
		if counts == 0 {
			counts = 1
		}
		aliases := p.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		add("parks", p.ID, p.Seq, p.Name, aliases, town, p.Zone, p.ZoneBasis, p.ZoneClause, string(p.Status),
			p.PlanAreaMu, p.EnterpriseLandMu, orNull(p.EnterpriseLandAlt), orNull(p.EnterpriseLandAltSrc),
			p.BuildingAreaWanM2, p.BuildingAreaAltWanM2, orNull(p.BuildingAreaAltSource),
			p.Industries, p.Firms, p.FirmsBasis, p.DevMode, orNull(p.DevModeNote), p.ParkType, p.Construction,
			counts, orNull(p.CountsAsParksNote), p.Sources, p.Provenance, p.ProvenanceNote, g, nil) // load_parks_shapes.sql re-applies an import
		for i, ph := range p.Phases {
			add("park_phases", p.ID, i+1, ph.Phase, ph.AreaMu, ph.AreaApprox, ph.BuildingWanM2, ph.BuildingApprox, ph.Note, ph.Clause)
		}
	}
	for _, t := range ds.Tables {
		add("plan_tables", t.ID, t.Title, t.Clause, orNull(t.Note))
		cell := func(c plan.PlanColumn, ord int, label, park string, total bool, raw string) {
			v := plan.ParseCell(raw)
			var year any
			if c.Year != 0 {
				year = c.Year
			}
			add("plan_cells", t.ID, ord, label, orNull(park), total, c.Key, c.Label, c.Unit, orNull(c.Measure), year,
				raw, v.Value, v.Annotation)
			sum.PlanCells++
		}
		for i, r := range t.Rows {
			for _, c := range t.Columns {
				if raw, ok := r.Cells[c.Key]; ok {
					cell(c, i+1, r.Label, r.Park, false, raw)
				}
			}
		}
		for _, c := range t.Columns {
			if raw, ok := t.Total[c.Key]; ok {
				cell(c, 0, "合计", "", true, raw)
			}
		}
	}
	for _, t := range ds.Targets {
		add("targets", t.ID, t.NameZh, t.NameEn, t.Unit, t.Comparator, t.Target, t.Year, t.Clause, t.Text,
			t.Baseline, orNull(t.BaselineAsOf), orNull(t.BaselineSource), orNull(t.BaselineNote), t.Path)
	}
	for _, f := range plan.CheckAll(ds.Parks, ds.Tables, ds.Targets) {
		note := ds.KnownInconsistencies[f.ID]
		add("plan_findings", f.ID, f.Kind, f.OK, note != "", orNull(f.ParkID), f.Sources, f.Figures, f.Message, orNull(note))
		sum.Findings++
	}
	for _, p := range ds.Parcels {
		g, err := ewkbOf(p.Geometry)
		if err != nil {
			return nil, sum, geomErr("parcel "+p.Code, err)
		}
		add("parcels", p.Code, p.ParkID, p.Year, p.AreaMu, p.LandSource, p.PlannedUse, p.PlotRatio,
			p.Status, p.SourceTable, p.Provenance, p.ProvenanceNote, g, nil) // bundled: no import
	}
	for _, r := range ds.Redevelopment {
		g, err := ewkbOf(r.Geometry)
		if err != nil {
			return nil, sum, geomErr("redevelopment "+r.ID, err)
		}
		town, err := codeOf("redevelopment "+r.ID, r.Town)
		if err != nil {
			return nil, sum, err
		}
		add("redevelopment", r.ID, r.Name, town, r.Kind, r.SiteAreaMu, r.CurrentPlotRatio, r.Provenance, r.ProvenanceNote, g, nil)
	}
	for _, c := range ds.Constraints {
		g, err := ewkbOf(c.Geometry)
		if err != nil {
			return nil, sum, geomErr("constraint "+c.ID, err)
		}
		add("constraints", c.ID, c.Kind, c.Name, c.Provenance, c.SourceNote, g, nil) // bundled: no import
	}
	for _, r := range ds.EvaluationRounds {
		add("evaluation_rounds", r.Year, r.Issuer, orNull(r.Title), r.Date, r.Method, r.Dimensions,
			r.ParksEvaluated, r.ParksRecognised, r.GradeCounts["A"], r.GradeCounts["B"], r.GradeCounts["C"], r.GradeCounts["D"], r.Source)
	}
	for _, e := range ds.Evaluations {
		add("park_evaluations", e.ParkID, e.Year, e.Grade, orNull(e.NameInNotice), orNull(e.MatchNote), e.Source,
			plan.OriginDataset, datasetEnteredBy)
	}
	sum.EvaluationRounds, sum.Evaluations = len(ds.EvaluationRounds), len(ds.Evaluations)
	sum.Zones, sum.Towns, sum.Parks, sum.Targets = len(ds.Zones), len(ds.Towns), len(ds.Parks), len(ds.Targets)
	sum.Parcels, sum.Redevelopment, sum.Constraints = len(ds.Parcels), len(ds.Redevelopment), len(ds.Constraints)

	cols := datasetColumns()
	out := make([]stageTable, len(cols))
	for i, t := range cols {
		out[i] = stageTable{name: t.name, columns: t.columns, rows: rows[t.name], partial: t.name == sharedTable}
		switch t.name {
		case "constraints", "parcels", "redevelopment":
			out[i].guard = query("load_" + t.name + "_guard")
		}
	}
	return out, sum, nil
}

// datasetEnteredBy is who entered the dataset's own rows of a table it shares with people
// (park_evaluations.entered_by): the load, not a user.
const datasetEnteredBy = "parkmap load"

// orNull stores an empty optional text as NULL, never as ”.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}
