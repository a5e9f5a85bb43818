package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/layerimport"
)

// workFields are the placeholders of imports_fill.sql: every field a layer's target may map.
var workFields = []string{"id", "name", "kind", "park", "year", "area", "land_source", "use", "plot_ratio",
	"status", "owner", "town"}

// fillWork checks the mapping against the target and the staged columns and fills the working table.
func fillWork(ctx context.Context, c *pgx.Conn, r ImportRequest, t layerimport.Target, ops layerOps,
	table, staged string, p *layerimport.Preview) error {
	rows, err := c.Query(ctx, query("imports_stage_columns"), StagingSchema, table)
	if err != nil {
		return dbError("import: columns", err)
	}
	cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return dbError("import: columns", err)
	}
	// ogr2ogr writes no table for a file without features, and no geom column for a layer without
	// geometries (a CSV of attributes): both are the file's fault, said as such.
	if len(cols) == 0 || !slices.Contains(cols, "geom") {
		return apperr.Fields([]apperr.FieldError{{Field: "file",
			Message:   "the file's layer has no features with a geometry (polygons are imported)",
			MessageZh: "文件的图层中没有带几何图形的要素（导入的是面要素）"}})
	}
	for _, col := range cols {
		if col != "fid" && col != "geom" {
			p.Source.Fields = append(p.Source.Fields, col)
		}
	}
	if err := suggest(ctx, c, r, t, staged, p); err != nil {
		return err
	}
	var bad []apperr.FieldError
	for name, src := range r.Request.Mapping {
		if _, ok := t.Field(name); !ok && src != "" {
			bad = append(bad, apperr.FieldError{Field: "mapping",
				Message:   fmt.Sprintf("layer %s has no field %q", t.Layer, name),
				MessageZh: fmt.Sprintf("图层“%s”没有字段“%s”", t.Title, name)})
		}
	}
	exprs := map[string]string{}
	used := map[string]string{}
	for _, name := range workFields {
		expr := "NULL::text"
		if d := ops.defaults[name]; d != "" {
			expr = d
		}
		// The importer's own fields (a 部标 file's GeoJSON) stand in for an unmapped id or name.
		own := map[string]string{"id": r.DefaultID, "name": r.DefaultName}[name]
		if f, ok := t.Field(name); ok {
			if src := r.fieldOrSuggested(name, own, p.Suggested); src != "" {
				if !slices.Contains(cols, src) {
					bad = append(bad, apperr.FieldError{Field: name,
						Message:   fmt.Sprintf("the file has no field %q (fields: %s)", src, strings.Join(p.Source.Fields, ", ")),
						MessageZh: fmt.Sprintf("%s：文件中没有字段“%s”（现有字段：%s）", f.Title, src, strings.Join(p.Source.Fields, "、"))})
					continue
				}
				expr = "s." + pgx.Identifier{src}.Sanitize() + "::text"
				used[name] = src
			}
		}
		exprs[name] = expr
	}
	if len(bad) > 0 {
		return apperr.Fields(bad)
	}
	// The mapping the version history records: what was used, suggestions included.
	if _, ok := used["id"]; !ok && t.Layer != layerimport.LayerParks && t.Layer != layerimport.LayerTowns {
		used["id"] = "fid (feature number)"
	}
	if _, ok := used["kind"]; !ok && r.Kind != "" {
		used["kind"] = "-kind " + r.Kind
	}
	p.Mapping = used
	if _, err := c.Exec(ctx, query("imports_create_work")); err != nil {
		return dbError("import: work table", err)
	}
	if _, err := c.Exec(ctx, query("imports_keys_create")); err != nil {
		return dbError("import: keys", err)
	}
	var aliases, kinds []string
	if ops.kinds != nil {
		aliases, kinds = ops.kinds()
	}
	if _, err := c.Exec(ctx, query("imports_keys_fill"), aliases, kinds); err != nil {
		return dbError("import: keys", err)
	}
	pairs := []string{"{{source}}", staged, "{{final_id}}", ops.finalID, "{{grp}}", ops.grp, "{{name}}", ops.name}
	for name, e := range exprs {
		if name == "name" {
			name = "name_raw" // {{name}} is the layer's expression over it
		}
		pairs = append(pairs, "{{"+name+"}}", e)
	}
	fill := strings.NewReplacer(pairs...).Replace(query("imports_fill"))
	if _, err := c.Exec(ctx, fill, r.Kind); err != nil {
		return dbError("import: fill", err)
	}
	return nil
}

// preview repairs (when asked) and measures the working table into p.
func preview(ctx context.Context, c *pgx.Conn, r ImportRequest, ops layerOps, p *layerimport.Preview) error {
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
	lap := stopwatch(p.Timings)
	for _, q := range []struct {
		name string
		args []any
	}{{"imports_findings", []any{ops.duplicates, ops.ids}}, {ops.findings, nil}, {"imports_number_findings", nil}} {
		lap("")
		rows, err := c.Query(ctx, query(q.name), q.args...)
		if err != nil {
			return err
		}
		list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.Finding, error) {
			var f layerimport.Finding
			return f, row.Scan(&f.Fid, &f.ID, &f.Code, &f.Detail, &f.Mu)
		})
		if err != nil {
			return err
		}
		p.Findings = append(p.Findings, list...)
		lap("check." + q.name)
	}
	slices.SortStableFunc(p.Findings, func(a, b layerimport.Finding) int { return int(a.Fid - b.Fid) })
	var kinds []byte
	if err := c.QueryRow(ctx, query("imports_summary")).Scan(&p.Count, &p.Extent[0], &p.Extent[1], &p.Extent[2],
		&p.Extent[3], &p.TotalMu, &kinds); err != nil {
		return err
	}
	if err := json.Unmarshal(kinds, &p.Kinds); err != nil {
		return err
	}
	lap("check.summary")
	if err := c.QueryRow(ctx, query("imports_current"), p.Layer).Scan(&p.Current); err != nil {
		return err
	}
	rows, err := c.Query(ctx, query(ops.diff))
	if err != nil {
		return err
	}
	p.Diff = []layerimport.Change{}
	var x layerimport.Change
	if _, err := pgx.ForEachRow(rows, []any{&x.Change, &x.ID, &x.Kind, &x.BeforeMu, &x.AfterMu}, func() error {
		p.DiffTotals.Count(x)
		if len(p.Diff) < layerimport.MaxDiffListed {
			// x's pointers are the scan's, reused row after row: the list keeps copies.
			c := x
			c.BeforeMu, c.AfterMu = copyFloat(x.BeforeMu), copyFloat(x.AfterMu)
			p.Diff = append(p.Diff, c)
		} else {
			p.DiffTruncated = true
		}
		return nil
	}); err != nil {
		return err
	}
	lap("check.diff")
	if r.PreviewFeatures > 0 {
		var fc string
		if err := c.QueryRow(ctx, query("imports_staged_geojson"), r.PreviewFeatures).Scan(&fc, &p.StagedTruncated); err != nil {
			return err
		}
		p.Staged = json.RawMessage(fc)
	}
	return nil
}

// stopwatch returns a lap timer writing into timings: lap(name) records the milliseconds since the
// previous lap under name ("" only restarts), so that the preview says where a long check went.
func stopwatch(timings map[string]float64) func(name string) {
	t0 := time.Now()
	return func(name string) {
		if name != "" && timings != nil {
			timings[name] += ms(time.Since(t0))
		}
		t0 = time.Now()
	}
}

func copyFloat(v *float64) *float64 {
	if v == nil {
		return nil
	}
	c := *v
	return &c
}

// suggest reads the first staged rows and proposes a mapping for the target's fields (names first,
// then values; the parks' names as hints), into p.Suggested. The import uses a suggestion for a field
// the request leaves unmapped ("-" refuses it), and the preview says which it used and why.
func suggest(ctx context.Context, c *pgx.Conn, r ImportRequest, t layerimport.Target, staged string, p *layerimport.Preview) error {
	rows, err := c.Query(ctx, strings.ReplaceAll(query("imports_samples"), "{{source}}", staged))
	if err != nil {
		return dbError("import: samples", err)
	}
	objs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return dbError("import: samples", err)
	}
	samples := map[string][]string{}
	for _, o := range objs {
		var m map[string]any
		if err := json.Unmarshal([]byte(o), &m); err != nil {
			return fmt.Errorf("import: samples: %w", err)
		}
		for k, v := range m {
			if s, ok := v.(string); ok {
				samples[k] = append(samples[k], s)
			}
		}
	}
	rows, err = c.Query(ctx, query("mappings_park_names"))
	if err != nil {
		return dbError("import: hints", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return dbError("import: hints", err)
	}
	p.Suggested = layerimport.SuggestWith(t, p.Source.Fields, samples, layerimport.Hints{ParkNames: names})
	return nil
}

// fieldOrSuggested is the file's field for a layer field: the request's, else the importer's own
// (def), else the suggestion's; "-" in the request leaves it unmapped. A constraint kind given once
// (-kind) is not replaced by a suggested kind field.
func (r ImportRequest) fieldOrSuggested(name, def string, sug []layerimport.Suggestion) string {
	if v := r.field(name, def); v != "" || r.Request.Mapping[name] == "-" {
		return v
	}
	if name == "kind" && r.Kind != "" {
		return ""
	}
	for _, s := range sug {
		if s.Field == name {
			return s.Source
		}
	}
	return ""
}

// checkAreas compares the mapped area field (if any) with the drawn areas: its unit given or told,
// the sums, the features that disagree (at most MaxDiffListed listed). It returns the 亩 in one unit
// of the field (1 when no area is mapped), or an error naming area_unit when the unit cannot be told.
func checkAreas(ctx context.Context, c *pgx.Conn, r ImportRequest, p *layerimport.Preview) (float64, error) {
	field, ok := p.Mapping["area"]
	if !ok {
		return 1, nil
	}
	pairs, err := areaPairs(ctx, c)
	if err != nil {
		return 0, err
	}
	chk, err := layerimport.CheckAreas(field, r.AreaUnit, pairs)
	if err != nil {
		return 0, err
	}
	if len(chk.Disagree) > layerimport.MaxDiffListed {
		chk.DisagreeCount, chk.Disagree = len(chk.Disagree), chk.Disagree[:layerimport.MaxDiffListed]
	} else {
		chk.DisagreeCount = len(chk.Disagree)
	}
	p.Area = &chk
	if chk.Unit == "" {
		return 0, apperr.Fields([]apperr.FieldError{{Field: "area_unit",
			Message:   fmt.Sprintf("the unit of the area field %q cannot be told from the drawn areas (%s): give it (公顷, 亩 or ㎡), or leave the field unmapped", field, chk.UnitReason),
			MessageZh: fmt.Sprintf("无法从图形面积判断面积字段“%s”的单位（%s）：请指定单位（公顷、亩或平方米），或不映射面积字段", field, chk.UnitZh)}})
	}
	return layerimport.ToMu(1, chk.Unit), nil
}
