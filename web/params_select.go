package web

import (
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
)

// parseProperties reads the properties parameter: a comma-separated list of the collection's
// published properties (the view's and the derived ones), each feature then carrying only those; an
// empty list carries none. A name the collection does not publish is a 400 naming it. The result is in
// catalogue order, so one set of names always gives the same SQL text.
func parseProperties(c catalog.Collection, s string) ([]string, error) {
	names := []string{}
	if s == "" {
		return names, nil
	}
	asked := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if _, ok := c.Published(name); !ok {
			return nil, apperr.FieldErrorf(apperr.Invalid, "properties", "properties: %s is not a property of %s", quoteShort(name), c.ID)
		}
		asked[name] = true
	}
	for _, p := range c.PublishedProperties() {
		if asked[p.Name] {
			names = append(names, p.Name)
		}
	}
	return names, nil
}

// parseSortBy reads the sortby parameter (OGC API - Features Part 8 draft, as pygeoapi and GeoServer
// take it): a comma-separated list of properties, each optionally prefixed + (ascending, the default)
// or - (descending). Only the view's scalar properties sort; text sorts by pinyin. A property named
// twice, an unknown or array property, is a 400 naming it.
func parseSortBy(c catalog.Collection, s string) ([]catalog.SortKey, error) {
	var keys []catalog.SortKey
	seen := map[string]bool{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		k := catalog.SortKey{Name: item}
		switch {
		case strings.HasPrefix(item, "-"):
			k = catalog.SortKey{Name: item[1:], Desc: true}
		case strings.HasPrefix(item, "+"):
			k.Name = item[1:]
		}
		p, ok := c.Property(k.Name)
		switch {
		case k.Name == "":
			return nil, apperr.FieldErrorf(apperr.Invalid, "sortby", "sortby has an empty key: give property names separated by commas, each with an optional + or -")
		case !ok:
			return nil, apperr.FieldErrorf(apperr.Invalid, "sortby", "sortby: %s is not a property of %s", quoteShort(k.Name), c.ID)
		case !p.Sortable():
			return nil, apperr.FieldErrorf(apperr.Invalid, "sortby", "sortby: %s is a list and cannot be sorted by", k.Name)
		case seen[k.Name]:
			return nil, apperr.FieldErrorf(apperr.Invalid, "sortby", "sortby names %s twice", k.Name)
		}
		seen[k.Name] = true
		keys = append(keys, k)
	}
	return keys, nil
}

// parseSkipGeometry reads skipGeometry: true or false.
func parseSkipGeometry(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, apperr.FieldErrorf(apperr.Invalid, "skipGeometry", "skipGeometry must be true or false")
}

// parseShape reads the parameters that say what each feature carries, properties and skipGeometry,
// into sel: those of /items and /items/{featureId} alike.
func parseShape(c catalog.Collection, q map[string][]string, sel *catalog.Selection) error {
	var err error
	if v, ok := q["properties"]; ok {
		if sel.Properties, err = parseProperties(c, v[0]); err != nil {
			return err
		}
	}
	if v, ok := q["skipGeometry"]; ok {
		if sel.SkipGeometry, err = parseSkipGeometry(v[0]); err != nil {
			return err
		}
	}
	return nil
}
