package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/pingyang/parkmap/plan"
)

// LoadSummary counts what a load wrote.
type LoadSummary struct {
	Version       string
	Parks         int
	Towns         int
	Zones         int
	Parcels       int
	Redevelopment int
	Constraints   int
	PlanCells     int
	Targets       int
	Findings      int
}

// Load replaces the whole dataset in one transaction: either every row of the new dataset is in
// place, or the old one stays untouched. Zone polygons are derived from the loaded county and seats.
func (s *Store) Load(ctx context.Context, ds *plan.Dataset, version, source string) (LoadSummary, error) {
	sum := LoadSummary{Version: version}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("truncate_dataset")); err != nil {
			return fmt.Errorf("clear: %w", err)
		}
		b := &pgx.Batch{}
		if err := queueDataset(b, ds, &sum); err != nil {
			return err
		}
		b.Queue(query("upsert_dataset_meta"), version, source)
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, query("derive_zones"))
		if err != nil {
			return fmt.Errorf("derive zones: %w", err)
		}
		if int(tag.RowsAffected()) != len(ds.Zones) {
			return fmt.Errorf("derive zones: %d of %d zones got a polygon", tag.RowsAffected(), len(ds.Zones))
		}
		if _, err := tx.Exec(ctx, query("analyze_dataset")); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
		return nil
	})
	if err != nil {
		return LoadSummary{}, fmt.Errorf("load dataset: %w", err)
	}
	return sum, nil
}

func queueDataset(b *pgx.Batch, ds *plan.Dataset, sum *LoadSummary) error {
	g, err := wkbOf(ds.County.Geometry)
	if err != nil {
		return fmt.Errorf("county: %w", err)
	}
	b.Queue(query("insert_county"), ds.County.Name, ds.County.Adcode, ds.County.Source, g)
	for _, z := range ds.Zones {
		b.Queue(query("insert_zone"), z.ID, z.NameZh, z.NameEn, z.Clause, z.Description, z.Industries, z.Color,
			"Voronoi cells of the town seats, merged by zone (§二(四)), clipped to the county outline")
	}
	sum.Zones = len(ds.Zones)
	for _, t := range ds.Towns {
		g, err := wkbOf(t.Seat)
		if err != nil {
			return fmt.Errorf("town %s: %w", t.Name, err)
		}
		b.Queue(query("insert_town"), t.Code, t.Name, t.Kind, t.Zone, t.ZoneBasis, t.SeatProvenance, t.SeatSource, g)
	}
	sum.Towns = len(ds.Towns)
	for _, p := range ds.Parks {
		g, err := wkbOf(p.Geometry)
		if err != nil {
			return fmt.Errorf("park %s: %w", p.ID, err)
		}
		counts := p.CountsAsParks
		if counts == 0 {
			counts = 1
		}
		aliases := p.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		b.Queue(query("insert_park"), p.ID, p.Seq, p.Name, aliases, p.Town, p.Zone, p.ZoneBasis, p.ZoneClause, string(p.Status),
			p.PlanAreaMu, p.EnterpriseLandMu, p.EnterpriseLandAlt, p.EnterpriseLandAltSrc,
			p.BuildingAreaWanM2, p.BuildingAreaAltWanM2, p.BuildingAreaAltSource,
			p.Industries, p.Firms, p.FirmsBasis, p.DevMode, p.DevModeNote, p.ParkType, p.Construction,
			counts, p.CountsAsParksNote, p.Sources, g)
		for i, ph := range p.Phases {
			b.Queue(query("insert_phase"), p.ID, i+1, ph.Phase, ph.AreaMu, ph.AreaApprox, ph.BuildingWanM2, ph.BuildingApprox, ph.Note, ph.Clause)
		}
	}
	sum.Parks = len(ds.Parks)
	for _, t := range ds.Tables {
		b.Queue(query("insert_plan_table"), t.ID, t.Title, t.Clause, t.Note)
		for i, r := range t.Rows {
			for _, c := range t.Columns {
				raw, ok := r.Cells[c.Key]
				if !ok {
					continue
				}
				queueCell(b, t, c, i+1, r.Label, r.Park, false, raw)
				sum.PlanCells++
			}
		}
		for _, c := range t.Columns {
			if raw, ok := t.Total[c.Key]; ok {
				queueCell(b, t, c, 0, "合计", "", true, raw)
				sum.PlanCells++
			}
		}
	}
	for _, t := range ds.Targets {
		b.Queue(query("insert_target"), t.ID, t.NameZh, t.NameEn, t.Unit, t.Comparator, t.Target, t.Year, t.Clause, t.Text,
			t.Baseline, t.BaselineAsOf, t.BaselineSource, t.BaselineNote, t.Path)
	}
	sum.Targets = len(ds.Targets)
	for _, f := range plan.CheckAll(ds.Parks, ds.Tables, ds.Targets) {
		note := ds.KnownInconsistencies[f.ID]
		b.Queue(query("insert_plan_finding"), f.ID, f.Kind, f.OK, note != "", f.ParkID, f.Sources, f.Figures, f.Message, note)
		sum.Findings++
	}
	for _, p := range ds.Parcels {
		g, err := wkbOf(p.Geometry)
		if err != nil {
			return fmt.Errorf("parcel %s: %w", p.Code, err)
		}
		b.Queue(query("insert_parcel"), p.Code, p.ParkID, p.Year, p.AreaMu, p.LandSource, p.PlannedUse, p.PlotRatio,
			p.Status, p.SourceTable, p.Provenance, g)
	}
	sum.Parcels = len(ds.Parcels)
	for _, r := range ds.Redevelopment {
		g, err := wkbOf(r.Geometry)
		if err != nil {
			return fmt.Errorf("redevelopment %s: %w", r.ID, err)
		}
		b.Queue(query("insert_redevelopment"), r.ID, r.Name, r.Town, r.Kind, r.SiteAreaMu, r.CurrentPlotRatio, r.Provenance, g)
	}
	sum.Redevelopment = len(ds.Redevelopment)
	for _, c := range ds.Constraints {
		g, err := wkbOf(c.Geometry)
		if err != nil {
			return fmt.Errorf("constraint %s: %w", c.ID, err)
		}
		b.Queue(query("insert_constraint"), c.ID, c.Kind, c.Name, c.Provenance, c.SourceNote, g)
	}
	sum.Constraints = len(ds.Constraints)
	return nil
}

func queueCell(b *pgx.Batch, t plan.PlanTable, c plan.PlanColumn, ord int, label, park string, total bool, raw string) {
	cell := plan.ParseCell(raw)
	b.Queue(query("insert_plan_cell"), t.ID, ord, label, park, total, c.Key, c.Label, c.Unit, c.Measure, c.Year,
		raw, cell.Value, cell.Annotation)
}

func wkbOf(g orb.Geometry) ([]byte, error) {
	if g == nil {
		return nil, fmt.Errorf("no geometry")
	}
	return wkb.Marshal(g)
}
