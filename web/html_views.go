package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/catalog"
)

// The OGC API resources as HTML (Part 1's HTML conformance class, issue 13): the collections, a
// collection, a page of items and a feature, and the conformance classes, for a person who opens a
// link in a browser (?f=html, or an Accept that prefers text/html). Server-rendered with html/template
// (which escapes every value) and styled by /static/ogc.css: no script and no inline style, so the
// page's Content-Security-Policy holds. The map itself stays at /.

//go:embed templates/ogc.html
var ogcTemplateText string

var ogcTemplates = template.Must(template.New("ogc").Parse(ogcTemplateText))

// htmlLink is a link of an HTML view.
type htmlLink struct{ Href, Type, Title string }

// htmlHead is what every view's head and navigation need.
type htmlHead struct {
	Title, Base, CSS string
	Alternates       []htmlLink
}

// head is the head of a view of r titled title, linking its JSON form (the same URL with f=json).
func (s *server) head(r *http.Request, title, jsonType string) htmlHead {
	base := s.baseURL(r)
	q := r.URL.Query()
	q.Set("f", "json")
	css := base + "/static/ogc.css"
	if s.page != nil {
		if a, ok := s.page.assets["ogc.css"]; ok {
			css += "?v=" + a.hash
		}
	}
	return htmlHead{Title: title, Base: base, CSS: css,
		Alternates: []htmlLink{{Href: base + r.URL.EscapedPath() + "?" + q.Encode(), Type: jsonType, Title: "JSON"}}}
}

// writeHTML renders view into a buffer first, so that a template error is an error, not half a page.
func writeHTML(w http.ResponseWriter, view string, data any) error {
	var b bytes.Buffer
	if err := ogcTemplates.ExecuteTemplate(&b, view, data); err != nil {
		return fmt.Errorf("html view %s: %w", view, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b.Bytes())
	return err
}

// htmlURL is href with f=html, so that a link of an HTML view stays in HTML.
func htmlURL(href string) string {
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	q := u.Query()
	q.Set("f", "html")
	u.RawQuery = q.Encode()
	return u.String()
}

// displayValue is a property value as a person reads it: numbers as printed, lists joined with 、,
// objects as JSON, and a missing value as 无数据 (no data), never an empty cell that could be a zero.
func displayValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "无数据"
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "是"
		}
		return "否"
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			if _, ok := e.(map[string]any); ok {
				b, _ := json.Marshal(e) // decoded from JSON: it encodes again
				parts[i] = string(b)
			} else {
				parts[i] = displayValue(e)
			}
		}
		return strings.Join(parts, "、")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

type htmlCollection struct {
	ID, TitleZh, TitleEn, Provenance, Href, Items string
}

func (s *server) collectionsHTML(w http.ResponseWriter, r *http.Request, list collectionList) error {
	base := s.baseURL(r)
	data := struct {
		htmlHead
		Collections []htmlCollection
	}{htmlHead: s.head(r, "图层列表 Collections", mediaJSON)}
	for _, info := range list.Collections {
		c, _ := s.Catalog.Collection(info.ID)
		data.Collections = append(data.Collections, htmlCollection{ID: c.ID, TitleZh: c.TitleZh, TitleEn: c.TitleEn,
			Provenance: info.Provenance, Href: htmlURL(collectionURL(base, c, "")), Items: htmlURL(collectionURL(base, c, "/items"))})
	}
	return writeHTML(w, "collections", data)
}

func (s *server) collectionHTML(w http.ResponseWriter, r *http.Request, c catalog.Collection, info collectionInfo) error {
	data := struct {
		htmlHead
		Collection  catalog.Collection
		Provenance  string
		BBox, Years string
		CRS         []string
		Items       string
	}{htmlHead: s.head(r, c.TitleZh, mediaJSON), Collection: c, Provenance: info.Provenance, CRS: info.CRS,
		Items: htmlURL(collectionURL(s.baseURL(r), c, "/items"))}
	data.Collection.Description = info.Description
	if info.Extent != nil {
		data.BBox = fmt.Sprint(info.Extent.Spatial.BBox[0])
		if t := info.Extent.Temporal; t != nil {
			data.Years = t.Interval[0][0] + " – " + t.Interval[0][1]
		}
	}
	return writeHTML(w, "collection", data)
}

type htmlColumn struct{ Name, Title string }

type htmlRow struct {
	ID, Href string
	Values   []string
}

// itemsHTML renders a page of features as a table of the collection's scalar properties (each list
// has its flat text among them), with the page's prev and next links in HTML.
func (s *server) itemsHTML(w http.ResponseWriter, r *http.Request, c catalog.Collection, sel catalog.Selection,
	head itemsHead, features iter.Seq2[json.RawMessage, error]) error {
	data := struct {
		htmlHead
		Matched int
		Pages   []htmlLink
		Columns []htmlColumn
		Rows    []htmlRow
	}{htmlHead: s.head(r, c.TitleZh+" · 要素", mediaGeoJSON), Matched: head.NumberMatched}
	for _, l := range head.Links {
		switch l.Rel {
		case "prev":
			data.Pages = append(data.Pages, htmlLink{Href: htmlURL(l.Href), Title: "上一页"})
		case "next":
			data.Pages = append(data.Pages, htmlLink{Href: htmlURL(l.Href), Title: "下一页"})
		}
	}
	for _, p := range c.Properties {
		if p.Type != "array" && sel.Wants(p.Name) {
			data.Columns = append(data.Columns, htmlColumn{Name: p.Name, Title: p.Title})
		}
	}
	base := s.baseURL(r)
	for raw, err := range features {
		if err != nil {
			return err
		}
		var f struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("items of %s: %w", c.ID, err)
		}
		row := htmlRow{ID: f.ID, Href: htmlURL(collectionURL(base, c, "/items/"+url.PathEscape(f.ID)))}
		for _, col := range data.Columns {
			row.Values = append(row.Values, displayValue(f.Properties[col.Name]))
		}
		data.Rows = append(data.Rows, row)
	}
	return writeHTML(w, "items", data)
}

type htmlField struct{ Name, Title, Value string }

// itemHTML renders one feature: every property it carries, in catalogue order, with its title.
func (s *server) itemHTML(w http.ResponseWriter, r *http.Request, c catalog.Collection, f feature) error {
	var props map[string]any
	if err := json.Unmarshal(f.Properties, &props); err != nil {
		return fmt.Errorf("feature of %s: %w", c.ID, err)
	}
	var id string
	_ = json.Unmarshal(f.ID, &id) // a feature id is a JSON string
	data := struct {
		htmlHead
		Fields []htmlField
	}{htmlHead: s.head(r, c.TitleZh+" · "+id, mediaGeoJSON)}
	for _, p := range c.PublishedProperties() {
		if v, ok := props[p.Name]; ok {
			data.Fields = append(data.Fields, htmlField{Name: p.Name, Title: p.Title, Value: displayValue(v)})
		}
	}
	if len(f.Geometry) > 0 && string(f.Geometry) != "null" {
		var g struct {
			Type string `json:"type"`
		}
		_ = json.Unmarshal(f.Geometry, &g)
		data.Fields = append(data.Fields, htmlField{Name: "geometry", Title: "几何", Value: g.Type + "（坐标见 JSON）"})
	}
	return writeHTML(w, "item", data)
}

func (s *server) conformanceHTML(w http.ResponseWriter, r *http.Request) error {
	return writeHTML(w, "conformance", struct {
		htmlHead
		Classes []string
	}{htmlHead: s.head(r, "符合的标准 Conformance", mediaJSON), Classes: conformanceClasses})
}
