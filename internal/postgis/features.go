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

// featureTemplate fills the {{placeholders}} of sql/<name>.sql for collection c. where lists the filter
// conditions; limit and offset are the parameter numbers of the page, where the query has them.
func featureTemplate(name string, c catalog.Collection, where []string, limit, offset int) string {
	props := make([]string, 0, len(c.Properties)+1)
	for _, p := range c.Properties {
		props = append(props, "v."+pgx.Identifier{p.Name}.Sanitize())
	}
	if c.ID == "parks" {
		props = append(props, fragment("features_park_extras"))
	}
	feature := strings.NewReplacer("{{properties}}", strings.Join(props, ", ")).
		Replace(fragment("features_feature"))
	order := "v.id COLLATE \"C\""
	if _, ok := c.Property("seq"); ok {
		order = "v.\"seq\", " + order
	}
	cond := "true"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	return strings.NewReplacer(
		"{{feature}}", feature,
		"{{view}}", pgx.Identifier{c.View}.Sanitize(),
		"{{where}}", cond,
		"{{order}}", order,
		"{{limit}}", "$"+strconv.Itoa(limit),
		"{{offset}}", "$"+strconv.Itoa(offset),
	).Replace(fragment(name))
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
func featureFilters(c catalog.Collection, bbox []float64, filters map[string]any) ([]string, []any, error) {
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
		env := "ST_MakeEnvelope(" + param(bbox[0]) + ", " + param(bbox[1]) + ", " + param(bbox[2]) + ", " + param(bbox[3]) + ", 4326)"
		// && lets the planner use the GiST index on the table behind the view; ST_Intersects is exact.
		where = append(where, "v.geom && "+env+" AND ST_Intersects(v.geom, "+env+")")
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

// FeatureItems reads one page of a collection's features as GeoJSON Feature objects, in a stable order
// (parks by seq, the others by id), and how many features match in all. bbox, when not nil, is
// [minLon, minLat, maxLon, maxLat]: a feature matches if it intersects the box. filters maps filterable
// property names to values (string, int64, float64 or bool); an array property matches if it contains
// the value.
//
// The page is never held in memory: once the first row has come (it carries the count of matches,
// taken by the same statement, so the page holds exactly min(limit, matched-offset) features), page is
// called with that count and the features as they arrive from the database. Each feature's bytes are
// valid only until the next one is asked for; a failure after the first row is yielded as the
// sequence's last error. An error before page is called is returned as the store's error; page's own
// error is returned as it is.
func (s *Store) FeatureItems(ctx context.Context, c catalog.Collection, bbox []float64, filters map[string]any, limit, offset int,
	page func(matched int, features iter.Seq2[json.RawMessage, error]) error) error {
	where, args, err := featureFilters(c, bbox, filters)
	if err != nil {
		return err
	}
	n := len(args)
	sql := featureTemplate("features_items", c, where, n+1, n+2)
	rows, err := s.pool.Query(ctx, sql, append(args, limit, offset)...)
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
	} else if offset > 0 {
		// A page past the last one has no row to carry the window count.
		if err := s.pool.QueryRow(ctx, featureTemplate("features_count", c, where, 0, 0), args...).Scan(&matched); err != nil {
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
func (s *Store) Feature(ctx context.Context, c catalog.Collection, id string) (json.RawMessage, error) {
	if !validText(id) {
		return nil, apperr.Errorf(apperr.NotFound, "no such feature in collection %s", c.ID)
	}
	var f []byte
	err := s.pool.QueryRow(ctx, featureTemplate("features_item", c, nil, 0, 0), id).Scan(&f)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, apperr.Errorf(apperr.NotFound, "no feature %.64q in collection %s", id, c.ID)
	}
	if err != nil {
		return nil, dbError("feature of "+c.ID, err)
	}
	return f, nil
}

// CollectionExtents returns the bounding box [minLon, minLat, maxLon, maxLat] of each named collection's
// geometries, in one round trip. A collection without geometries has no entry.
func (s *Store) CollectionExtents(ctx context.Context, cols []catalog.Collection) (map[string][]float64, error) {
	b := &pgx.Batch{}
	for _, c := range cols {
		b.Queue(featureTemplate("features_extent", c, nil, 0, 0))
	}
	res := s.pool.SendBatch(ctx, b)
	defer res.Close()
	out := make(map[string][]float64, len(cols))
	for _, c := range cols {
		id := c.ID
		var minX, minY, maxX, maxY *float64
		if err := res.QueryRow().Scan(&minX, &minY, &maxX, &maxY); err != nil {
			return nil, dbError("extent of "+id, err)
		}
		if minX != nil && minY != nil && maxX != nil && maxY != nil {
			out[id] = []float64{*minX, *minY, *maxX, *maxY}
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
		b.Queue(featureTemplate("features_provenance", c, nil, 0, 0))
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
