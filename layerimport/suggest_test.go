package layerimport

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func target(t *testing.T, layer string) Target {
	t.Helper()
	tg, ok := TargetOf(layer)
	if !ok {
		t.Fatalf("no target %s", layer)
	}
	return tg
}

// asMap is a suggestion list as layer field -> file field.
func asMap(ss []Suggestion) map[string]string {
	m := map[string]string{}
	for _, s := range ss {
		m[s.Field] = s.Source
	}
	return m
}

// 三调 / 国土变更调查 DLTB fields, as a county's 变更调查 database exports them.
var sandiao = []string{"BSM", "YSDM", "TBYBH", "TBBH", "DLBM", "DLMC", "QSXZ", "QSDWDM", "QSDWMC", "ZLDWDM", "ZLDWMC",
	"TBMJ", "KCDLBM", "KCXS", "KCMJ", "TBDLMJ", "GDLX", "GDPDJB", "XZDWKD", "CZCSXM", "SJNF", "MSSM", "BZ", "SHAPE_Length", "SHAPE_Area"}

var sandiaoSamples = map[string][]string{
	"BSM": {"3303260000001234", "3303260000001235"}, "TBBH": {"1021", "1022"}, "DLBM": {"0101", "0103"},
	"DLMC": {"水田", "旱地"}, "QSDWMC": {"鳌江镇某村股份经济合作社"}, "TBMJ": {"12034.56", "880.1"},
	"SJNF": {"2023", "2023"}, "KCXS": {"0.08", "0.08"}, "SHAPE_Area": {"12034.9", "880.0"},
}

// A 供地台账 as the land bureau keeps it.
var gongdi = []string{"DKBH", "DKMC", "YDDW", "YDMJ", "TDYT", "GDNF", "RJL", "SSYQ"}

var gongdiSamples = map[string][]string{
	"DKBH": {"PY2019-012", "PY2020-003"}, "DKMC": {"萧江镇工业地块"}, "YDDW": {"平阳县某鞋业有限公司"},
	"YDMJ": {"1.2345", "2.01"}, "TDYT": {"工业用地"}, "GDNF": {"2019", "2020"}, "RJL": {"2.0", "1.8"}, "SSYQ": {"萧江小微园"},
}

func TestSuggestBureauFieldLists(t *testing.T) {
	for _, c := range []struct {
		name    string
		layer   string
		fields  []string
		samples map[string][]string
		want    map[string]string
	}{
		{"供地台账 into parcels", LayerParcels, gongdi, gongdiSamples, map[string]string{"id": "DKBH", "park": "SSYQ",
			"year": "GDNF", "area": "YDMJ", "use": "TDYT", "plot_ratio": "RJL", "owner": "YDDW"}},
		{"供地台账 into redevelopment: DKBH is no id alias there", LayerRedevelopment, gongdi, gongdiSamples,
			map[string]string{"name": "DKMC", "area": "YDMJ", "plot_ratio": "RJL"}},
		// TBMJ ranks before SHAPE_Area; SJNF (数据年份) says nothing by its name but holds years.
		{"三调 into parcels", LayerParcels, sandiao, sandiaoSamples, map[string]string{"area": "TBMJ", "use": "DLMC", "year": "SJNF"}},
		// DLMC is a kind alias, but 水田 and 旱地 are no kinds: no kind is suggested.
		{"三调 into constraints", LayerConstraints, sandiao, sandiaoSamples, map[string]string{"id": "BSM"}},
		{"三调 with 永久基本农田 into constraints", LayerConstraints, sandiao,
			map[string][]string{"DLMC": {"永久基本农田", "旱地"}}, map[string]string{"id": "BSM", "kind": "DLMC"}},
		{"Chinese names", LayerParcels, []string{"序号", "地块编号_1", "所属园区", "供地年份", "用地面积（公顷）", "土地用途", "容积率", "受让人", "备注"},
			nil, map[string]string{"id": "地块编号_1", "park": "所属园区", "year": "供地年份", "area": "用地面积（公顷）",
				"use": "土地用途", "plot_ratio": "容积率", "owner": "受让人"}},
		// The same 三调 layer with Chinese field names: 编号 is in both 图斑预编号 and 图斑编号, the
		// closer wins; 年份 is in 数据年份.
		{"三调 in Chinese into parcels", LayerParcels, []string{"标识码", "要素代码", "图斑预编号", "图斑编号", "地类编码", "地类名称",
			"权属单位名称", "坐落单位名称", "图斑面积", "扣除地类面积", "图斑地类面积", "数据年份", "备注"}, nil,
			map[string]string{"id": "图斑编号", "use": "地类名称", "area": "图斑面积", "year": "数据年份"}},
		{"English names", LayerParcels, []string{"OBJECTID", "parcel_id", "Park", "Year", "Area_ha", "land_use", "Plot_Ratio", "Status", "owner"},
			nil, map[string]string{"id": "parcel_id", "park": "Park", "year": "Year", "area": "Area_ha", "use": "land_use",
				"plot_ratio": "Plot_Ratio", "status": "Status", "owner": "owner"}},
		{"full-width forms and spaces", LayerParcels, []string{"ＤＫＢＨ", "ＭＪ（亩）", "G D N F"}, nil,
			map[string]string{"id": "ＤＫＢＨ", "area": "ＭＪ（亩）", "year": "G D N F"}},
		// 乡镇名称 is town's exact name; name takes 项目名称 (exact) over 乡镇名称 (containing 名称).
		{"redevelopment", LayerRedevelopment, []string{"BSM", "乡镇名称", "项目名称", "再开发类型", "MJ", "面积", "XZRJL"}, nil,
			map[string]string{"id": "BSM", "town": "乡镇名称", "name": "项目名称", "kind": "再开发类型", "area": "面积", "plot_ratio": "XZRJL"}},
		{"a short Latin alias is a word, not a substring", LayerRedevelopment, []string{"QSDWMC", "GUID", "MCDM", "TBMJ_1"}, nil,
			map[string]string{"area": "TBMJ_1"}},
		{"nothing to suggest", LayerConstraints, []string{"Shape_Leng", "备注"}, nil, map[string]string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Suggest(target(t, c.layer), c.fields, c.samples)
			if m := asMap(got); !maps.Equal(m, c.want) {
				t.Errorf("got %v\nwant %v", m, c.want)
			}
			seen := map[string]bool{}
			for _, s := range got {
				if seen[s.Source] {
					t.Errorf("%s used twice", s.Source)
				}
				seen[s.Source] = true
				if s.Reason == "" || s.ReasonZh == "" || !strings.Contains(s.ReasonZh, s.Source) {
					t.Errorf("%s <- %s: reasons %q / %q", s.Field, s.Source, s.Reason, s.ReasonZh)
				}
			}
		})
	}
}

func TestSuggestReasons(t *testing.T) {
	parcels := target(t, LayerParcels)
	for _, c := range []struct {
		fields  []string
		samples map[string][]string
		field   string
		en, zh  string
	}{
		{[]string{"DKBH"}, nil, "id", `field name "DKBH" is the usual abbreviation of 地块编号`, "字段名“DKBH”是“地块编号”的常用缩写"},
		{[]string{"宗地代码"}, nil, "id", "a usual name of 地块编号 (Parcel id)", "字段名“宗地代码”是“地块编号”的常用名称"},
		{[]string{"地块编号"}, nil, "id", "the field's own name", "字段名“地块编号”是“地块编号”本身的名称"},
		{[]string{"YDMJ（公顷）"}, nil, "area", `contains "YDMJ"`, "字段名“YDMJ（公顷）”含“YDMJ”，“面积”的常用缩写"},
		{[]string{"Code"}, nil, "id", "English name", "字段名“Code”是“地块编号”的常用英文名"},
		{[]string{"plot_ratio"}, nil, "plot_ratio", "own name", "本身的名称"},
		{[]string{"F3"}, map[string][]string{"F3": {"2018", " 2019 ", ""}}, "year", "all 2 sample values", "都是 1990 至 2100 之间的整数"},
	} {
		got := Suggest(parcels, c.fields, c.samples)
		if len(got) != 1 || got[0].Field != c.field || !strings.Contains(got[0].Reason, c.en) || !strings.Contains(got[0].ReasonZh, c.zh) {
			t.Errorf("%v: %+v; want %s with %q / %q", c.fields, got, c.field, c.en, c.zh)
		}
	}
}

// A field is never suggested for a type its values cannot be: text in a number, a fraction in a year.
func TestSuggestChecksTypes(t *testing.T) {
	parcels := target(t, LayerParcels)
	got := asMap(Suggest(parcels, []string{"RJL", "容积率2", "GDNF", "MJ", "面积"}, map[string][]string{
		"RJL": {"高", "2.0"}, "容积率2": {"１.５", "2"}, "GDNF": {"2019年"}, "面积": {"约3亩"}, "MJ": {"1,234.5", ""},
	}))
	want := map[string]string{"plot_ratio": "容积率2", "area": "MJ"}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := asMap(Suggest(parcels, []string{"GDNF"}, map[string][]string{"GDNF": {"2019.5"}})); len(got) != 0 {
		t.Errorf("a fraction as a year: %v", got)
	}
}

// Values speak only where the names say nothing, and only for the rule's fields.
func TestSuggestByValues(t *testing.T) {
	cons := target(t, LayerConstraints)
	kinds := map[string][]string{"LB": {"永久基本农田", "生态红线", "基本农田", "CZKFBJ", "基本农田"}, "X": {"2019", "2020"}}
	if got := asMap(Suggest(cons, []string{"X", "LB"}, kinds)); !maps.Equal(got, map[string]string{"kind": "LB"}) {
		t.Errorf("kinds by value: %v", got)
	}
	// Two of five unknown is below ValueShare.
	kinds["LB"] = []string{"永久基本农田", "生态红线", "基本农田", "工业", "居住"}
	if got := Suggest(cons, []string{"LB"}, kinds); len(got) != 0 {
		t.Errorf("a field of mixed values: %v", got)
	}
	parks := target(t, LayerParks)
	fields := []string{"OBJECTID", "XMC", "Shape_Area"}
	samples := map[string][]string{"XMC": {"萧江小微园", "P03", "鳌江 小微园"}, "Shape_Area": {"0.00001"}}
	if got := asMap(Suggest(parks, fields, samples)); !maps.Equal(got, map[string]string{"area": "Shape_Area"}) {
		t.Errorf("parks without names: %v", got)
	}
	h := Hints{ParkNames: []string{"P03", "萧江小微园", "鳌江小微园", "P04"}}
	got := SuggestWith(parks, fields, samples, h)
	if m := asMap(got); !maps.Equal(m, map[string]string{"park": "XMC", "area": "Shape_Area"}) {
		t.Errorf("parks with names: %v", m)
	}
	if i := slices.IndexFunc(got, func(s Suggestion) bool { return s.Field == "park" }); i < 0 || !strings.Contains(got[i].ReasonZh, "3 个样本值中有 3 个是园区") {
		t.Errorf("park reason: %+v", got)
	}
	// A field named for something else is not taken for its values: 编号 holds years here, and loses
	// the id to DKBH, but its name says it is an id, so a year would be a guess.
	parcels := target(t, LayerParcels)
	if got := asMap(Suggest(parcels, []string{"编号", "DKBH"}, map[string][]string{"编号": {"2019", "2020"}})); !maps.Equal(got, map[string]string{"id": "DKBH"}) {
		t.Errorf("a named field by values: %v", got)
	}
}

func TestSuggestTiesByAliasRank(t *testing.T) {
	parcels := target(t, LayerParcels)
	// Every one of these is an exact area alias; 面积 ranks first, whatever the file's order.
	got := asMap(Suggest(parcels, []string{"SHAPE_Area", "TBMJ", "MJ", "面积"}, nil))
	if got["area"] != "面积" {
		t.Errorf("area <- %q, want 面积", got["area"])
	}
	// An exact alias beats a containing one of better rank.
	got = asMap(Suggest(parcels, []string{"面积_亩", "TDMJ"}, nil))
	if got["area"] != "TDMJ" {
		t.Errorf("area <- %q, want TDMJ", got["area"])
	}
}

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{"ＤＫＢＨ": "dkbh", "Dk_Bh ": "dkbh", "　地块 编号": "地块编号", "YDMJ（公顷）": "ydmj(公顷)"} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
}
