package postgis

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/plan"
)

// The features SQL is assembled from the embedded sql/features_*.sql texts and identifiers of the fixed
// catalogue (catalog.Collections) only, each through pgx.Identifier.Sanitize; every value a request
// carries is a $n bind parameter.

// featureTemplate fills the {{placeholders}} of sql/<name>.sql for collection c and what sel asks of
// each feature (its properties, its geometry, the order). where lists the filter conditions; limit and
// offset are the parameter numbers of the page, where the query has them.
func featureTemplate(name string, c catalog.Collection, sel catalog.Selection, where []string, limit, offset int) string {
	props := make([]string, 0, len(c.Properties)+len(c.Derived))
	for _, p := range c.Properties {
		if !sel.Wants(p.Name) {
			continue
		}
		col := "v." + pgx.Identifier{p.Name}.Sanitize()
		if p.Type == "number" {
			// Whole numbers keep their decimal point, so that a client typing fields from the first
			// features it sees (QGIS) types them real: parkmap_json_real in 0026_flat_attributes.sql.
			col = "parkmap_json_real(" + col + ") AS " + pgx.Identifier{p.Name}.Sanitize()
		}
		props = append(props, col)
	}
	for _, p := range c.Derived {
		if sel.Wants(p.Name) {
			props = append(props, fragment("features_"+c.ID+"_"+p.Name))
		}
	}
	geometry := geometryJSON(sel)
	feature := strings.NewReplacer("{{properties}}", strings.Join(props, ", "), "{{geometry}}", geometry).
		Replace(fragment("features_feature"))
	cond := "true"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	return strings.NewReplacer(
		"{{feature}}", feature,
		"{{view}}", pgx.Identifier{c.View}.Sanitize(),
		"{{where}}", cond,
		"{{order}}", featureOrder(c, sel.SortBy),
		"{{limit}}", "$"+strconv.Itoa(limit),
		"{{offset}}", "$"+strconv.Itoa(offset),
		"{{time}}", timeColumn(c),
	).Replace(fragment(name))
}

// geometryJSON is a feature's geometry in the CRS sel asks for: in CRS84 the stored lon/lat with
// exterior rings counter-clockwise (RFC 7946); in another CRS transformed by PostGIS and, for a CRS
// whose first axis is the northing, flipped into that order. The SRID comes from catalog.CRSs, never
// from a request's text; option 0 keeps ST_AsGeoJSON from adding a crs member of its own.
func geometryJSON(sel catalog.Selection) string {
	if sel.SkipGeometry {
		return "NULL::json"
	}
	if sel.CRS.SRID == 0 {
		return "ST_AsGeoJSON(ST_ForcePolygonCCW(v.geom), 7)::json"
	}
	g := "ST_Transform(ST_ForcePolygonCCW(v.geom), " + strconv.Itoa(sel.CRS.SRID) + ")"
	if sel.CRS.NorthingFirst {
		g = "ST_FlipCoordinates(" + g + ")"
	}
	return "ST_AsGeoJSON(" + g + ", " + strconv.Itoa(sel.CRS.Decimals()) + ", 0)::json"
}

// bboxEnvelope is the SQL of sel's bbox as a WGS84 polygon, its four numbers bound by param: in
// CRS84 as given; in another CRS taken in that CRS's axis order and transformed by PostGIS.
func bboxEnvelope(sel catalog.Selection, param func(any) string) string {
	b := sel.BBox
	if sel.BBoxCRS.SRID == 0 {
		return "ST_MakeEnvelope(" + param(b[0]) + ", " + param(b[1]) + ", " + param(b[2]) + ", " + param(b[3]) + ", 4326)"
	}
	x0, y0, x1, y1 := b[0], b[1], b[2], b[3]
	if sel.BBoxCRS.NorthingFirst {
		x0, y0, x1, y1 = b[1], b[0], b[3], b[2]
	}
	srid := strconv.Itoa(sel.BBoxCRS.SRID)
	env := "ST_MakeEnvelope(" + param(x0) + ", " + param(y0) + ", " + param(x1) + ", " + param(y1) + ", " + srid + ")"
	if sel.BBoxCRS.SRID == 4326 {
		return env
	}
	// A box's edges are straight in its own CRS: densified first (about 200 points an edge at most),
	// so that its transformed outline follows them rather than cutting the corners.
	return "ST_Transform(ST_Segmentize(" + env + ", greatest(" + param(x1-x0) + ", " + param(y1-y0) + ", 1e-6) / 200), 4326)"
}

// timeColumn is the column of c's TimeProperty, or NULL for a collection without time.
func timeColumn(c catalog.Collection) string {
	if c.TimeProperty == "" {
		return "NULL::int"
	}
	return "v." + pgx.Identifier{c.TimeProperty}.Sanitize()
}

// sortCollation orders text as a Chinese reader expects, by pinyin (ICU's zh root collation, which
// PostgreSQL builds with ICU carry), where byte order would put 平阳 and 万全 by code point.
const sortCollation = `"zh-x-icu"`

// featureOrder is the ORDER BY of a page: the sortby keys, nulls last whichever the direction (a
// missing value sorts after every known one), then the collection's own stable order (parks by seq,
// the others by id in byte order), which breaks ties so that paging never repeats or skips a feature.
func featureOrder(c catalog.Collection, keys []catalog.SortKey) string {
	var order []string
	for _, k := range keys {
		p, ok := c.Property(k.Name)
		if !ok || !p.Sortable() {
			continue // the web layer refuses them first; never an identifier that is not a column
		}
		col := "v." + pgx.Identifier{p.Name}.Sanitize()
		if p.Type == "string" {
			col += " COLLATE " + sortCollation
		}
		dir := " ASC"
		if k.Desc {
			dir = " DESC"
		}
		order = append(order, col+dir+" NULLS LAST")
	}
	if _, ok := c.Property("seq"); ok {
		order = append(order, `v."seq"`)
	}
	return strings.Join(append(order, `v.id COLLATE "C"`), ", ")
}

// fragment returns sql/<name>.sql without its comment lines, to be set inside another statement.
func fragment(name string) string {
	var b strings.Builder
	for _, line := range strings.Split(query(name), "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "--") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return strings.TrimSpace(b.String())
}

// featureFilters turns a bbox and property filters into conditions on the view v and their arguments,
// numbered from $1. Filters are taken in catalogue order, so that one set of filters always gives the
// same SQL text and pgx reuses its prepared statement.
func featureFilters(c catalog.Collection, sel catalog.Selection) ([]string, []any, error) {
	bbox, filters := sel.BBox, sel.Filters
	var where []string
	var args []any
	param := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if bbox != nil {
		if len(bbox) != 4 {
			return nil, nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox must have 4 numbers")
		}
		env := bboxEnvelope(sel, param)
		// && lets the planner use the GiST index on the table behind the view; ST_Intersects is exact.
		where = append(where, "v.geom && "+env+" AND ST_Intersects(v.geom, "+env+")")
	}
	if sel.Years != nil && c.TimeProperty != "" {
		col := "v." + pgx.Identifier{c.TimeProperty}.Sanitize()
		where = append(where, col+" BETWEEN "+param(int64(sel.Years[0]))+" AND "+param(int64(sel.Years[1])))
	}
	if sel.Filter != nil {
		cond, err := filterCondition(c, sel, param)
		if err != nil {
			return nil, nil, err
		}
		where = append(where, "("+cond+")")
	}
	used := 0
	for _, p := range c.Properties {
		v, ok := filters[p.Name]
		if !ok {
			continue
		}
		if !p.Filter {
			return nil, nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "%s is not a filterable property of %s", p.Name, c.ID)
		}
		if str, ok := v.(string); ok && !validText(str) {
			return nil, nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s is not valid UTF-8 text", p.Name)
		}
		used++
		col := "v." + pgx.Identifier{p.Name}.Sanitize()
		if p.Type == "array" {
			where = append(where, col+" @> ARRAY["+param(v)+"::text]")
		} else {
			where = append(where, col+" = "+param(v))
		}
	}
	if used != len(filters) {
		return nil, nil, apperr.Errorf(apperr.Invalid, "unknown filter property for %s", c.ID)
	}
	return where, args, nil
}

// validText reports whether s can be sent as a PostgreSQL text value at all: the server refuses
// invalid UTF-8 and NUL bytes with an error, which must not become a 500.
func validText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// FeatureItems reads one page (sel.Limit from sel.Offset) of a collection's features as GeoJSON Feature
// objects, in sel's order and then a stable one (parks by seq, the others by id), and how many features
// match in all. sel.BBox, when not nil, is [minLon, minLat, maxLon, maxLat]: a feature matches if it
// intersects the box. sel.Filters maps filterable property names to values (string, int64, float64 or
// bool); an array property matches if it contains the value. sel.Years selects by the collection's
// TimeProperty; sel.Properties and sel.SkipGeometry say what each feature carries.
//
// The page is never held in memory: once the first row has come (it carries the count of matches,
// taken by the same statement, so the page holds exactly min(limit, matched-offset) features), page is
// called with that count and the features as they arrive from the database. Each feature's bytes are
// valid only until the next one is asked for; a failure after the first row is yielded as the
// sequence's last error. An error before page is called is returned as the store's error; page's own
// error is returned as it is.
func (s *Store) FeatureItems(ctx context.Context, c catalog.Collection, sel catalog.Selection,
	page func(matched int, features iter.Seq2[json.RawMessage, error]) error) error {
	where, args, err := featureFilters(c, sel)
	if err != nil {
		return err
	}
	n := len(args)
	sql := featureTemplate("features_items", c, sel, where, n+1, n+2)
	rows, err := s.pool.Query(ctx, sql, append(args, sel.Limit, sel.Offset)...)
	if err != nil {
		return dbError("items of "+c.ID, err)
	}
	defer rows.Close()
	matched := 0
	first := rows.Next()
	if first {
		if err := rows.Scan(&matched, nil); err != nil {
			return dbError("items of "+c.ID, err)
		}
	} else if err := rows.Err(); err != nil {
		return dbError("items of "+c.ID, err)
	} else if sel.Offset > 0 {
		// A page past the last one has no row to carry the window count.
		if err := s.pool.QueryRow(ctx, featureTemplate("features_count", c, sel, where, 0, 0), args...).Scan(&matched); err != nil {
			return dbError("count of "+c.ID, err)
		}
	}
	features := func(yield func(json.RawMessage, error) bool) {
		for ok := first; ok; ok = rows.Next() {
			// The raw bytes of the json column (its binary form is its text): no copy per feature.
			if !yield(rows.RawValues()[1], nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, dbError("items of "+c.ID, err))
		}
	}
	return page(matched, features)
}

// Feature returns one feature of a collection as a GeoJSON Feature object, or a apperr.NotFound error.
// Of sel, only Properties and SkipGeometry apply.
func (s *Store) Feature(ctx context.Context, c catalog.Collection, id string, sel catalog.Selection) (json.RawMessage, error) {
	if !validText(id) {
		return nil, apperr.Errorf(apperr.NotFound, "no such feature in collection %s", c.ID)
	}
	var f []byte
	err := s.pool.QueryRow(ctx, featureTemplate("features_item", c, sel, nil, 0, 0), id).Scan(&f)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, apperr.Errorf(apperr.NotFound, "no feature %.64q in collection %s", id, c.ID)
	}
	if err != nil {
		return nil, dbError("feature of "+c.ID, err)
	}
	return f, nil
}

// CollectionExtents returns the extent of each named collection's features, in one round trip: the
// bounding box [minLon, minLat, maxLon, maxLat] of their geometries, and the first and last year of the
// collection's TimeProperty. A collection without features has no entry.
func (s *Store) CollectionExtents(ctx context.Context, cols []catalog.Collection) (map[string]catalog.Extent, error) {
	b := &pgx.Batch{}
	for _, c := range cols {
		b.Queue(featureTemplate("features_extent", c, catalog.Selection{}, nil, 0, 0))
	}
	res := s.pool.SendBatch(ctx, b)
	defer res.Close()
	out := make(map[string]catalog.Extent, len(cols))
	for _, c := range cols {
		id := c.ID
		var minX, minY, maxX, maxY *float64
		var first, last *int
		if err := res.QueryRow().Scan(&minX, &minY, &maxX, &maxY, &first, &last); err != nil {
			return nil, dbError("extent of "+id, err)
		}
		if minX != nil && minY != nil && maxX != nil && maxY != nil {
			e := catalog.Extent{BBox: []float64{*minX, *minY, *maxX, *maxY}}
			if first != nil && last != nil {
				e.FirstYear, e.LastYear = *first, *last
			}
			out[id] = e
		}
	}
	if err := res.Close(); err != nil {
		return nil, dbError("extents", err)
	}
	return out, nil
}

// CollectionProvenance says of each collection whether its features are all real, all illustrative,
// or mixed (a park layer with some real boundaries imported), as its features' own provenance does:
// "real", "illustrative" or "mixed"; a collection without features is left out.
func (s *Store) CollectionProvenance(ctx context.Context, cols []catalog.Collection) (map[string]string, error) {
	b := &pgx.Batch{}
	for _, c := range cols {
		b.Queue(featureTemplate("features_provenance", c, catalog.Selection{}, nil, 0, 0))
	}
	res := s.pool.SendBatch(ctx, b)
	defer res.Close()
	out := make(map[string]string, len(cols))
	for _, c := range cols {
		var real, other bool
		if err := res.QueryRow().Scan(&real, &other); err != nil {
			return nil, dbError("provenance of "+c.ID, err)
		}
		switch {
		case real && other:
			out[c.ID] = "mixed"
		case real:
			out[c.ID] = plan.ProvenanceReal
		case other:
			out[c.ID] = plan.ProvenanceIllustr
		}
	}
	if err := res.Close(); err != nil {
		return nil, dbError("provenance", err)
	}
	return out, nil
}
