package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/layerimport"
)

// StagingSchema is where ogr2ogr writes an import's features (migration 0013).
const StagingSchema = "import_staging"

// Audit actions of the layer imports.
const (
	ActionLayerPublish  = "layer.publish"
	ActionLayerRollback = "layer.rollback"
)

// ImportRequest is one import as the importer hands it over: the user's request, and what reading
// the file decided (its sha256, the CRS it declared and the one used, the encoding GDAL decodes with,
// the id and name fields of a file the importer wrote itself). Stage copies the file into the table
// it is given (schema.table, which must not exist); the importer runs ogr2ogr there (internal/gdal).
type ImportRequest struct {
	layerimport.Request
	SHA256, CRSRead, CRSUsed string
	EncodingUsed             string
	DefaultID, DefaultName   string
	Source                   layerimport.Source
	Stage                    func(ctx context.Context, table string) error
}

// field is the file's field mapped to the layer's field name, or def. "-" leaves a field unmapped.
func (r ImportRequest) field(name, def string) string {
	switch v := r.Request.Mapping[name]; v {
	case "":
		return def
	case "-":
		return ""
	default:
		return v
	}
}

// mapping is the field mapping as the version history records it: every mapped target field.
func (r ImportRequest) mapping(t layerimport.Target) map[string]string {
	m := map[string]string{}
	for _, f := range t.Fields {
		def := ""
		switch f.Name {
		case "id":
			def = r.DefaultID
		case "name":
			def = r.DefaultName
		}
		if v := r.field(f.Name, def); v != "" {
			m[f.Name] = v
		}
	}
	if _, ok := m["id"]; !ok && t.Layer != layerimport.LayerParks {
		m["id"] = "fid (feature number)"
	}
	if _, ok := m["kind"]; !ok && r.Kind != "" {
		m["kind"] = "-kind " + r.Kind
	}
	return m
}

// ImportLayer stages a file, checks it and, when asked and nothing blocks, publishes it as the next
// version of r.Layer. It works on one connection:
//
//  1. stage: r.Stage writes import_staging.<layer>_<seconds>_<random> (ogr2ogr, another session);
//     the mapped fields are checked against its columns and copied into the session's temporary
//     working table (pg_temp.import_work); the staging table is dropped at once, and again (IF
//     EXISTS) on the way out, whatever happened. Nothing live is touched.
//  2. check: the layer's own mapping (kinds, parks, towns, numbers), -repair applied, findings,
//     summary and diff read: the preview.
//  3. publish (r.Publish, no blocking finding): one short transaction, under the load's swap lock,
//     records the version, keeps its features, replaces the live rows (readers never wait), marks it
//     current and audits it. The layer version moves by the live table's trigger. An error anywhere
//     rolls all of it back: the previous version stays whole.
//
// A preview with blocking findings is returned with an Invalid error.
func (s *Store) ImportLayer(ctx context.Context, r ImportRequest) (layerimport.Preview, error) {
	t, ok := layerimport.TargetOf(r.Layer)
	ops, ok2 := opsOf(r.Layer)
	if !ok || !ok2 {
		return layerimport.Preview{Layer: r.Layer, File: r.FileName, Source: r.Source},
			apperr.FieldErrorf(apperr.Invalid, "layer", "layer %q cannot be imported", r.Layer)
	}
	op := "import " + r.Layer
	p := layerimport.Preview{Layer: r.Layer, File: r.FileName, SHA256: r.SHA256,
		CRSRead: r.CRSRead, CRSUsed: r.CRSUsed, Encoding: r.EncodingUsed, Mapping: r.mapping(t), Source: r.Source}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return p, dbError(op, err)
	}
	// The run-time roles have a 30 s statement_timeout (0007), right for a request and wrong for the
	// checks of a county's cadastre; the import's own session lifts it, and puts it back on the way out.
	if _, err := conn.Exec(ctx, "SET statement_timeout = '30min'"); err != nil {
		conn.Release()
		return p, dbError(op, err)
	}
	sweepStaging(ctx, conn.Conn())
	table := fmt.Sprintf("%s_%d_%s", r.Layer, time.Now().Unix(), randomHex())
	staged := pgx.Identifier{StagingSchema, table}.Sanitize()
	defer func() {
		keep := context.WithoutCancel(ctx)
		_, err1 := conn.Exec(keep, "DROP TABLE IF EXISTS "+staged)
		_, err2 := conn.Exec(keep, "DROP TABLE IF EXISTS pg_temp.import_work, pg_temp.import_keys")
		_, err3 := conn.Exec(keep, "RESET statement_timeout")
		if err1 != nil || err2 != nil || err3 != nil {
			_ = conn.Conn().Close(keep)
		}
		conn.Release()
	}()
	c := conn.Conn()
	p.Timings = map[string]float64{}
	t0 := time.Now()
	if err := r.Stage(ctx, StagingSchema+"."+table); err != nil {
		// GDAL's own words may carry the staging connection's and the database's text: they go to the
		// log (the wrapped cause), never to the user.
		e := apperr.Fields([]apperr.FieldError{{Field: "file",
			Message:   "GDAL could not read the file's features (a damaged file, or a layer GDAL cannot convert to polygons)",
			MessageZh: "GDAL 无法读取文件中的要素（文件损坏，或图层无法转换为面）"}})
		e.Op, e.Cause = op, err
		return p, e
	}
	if err := fillWork(ctx, c, r, t, ops, table, staged, &p); err != nil {
		return p, err
	}
	if _, err := c.Exec(ctx, "DROP TABLE "+staged); err != nil {
		return p, dbError(op+": drop staging", err)
	}
	p.Timings["stage"] = ms(time.Since(t0)) // ogr2ogr and the fill (which also derives and looks up)
	t0 = time.Now()
	muPerUnit, err := checkAreas(ctx, c, r, &p)
	if err != nil {
		return p, err
	}
	if err := preview(ctx, c, r, ops, &p); err != nil {
		return p, dbError(op+": check", err)
	}
	p.Timings["check"] = ms(time.Since(t0))
	if n := len(p.Blocking()); n > 0 {
		return p, apperr.Fields([]apperr.FieldError{{Field: "file",
			Message:   fmt.Sprintf("%d features cannot be published (see the report)", n),
			MessageZh: fmt.Sprintf("有 %d 个要素无法发布（见检查报告）", n)}})
	}
	if err := nothingToPublish(t, p); err != nil {
		return p, err
	}
	if !r.Publish {
		return p, nil
	}
	if err := publish(ctx, c, r, ops, muPerUnit, &p); err != nil {
		p.Published = 0
		return p, dbError(op+": publish", err)
	}
	// publish is the transaction readers could notice: the flip, or the swap of the live rows.
	p.Timings["publish"] = p.Timings["publish.lock"] + p.Timings["publish.keep"] + p.Timings["publish.swap"]
	if !ops.prepared {
		// The swap has committed; fresh statistics only cost a plan if they fail (and the writer, who
		// does not own the table, may not run ANALYZE: the autovacuum daemon then does it).
		_, _ = c.Exec(ctx, query(ops.analyze))
	}
	return p, nil
}

// nothingToPublish refuses a file that would publish an empty version: no feature at all, or, for
// parks, none that matched a park of the plan.
func nothingToPublish(t layerimport.Target, p layerimport.Preview) error {
	if p.Count == 0 {
		return apperr.Fields([]apperr.FieldError{{Field: "file", Message: "the file holds no feature",
			MessageZh: "文件中没有要素"}})
	}
	if t.Layer != layerimport.LayerParks && t.Layer != layerimport.LayerTowns {
		return nil
	}
	unmatched := 0
	for _, f := range p.Findings {
		if f.Code == layerimport.Unmatched {
			unmatched++
		}
	}
	if unmatched == p.Count && t.Layer == layerimport.LayerParks {
		return apperr.Fields([]apperr.FieldError{{Field: "park",
			Message:   "no feature's park field names one of the plan's parks (by id, name or alias)",
			MessageZh: "没有一个要素的园区字段与规划中的园区（编号、名称或别名）对应"}})
	}
	if unmatched == p.Count {
		return apperr.Fields([]apperr.FieldError{{Field: "town",
			Message:   "no feature's town field names one of the county's towns (by name or code)",
			MessageZh: "没有一个要素的乡镇字段与县内乡镇（名称或代码）对应"}})
	}
	return nil
}

// publish records the version, keeps its features and swaps it live, in one transaction under the
// load's swap lock, audited. A prepared layer (ops.prepared) keeps its features first, in a
// transaction of their own whose rows no reader sees, and the publish is then only the numbering,
// the flip of layer_current and the audit; a publish that fails discards the prepared rows.
func publish(ctx context.Context, c *pgx.Conn, r ImportRequest, ops layerOps, muPerUnit float64, p *layerimport.Preview) error {
	day := time.Now().Format("2006-01-02")
	note := fmt.Sprintf("真实数据：%s（sha256 %s），%s 导入 / Real data: %s (sha256 %s), imported %s by %s",
		r.FileName, r.SHA256, day, r.FileName, r.SHA256, day, r.Actor.Username)
	mapping, _ := json.Marshal(p.Mapping)
	history := []any{p.Layer, r.FileName, r.SHA256, p.Count, p.TotalMu, r.CRSRead, r.CRSUsed, r.EncodingUsed,
		string(mapping), r.Actor.Username, r.Note}
	keep := func(tx pgx.Tx, id int64) error {
		args := []any{id, note}
		if ops.keepArea {
			args = append(args, muPerUnit)
		}
		_, err := tx.Exec(ctx, query(ops.keep), args...)
		return err
	}
	lap := stopwatch(p.Timings)
	var prepared int64
	if ops.prepared {
		err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
			if err := tx.QueryRow(ctx, query("imports_prepare"), history...).Scan(&prepared); err != nil {
				return err
			}
			return keep(tx, prepared)
		})
		if err != nil {
			return err
		}
		_, _ = c.Exec(ctx, query(ops.analyze)) // the new rows' statistics, before readers plan with them
		lap("prepare")
	}
	err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("load_swap_lock")); err != nil {
			return err
		}
		lap("publish.lock")
		id := prepared
		if ops.prepared {
			if err := tx.QueryRow(ctx, query("imports_number"), id, p.Layer).Scan(&p.Published); err != nil {
				return err
			}
		} else {
			if err := tx.QueryRow(ctx, query("imports_insert"), history...).Scan(&id, &p.Published); err != nil {
				return err
			}
			if err := keep(tx, id); err != nil {
				return err
			}
			lap("publish.keep")
		}
		if err := swapVersion(ctx, tx, p.Layer, ops, id, r.Actor); err != nil {
			return err
		}
		lap("publish.swap")
		return audit(ctx, tx, r.Actor, ActionLayerPublish, "layer_imports", fmt.Sprintf("%s/%d", p.Layer, p.Published),
			map[string]int{"version": p.Current}, auditedImport(*p, r))
	})
	if err != nil && prepared != 0 {
		_, _ = c.Exec(context.WithoutCancel(ctx), query("imports_discard"), prepared)
	}
	return err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// auditedImport is a publish as its audit row shows it.
func auditedImport(p layerimport.Preview, r ImportRequest) map[string]any {
	added, removed, changed := p.DiffCounts()
	return map[string]any{"version": p.Published, "file": r.FileName, "sha256": r.SHA256, "features": p.Count,
		"total_mu": p.TotalMu, "crs_used": r.CRSUsed, "encoding": r.EncodingUsed, "mapping": p.Mapping,
		"added": added, "removed": removed, "changed": changed, "repaired": len(p.Repairs), "note": r.Note}
}

// swapVersion makes the kept version id the live layer, in tx.
func swapVersion(ctx context.Context, tx pgx.Tx, layer string, ops layerOps, id int64, a accounts.Actor) error {
	if ops.swapOut != "" {
		if _, err := tx.Exec(ctx, query(ops.swapOut)); err != nil {
			return err
		}
	}
	if ops.swapIn != "" {
		if _, err := tx.Exec(ctx, query(ops.swapIn), id); err != nil {
			return err
		}
	}
	if ops.after != "" {
		if _, err := tx.Exec(ctx, query(ops.after)); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, query("imports_set_current"), layer, id, a.Username)
	return err
}
