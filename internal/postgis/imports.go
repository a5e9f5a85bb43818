package postgis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
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

// field is the file's field mapped to the layer's field name, or def.
func (r ImportRequest) field(name, def string) string {
	if v := r.Request.Mapping[name]; v != "" {
		return v
	}
	return def
}

// mapping is the field mapping as the version history records it.
func (r ImportRequest) mapping() map[string]string {
	m := map[string]string{"id": "fid (feature number)"}
	if v := r.field("id", r.DefaultID); v != "" {
		m["id"] = v
	}
	if v := r.field("kind", ""); v != "" {
		m["kind"] = v
	} else {
		m["kind"] = "-kind " + r.Kind
	}
	if v := r.field("name", r.DefaultName); v != "" {
		m["name"] = v
	}
	return m
}

// ImportLayer stages, checks and (when asked) publishes a file as the next version of r.Layer.
func (s *Store) ImportLayer(ctx context.Context, r ImportRequest) (layerimport.Preview, error) {
	if r.Layer != layerimport.LayerConstraints {
		return layerimport.Preview{Layer: r.Layer, File: r.FileName, Source: r.Source},
			apperr.FieldErrorf(apperr.Invalid, "layer", "layer %q cannot be imported yet", r.Layer)
	}
	return s.importConstraints(ctx, r)
}

// importConstraints stages a file, checks it and, when asked and nothing blocks, publishes it as the
// next version of the constraints layer. It works on one connection:
//
//  1. stage: r.Stage writes import_staging.constraints_<random> (ogr2ogr, another session); the
//     mapped fields are checked against its columns and copied into the session's temporary working
//     table; the staging table is dropped at once, and again (IF EXISTS) on the way out, whatever
//     happened. Nothing live is touched.
//  2. check: kinds mapped, -repair applied, findings, summary and diff read: the preview.
//  3. publish (r.Publish, no blocking finding): one short transaction, under the load's swap lock,
//     records the version, keeps its features, replaces the live rows (DELETE and INSERT: readers
//     never wait), marks it current and audits it. The layer version moves by the live table's
//     trigger. An error anywhere rolls all of it back: the previous version stays whole.
//
// A preview with blocking findings is returned with an Invalid error.
func (s *Store) importConstraints(ctx context.Context, r ImportRequest) (layerimport.Preview, error) {
	p := layerimport.Preview{Layer: layerimport.LayerConstraints, File: r.FileName, SHA256: r.SHA256,
		CRSRead: r.CRSRead, CRSUsed: r.CRSUsed, Encoding: r.EncodingUsed, Mapping: r.mapping(), Source: r.Source}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return p, dbError("import constraints", err)
	}
	// The run-time roles have a 30 s statement_timeout (0007), right for a request and wrong for the
	// checks of a county's cadastre; the import's own session lifts it, and puts it back on the way out.
	if _, err := conn.Exec(ctx, "SET statement_timeout = '30min'"); err != nil {
		conn.Release()
		return p, dbError("import constraints", err)
	}
	sweepStaging(ctx, conn.Conn())
	table := fmt.Sprintf("constraints_%d_%s", time.Now().Unix(), randomHex())
	staged := pgx.Identifier{StagingSchema, table}.Sanitize()
	defer func() {
		keep := context.WithoutCancel(ctx)
		_, err1 := conn.Exec(keep, "DROP TABLE IF EXISTS "+staged)
		_, err2 := conn.Exec(keep, "DROP TABLE IF EXISTS pg_temp.import_constraints")
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
		return p, apperr.Wrap("import constraints", apperr.Invalid, err, "GDAL could not read the file: %v", err)
	}
	if err := fillWork(ctx, c, r, table, staged); err != nil {
		return p, err
	}
	if _, err := c.Exec(ctx, "DROP TABLE "+staged); err != nil {
		return p, dbError("import constraints: drop staging", err)
	}
	p.Timings["stage"] = ms(time.Since(t0))
	t0 = time.Now()
	if err := preview(ctx, c, r, &p); err != nil {
		return p, dbError("import constraints: check", err)
	}
	p.Timings["check"] = ms(time.Since(t0))
	if n := len(p.Blocking()); n > 0 {
		return p, apperr.FieldErrorf(apperr.Invalid, "file", "%d features cannot be published (see the report)", n)
	}
	if !r.Publish {
		return p, nil
	}
	note := fmt.Sprintf("真实数据：%s（sha256 %s），%s 导入 / Real data: %s (sha256 %s), imported %s by %s",
		r.FileName, r.SHA256, time.Now().Format("2006-01-02"), r.FileName, r.SHA256, time.Now().Format("2006-01-02"), r.Actor.Username)
	mapping, _ := json.Marshal(p.Mapping)
	t0 = time.Now()
	err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("load_swap_lock")); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx, query("imports_insert"), p.Layer, r.FileName, r.SHA256, p.Count, p.TotalMu,
			r.CRSRead, r.CRSUsed, r.EncodingUsed, string(mapping), r.Actor.Username, r.Note).Scan(&id, &p.Published); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, query("imports_keep_features"), id, note); err != nil {
			return err
		}
		if err := swapVersion(ctx, tx, id, r.Actor); err != nil {
			return err
		}
		return audit(ctx, tx, r.Actor, ActionLayerPublish, "layer_imports", fmt.Sprintf("%s/%d", p.Layer, p.Published),
			map[string]int{"version": p.Current}, auditedImport(p, r))
	})
	if err != nil {
		p.Published = 0
		return p, dbError("import constraints: publish", err)
	}
	p.Timings["publish"] = ms(time.Since(t0))
	analyzeLayer(ctx, c)
	return p, nil
}

// analyzeLayer gives the replaced live table fresh statistics after a swap, as the load does (see
// analyzeSQL: a table the planner misjudges makes every tile pay for JIT). The swap has committed; a
// failure here only costs a plan, so it is not an error.
func analyzeLayer(ctx context.Context, c *pgx.Conn) {
	_, _ = c.Exec(ctx, query("imports_analyze"))
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
func swapVersion(ctx context.Context, tx pgx.Tx, id int64, a accounts.Actor) error {
	if _, err := tx.Exec(ctx, query("imports_swap_delete")); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, query("imports_swap_insert"), id); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, query("imports_set_current"), layerimport.LayerConstraints, id, a.Username)
	return err
}

// fillWork checks the mapped fields against the staged columns and fills the working table.
func fillWork(ctx context.Context, c *pgx.Conn, r ImportRequest, table, staged string) error {
	rows, err := c.Query(ctx, query("imports_stage_columns"), StagingSchema, table)
	if err != nil {
		return dbError("import constraints: columns", err)
	}
	cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return dbError("import constraints: columns", err)
	}
	var bad []apperr.FieldError
	field := func(flag, name, def string) string {
		if name == "" {
			return def
		}
		if !slices.Contains(cols, name) {
			bad = append(bad, apperr.FieldError{Field: flag,
				Message:   fmt.Sprintf("the file has no field %q (fields: %s)", name, strings.Join(cols, ", ")),
				MessageZh: fmt.Sprintf("文件中没有字段“%s”（现有字段：%s）", name, strings.Join(cols, "、"))})
			return def
		}
		return "s." + pgx.Identifier{name}.Sanitize() + "::text"
	}
	kindField := r.field("kind", "")
	idExpr := field("id", r.field("id", r.DefaultID), "s.fid::text")
	kindExpr := field("kind", kindField, "$1::text")
	nameExpr := field("name", r.field("name", r.DefaultName), "NULL::text")
	if len(bad) > 0 {
		return apperr.Fields(bad)
	}
	if _, err := c.Exec(ctx, query("imports_create_work")); err != nil {
		return dbError("import constraints: work table", err)
	}
	fill := strings.NewReplacer("{{id}}", idExpr, "{{kind}}", kindExpr, "{{name}}", nameExpr, "{{source}}", staged).
		Replace(query("imports_fill"))
	args := []any{r.Kind}
	if kindField != "" {
		args = nil
	}
	if _, err := c.Exec(ctx, fill, args...); err != nil {
		return dbError("import constraints: fill", err)
	}
	aliases, kinds := layerimport.KindAliases()
	if _, err := c.Exec(ctx, query("imports_map_kinds"), aliases, kinds); err != nil {
		return dbError("import constraints: kinds", err)
	}
	return nil
}

// preview repairs (when asked) and measures the working table into p.
func preview(ctx context.Context, c *pgx.Conn, r ImportRequest, p *layerimport.Preview) error {
	if r.Repair {
		rows, err := c.Query(ctx, query("imports_repair"))
		if err != nil {
			return err
		}
		if p.Repairs, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.Repair, error) {
			var x layerimport.Repair
			return x, row.Scan(&x.Fid, &x.ID, &x.Reason, &x.BeforeMu, &x.AfterMu)
		}); err != nil {
			return err
		}
	}
	rows, err := c.Query(ctx, query("imports_findings"))
	if err != nil {
		return err
	}
	if p.Findings, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.Finding, error) {
		var f layerimport.Finding
		return f, row.Scan(&f.Fid, &f.ID, &f.Code, &f.Detail, &f.Mu)
	}); err != nil {
		return err
	}
	var kinds []byte
	if err := c.QueryRow(ctx, query("imports_summary")).Scan(&p.Count, &p.Extent[0], &p.Extent[1], &p.Extent[2],
		&p.Extent[3], &p.TotalMu, &kinds); err != nil {
		return err
	}
	if err := json.Unmarshal(kinds, &p.Kinds); err != nil {
		return err
	}
	if err := c.QueryRow(ctx, query("imports_current"), p.Layer).Scan(&p.Current); err != nil {
		return err
	}
	rows, err = c.Query(ctx, query("imports_diff"))
	if err != nil {
		return err
	}
	p.Diff, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.Change, error) {
		var x layerimport.Change
		return x, row.Scan(&x.Change, &x.ID, &x.Kind, &x.BeforeMu, &x.AfterMu)
	})
	return err
}

// LayerVersions lists every published version of layer, oldest first.
func (s *Store) LayerVersions(ctx context.Context, layer string) ([]layerimport.Version, error) {
	rows, err := s.pool.Query(ctx, query("imports_versions"), layer)
	if err != nil {
		return nil, dbError("layer versions", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.Version, error) {
		var v layerimport.Version
		var mapping string
		err := row.Scan(&v.Version, &v.File, &v.SHA256, &v.Features, &v.TotalMu, &v.CRSRead, &v.CRSUsed,
			&v.Encoding, &mapping, &v.ImportedBy, &v.CreatedAt, &v.Note, &v.Current)
		v.Mapping = json.RawMessage(mapping)
		return v, err
	})
	return out, dbError("layer versions", err)
}

// RollbackLayer makes version of layer the live one again: a swap of its kept rows, in one short
// transaction under the swap lock, audited; the layer version moves by the live table's trigger. It
// returns the version that was current before.
func (s *Store) RollbackLayer(ctx context.Context, a accounts.Actor, layer string, version int) (int, error) {
	if layer != layerimport.LayerConstraints {
		return 0, apperr.FieldErrorf(apperr.Invalid, "layer", "layer %q has no versions (only constraints)", layer)
	}
	var before int
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return 0, dbError("rollback "+layer, err)
	}
	defer conn.Release()
	err = pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("load_swap_lock")); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, query("imports_current"), layer).Scan(&before); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRow(ctx, query("imports_version_id"), layer, version).Scan(&id); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return apperr.FieldErrorf(apperr.NotFound, "version", "layer %s has no version %d", layer, version)
			}
			return err
		}
		if err := swapVersion(ctx, tx, id, a); err != nil {
			return err
		}
		return audit(ctx, tx, a, ActionLayerRollback, "layer_imports", fmt.Sprintf("%s/%d", layer, version),
			map[string]int{"version": before}, map[string]int{"version": version})
	})
	if err != nil {
		return before, dbError("rollback "+layer, err)
	}
	analyzeLayer(ctx, conn.Conn())
	return before, nil
}

// staleStaging is the age past which a staging table is an abandoned import's.
const staleStaging = 24 * time.Hour

// sweepStaging drops the staging tables of imports that died before their own clean-up. It is best
// effort: a table it cannot drop now is tried again by the next import.
func sweepStaging(ctx context.Context, c *pgx.Conn) {
	rows, err := c.Query(ctx, query("imports_stale_staging"), int64(staleStaging.Seconds()))
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, n := range names {
		_, _ = c.Exec(ctx, "DROP TABLE IF EXISTS "+pgx.Identifier{StagingSchema, n}.Sanitize())
	}
}

func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
