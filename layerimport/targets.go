package layerimport

import (
	"slices"

	"github.com/pingyang/parkmap/accounts"
)

// The layers a file can be imported into. Each has a Target: the fields its mapping fills, which role
// may import it, and how a version replaces the live rows.
const (
	LayerParks         = "parks"
	LayerParcels       = "parcels"
	LayerRedevelopment = "redevelopment"
	LayerTowns         = "towns"
	// LayerConstraints is declared in layerimport.go (the first layer that could be imported).
)

// Field types of a target field: how a mapped source value is read.
const (
	TypeText    = "text"
	TypeNumber  = "number"  // a decimal; a value that is not one is a finding
	TypeInteger = "integer" // a whole number (a year)
	TypeArea    = "area"    // an area in the file's unit (公顷, 亩 or ㎡), told by comparison with the drawn area
)

// Field is one field of a layer's schema that a source field can be mapped to.
type Field struct {
	Name     string `json:"name"`
	Title    string `json:"title"`    // Chinese, as the page shows it
	TitleEn  string `json:"title_en"` // English
	Type     string `json:"type"`
	Required bool   `json:"required"`
	// Aliases are source field names that suggest this field (地块编号, DKBH …), compared case-
	// insensitively and without spaces; the suggestion of a mapping reads them.
	Aliases []string `json:"aliases,omitempty"`
}

// Target is one importable layer.
type Target struct {
	Layer   string  `json:"layer"`
	Title   string  `json:"title"`
	TitleEn string  `json:"title_en"`
	Fields  []Field `json:"fields"`
	// Roles may import and roll back this layer (accounts roles); the command line runs as the owner.
	Roles []string `json:"roles"`
	// Replaces says what a published version does to the live layer, for the page and the note.
	Replaces string `json:"replaces"`
}

// Field returns the target's field named name.
func (t Target) Field(name string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// MayImport reports whether a user holding roles may import this layer.
func (t Target) MayImport(roles []string) bool { return accounts.HasAny(roles, t.Roles) }

var (
	idAliases   = []string{"id", "编号", "BH", "BSM", "标识码", "OBJECTID", "FID"}
	nameAliases = []string{"name", "名称", "MC"}
	areaAliases = []string{"area", "面积", "MJ", "用地面积", "YDMJ", "土地面积", "TDMJ", "图斑面积", "TBMJ", "SHAPE_Area"}
)

// targets are the importable layers, in the order the page lists them.
var targets = []Target{
	{Layer: LayerParks, Title: "园区边界", TitleEn: "Park boundaries",
		Roles:    []string{accounts.DataAdmin},
		Replaces: "matched parks get the file's boundary (provenance real); the plan's attributes stay; parks the file lacks keep their illustrative shape",
		Fields: []Field{
			{Name: "park", Title: "园区（编号、名称或别名）", TitleEn: "Park (id, name or alias)", Type: TypeText, Required: true,
				Aliases: []string{"园区名称", "YQMC", "园区", "园区编号", "YQBH", "小微园名称", "名称", "MC", "name", "id"}},
			{Name: "area", Title: "面积", TitleEn: "Area", Type: TypeArea, Aliases: areaAliases},
		}},
	{Layer: LayerParcels, Title: "供地地块", TitleEn: "Land-supply parcels",
		Roles:    []string{accounts.Land, accounts.DataAdmin},
		Replaces: "the whole parcels layer is replaced by the file's parcels",
		Fields: []Field{
			{Name: "id", Title: "地块编号", TitleEn: "Parcel id", Type: TypeText, Required: true,
				Aliases: []string{"地块编号", "DKBH", "宗地编号", "ZDDM", "宗地代码", "地块号", "DKH", "编号", "BH", "code", "id"}},
			{Name: "park", Title: "所属园区", TitleEn: "Park", Type: TypeText,
				Aliases: []string{"园区名称", "YQMC", "所属园区", "SSYQ", "园区", "park"}},
			{Name: "year", Title: "供地年份", TitleEn: "Supply year", Type: TypeInteger,
				Aliases: []string{"供地年份", "GDNF", "年份", "NF", "年度", "ND", "year"}},
			{Name: "area", Title: "面积", TitleEn: "Area", Type: TypeArea, Aliases: areaAliases},
			{Name: "land_source", Title: "土地来源", TitleEn: "Land source", Type: TypeText,
				Aliases: []string{"土地来源", "TDLY", "来源", "LY"}},
			{Name: "use", Title: "用途", TitleEn: "Use", Type: TypeText,
				Aliases: []string{"用途", "YT", "规划用途", "GHYT", "土地用途", "TDYT", "地类名称", "DLMC"}},
			{Name: "plot_ratio", Title: "容积率", TitleEn: "Plot ratio", Type: TypeNumber,
				Aliases: []string{"容积率", "RJL", "plot_ratio"}},
			{Name: "status", Title: "状态", TitleEn: "Status", Type: TypeText,
				Aliases: []string{"状态", "ZT", "供地状态", "GDZT", "status"}},
			{Name: "owner", Title: "权利人", TitleEn: "Owner", Type: TypeText,
				Aliases: []string{"权利人", "QLR", "用地单位", "YDDW", "受让人", "SRR"}},
		}},
	{Layer: LayerRedevelopment, Title: "低效用地再开发", TitleEn: "Redevelopment areas",
		Roles:    []string{accounts.Land, accounts.DataAdmin},
		Replaces: "the whole redevelopment layer is replaced by the file's areas",
		Fields: []Field{
			{Name: "id", Title: "编号", TitleEn: "Id", Type: TypeText, Required: true, Aliases: idAliases},
			{Name: "name", Title: "名称", TitleEn: "Name", Type: TypeText, Aliases: append([]string{"地块名称", "DKMC", "项目名称", "XMMC"}, nameAliases...)},
			{Name: "town", Title: "乡镇", TitleEn: "Town", Type: TypeText,
				Aliases: []string{"乡镇", "乡镇名称", "XZMC", "镇街", "所在乡镇", "SZXZ", "XZ", "town"}},
			{Name: "kind", Title: "类型", TitleEn: "Kind", Type: TypeText,
				Aliases: []string{"类型", "LX", "再开发类型", "ZKFLX", "kind"}},
			{Name: "area", Title: "面积", TitleEn: "Area", Type: TypeArea, Aliases: areaAliases},
			{Name: "plot_ratio", Title: "现状容积率", TitleEn: "Current plot ratio", Type: TypeNumber,
				Aliases: []string{"现状容积率", "XZRJL", "容积率", "RJL"}},
		}},
	{Layer: LayerTowns, Title: "乡镇边界", TitleEn: "Town boundaries",
		Roles:    []string{accounts.DataAdmin},
		Replaces: "matched towns get the file's boundary, used for a parcel's towns instead of the seat-Voronoi cells; once every town has one, the zones become the union of their towns' boundaries",
		Fields: []Field{
			{Name: "town", Title: "乡镇（名称或代码）", TitleEn: "Town (name or code)", Type: TypeText, Required: true,
				Aliases: []string{"乡镇名称", "XZMC", "行政区名称", "XZQMC", "乡镇", "镇街", "行政区代码", "XZQDM", "乡镇代码", "XZDM", "name", "town"}},
		}},
	{Layer: LayerConstraints, Title: "管控图层（三区三线等）", TitleEn: "Constraint layers",
		Roles:    []string{accounts.Land, accounts.DataAdmin},
		Replaces: "the whole constraints layer (every kind) is replaced by the file's features",
		Fields: []Field{
			{Name: "id", Title: "编号", TitleEn: "Id", Type: TypeText, Aliases: idAliases},
			{Name: "kind", Title: "类型", TitleEn: "Kind", Type: TypeText, Required: true,
				Aliases: []string{"类型", "LX", "管控类型", "GKLX", "kind", "DLMC"}},
			{Name: "name", Title: "名称", TitleEn: "Name", Type: TypeText, Aliases: nameAliases},
		}},
}

// Targets returns every importable layer, in the page's order.
func Targets() []Target { return slices.Clone(targets) }

// TargetOf returns the importable layer named layer.
func TargetOf(layer string) (Target, bool) {
	for _, t := range targets {
		if t.Layer == layer {
			return t, true
		}
	}
	return Target{}, false
}
