package web

import (
	"errors"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
)

// Paging limits of /collections/{id}/items. A larger limit is clamped, not refused (OGC API – Features
// Part 1, /req/core/fc-limit-response-1): the next link then pages on with the clamped value.
const (
	defaultLimit = 100
	maxLimit     = 10000
	// maxFilterLen bounds a filter value: no property value in the catalogue comes near it.
	maxFilterLen = 256
)

// crs84 is the default CRS (lon/lat on WGS84), by its OGC URI: that of extents and of tiles' TileJSON.
const crs84 = catalog.CRS84URI

// parseQuery parses a raw query string strictly: a malformed pair is an error rather than being dropped
// as (*url.URL).Query would, and so is a parameter given twice.
func parseQuery(raw string) (url.Values, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return nil, apperr.Errorf(apperr.Invalid, "malformed query string")
	}
	for _, name := range sortedKeys(q) {
		if len(q[name]) > 1 {
			return nil, apperr.FieldErrorf(apperr.Invalid, name, "query parameter %s is given %d times; give it once", name, len(q[name]))
		}
	}
	return q, nil
}

// checkCommon rejects any parameter that allowed does not accept and checks the format parameter f.
func checkCommon(q url.Values, allowed func(string) bool, hint string) error {
	for _, name := range sortedKeys(q) {
		if name == "f" || allowed(name) {
			continue
		}
		if !utf8.ValidString(name) || len(name) > maxFilterLen {
			return apperr.Errorf(apperr.Invalid, "unknown query parameter %s%s", quoteShort(name), hint)
		}
		return apperr.FieldErrorf(apperr.Invalid, name, "unknown query parameter %s%s", quoteShort(name), hint)
	}
	if f, ok := q["f"]; ok && f[0] != "json" && f[0] != "geojson" {
		return apperr.FieldErrorf(apperr.Invalid, "f", "f must be json or geojson: parkmap serves JSON only")
	}
	return nil
}

// checkCommonOrHTML is checkCommon for a resource that also has an HTML view: f=html is accepted too.
func checkCommonOrHTML(q url.Values, allowed func(string) bool, hint string) error {
	if f, ok := q["f"]; ok && f[0] == "html" {
		rest := url.Values{}
		for k, v := range q {
			if k != "f" {
				rest[k] = v
			}
		}
		return checkCommon(rest, allowed, hint)
	}
	return checkCommon(q, allowed, hint)
}

// parseItemsQuery checks every parameter of an /items request against collection c.
func parseItemsQuery(c catalog.Collection, q url.Values) (catalog.Selection, error) {
	known := func(name string) bool {
		switch name {
		case "bbox", "bbox-crs", "crs", "limit", "offset", "datetime", "properties", "skipGeometry", "sortby",
			"filter", "filter-lang", "filter-crs":
			return true
		}
		p, ok := c.Property(name)
		return ok && p.Filter
	}
	if err := checkCommonOrHTML(q, known, filterHint(c)); err != nil {
		return catalog.Selection{}, err
	}
	out := catalog.Selection{Limit: defaultLimit}
	var err error
	if v, ok := q["datetime"]; ok {
		// Checked for every collection; the store ignores it for one whose features are not dated.
		if out.Years, err = parseDatetime(v[0]); err != nil {
			return catalog.Selection{}, err
		}
	}
	if err := parseShape(c, q, &out); err != nil {
		return catalog.Selection{}, err
	}
	if v, ok := q["sortby"]; ok {
		if out.SortBy, err = parseSortBy(c, v[0]); err != nil {
			return catalog.Selection{}, err
		}
	}
	if out.CRS, err = parseCRS(q, "crs"); err != nil {
		return catalog.Selection{}, err
	}
	if out.BBoxCRS, err = parseCRS(q, "bbox-crs"); err != nil {
		return catalog.Selection{}, err
	}
	if v, ok := q["bbox"]; ok {
		if out.BBox, err = parseBBoxIn(v[0], out.BBoxCRS); err != nil {
			return catalog.Selection{}, err
		}
	}
	if err := parseFilterParams(c, q, &out); err != nil {
		return catalog.Selection{}, err
	}
	if v, ok := q["limit"]; ok {
		if out.Limit, err = parseLimit(v[0]); err != nil {
			return catalog.Selection{}, err
		}
	}
	if v, ok := q["offset"]; ok {
		if out.Offset, err = parseOffset(v[0]); err != nil {
			return catalog.Selection{}, err
		}
	}
	for _, p := range c.Properties {
		v, ok := q[p.Name]
		if !ok || !p.Filter {
			continue
		}
		val, err := parseFilter(p, v[0])
		if err != nil {
			return catalog.Selection{}, err
		}
		if out.Filters == nil {
			out.Filters = map[string]any{}
		}
		out.Filters[p.Name] = val
	}
	return out, nil
}

func filterHint(c catalog.Collection) string {
	var names []string
	for _, p := range c.Properties {
		if p.Filter {
			names = append(names, p.Name)
		}
	}
	return "; " + c.ID + " accepts bbox, bbox-crs, crs, datetime, filter, filter-crs, filter-lang, limit, offset, properties, skipGeometry, sortby, f and the filters " +
		strings.Join(names, ", ")
}

// parseBBox parses minLon,minLat,maxLon,maxLat (or the 6-number form with heights, which are ignored:
// parkmap's data is 2D) and checks it is a box on the globe that does not cross the antimeridian.
func parseBBox(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox must be 4 numbers minLon,minLat,maxLon,maxLat; got %d values", len(parts))
	}
	nums := make([]float64, len(parts))
	for i, p := range parts {
		v, ok := parseDecimal(p)
		if !ok {
			return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox value %d is not a finite decimal number", i+1)
		}
		nums[i] = v
	}
	if len(nums) == 6 {
		nums = []float64{nums[0], nums[1], nums[3], nums[4]}
	}
	minLon, minLat, maxLon, maxLat := nums[0], nums[1], nums[2], nums[3]
	for _, lon := range []float64{minLon, maxLon} {
		if lon < -180 || lon > 180 {
			return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox longitude %g is outside [-180, 180]", lon)
		}
	}
	for _, lat := range []float64{minLat, maxLat} {
		if lat < -90 || lat > 90 {
			return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox latitude %g is outside [-90, 90]", lat)
		}
	}
	if minLat > maxLat {
		return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox south latitude %g is north of its north latitude %g", minLat, maxLat)
	}
	if minLon > maxLon {
		return nil, apperr.FieldErrorf(apperr.Invalid, "bbox",
			"bbox west longitude %g is east of its east longitude %g: a box crossing the antimeridian is not supported by parkmap", minLon, maxLon)
	}
	return nums, nil
}

// parseDecimal accepts an optionally signed decimal number with an optional exponent, and nothing
// else: no NaN, Inf, hex floats or digit separators, which strconv.ParseFloat would let through.
func parseDecimal(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "+-.0123456789eE") != "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func parseLimit(s string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && n > 0:
		return maxLimit, nil // beyond int64, but still a whole number: clamp it like any other
	case err != nil || n < 1:
		return 0, apperr.FieldErrorf(apperr.Invalid, "limit", "limit must be a whole number from 1 (larger values are served as %d)", maxLimit)
	case n > maxLimit:
		return maxLimit, nil
	}
	return int(n), nil
}

func parseOffset(s string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, apperr.FieldErrorf(apperr.Invalid, "offset", "offset must be a whole number from 0 to %d", int64(math.MaxInt64))
	}
	return int(n), nil
}

// parseFilter types a filter value after its property, so that a bad value is the client's 400 and
// not a database error.
func parseFilter(p catalog.Property, s string) (any, error) {
	switch {
	case s == "":
		return nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s is empty", p.Name)
	case len(s) > maxFilterLen:
		return nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s is longer than %d bytes", p.Name, maxFilterLen)
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		return nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s is not valid UTF-8 text", p.Name)
	}
	switch p.Type {
	case "integer":
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s must be an integer", p.Name)
		}
		return n, nil
	case "number":
		v, ok := parseDecimal(s)
		if !ok {
			return nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s must be a finite decimal number", p.Name)
		}
		return v, nil
	case "boolean":
		switch s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, apperr.FieldErrorf(apperr.Invalid, p.Name, "filter %s must be true or false", p.Name)
	default: // string, and array (the array contains the value)
		return s, nil
	}
}

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
