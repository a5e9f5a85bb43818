package web

import (
	"errors"
	"net/url"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/cql2"
)

// OGC API - Features Part 3 (issue 13): filter= is a CQL2 Text expression over the collection's
// queryables (/collections/{id}/queryables), filter-lang= says it is CQL2 Text (the only language
// served; CQL2 JSON is refused by name), filter-crs= gives the CRS of its geometry literals (CRS84 by
// default), read in that CRS's axis order as bbox-crs is.

// maxCQLLen bounds a filter's text: a hand-drawn polygon of several hundred vertices fits; a filter
// never reaches the database before cql2.Parse has bounded its nesting and vertices too.
const maxCQLLen = 32 << 10

// cql2Text is the filter-lang value of CQL2 Text, as Part 3 names it.
const cql2Text = "cql2-text"

// parseFilterParams reads filter, filter-lang and filter-crs into sel.
func parseFilterParams(c catalog.Collection, q url.Values, sel *catalog.Selection) error {
	if v, ok := q["filter-lang"]; ok && v[0] != cql2Text {
		return apperr.Fields([]apperr.FieldError{{Field: "filter-lang",
			Message:   "filter-lang " + quoteShort(v[0]) + " is not served; parkmap reads cql2-text",
			MessageZh: "不支持的过滤语言 " + quoteShort(v[0]) + "，仅支持 cql2-text"}})
	}
	if _, ok := q["filter-crs"]; ok { // absent: the zero CRS, CRS84
		var err error
		if sel.FilterCRS, err = parseCRS(q, "filter-crs"); err != nil {
			return err
		}
	}
	v, ok := q["filter"]
	if !ok {
		return nil
	}
	if len(v[0]) > maxCQLLen {
		return apperr.Fields([]apperr.FieldError{{Field: "filter",
			Message:   "filter is longer than 32 KB; give fewer vertices or a BBOX",
			MessageZh: "过滤条件超过 32 KB，请减少顶点或改用 BBOX"}})
	}
	expr, err := cql2.Parse(v[0], c.Queryables())
	var ce *cql2.Error
	if errors.As(err, &ce) {
		return apperr.Fields([]apperr.FieldError{{Field: "filter",
			Message:   "filter: " + ce.Error() + " (/collections/" + c.ID + "/queryables lists what a filter may name)",
			MessageZh: "过滤条件" + ce.Zh()}})
	}
	if err != nil {
		return err
	}
	sel.Filter = expr
	return nil
}

// The link relations of a collection's queryables and sortables (OGC API - Features Part 3 and the
// sorting draft, as ogc-client follows them).
const (
	relQueryables = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
	relSortables  = "http://www.opengis.net/def/rel/ogc/1.0/sortables"
)
