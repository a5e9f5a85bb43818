package layerimport

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

func TestSavedMappingCheck(t *testing.T) {
	m, err := SavedMapping{Layer: LayerParcels, Name: " 县自然资源局供地台账 ", AreaUnit: "ha", CRS: " EPSG:4528 ",
		Mapping: map[string]string{"id": " DKBH", "area": "YDMJ"}}.Check()
	if err != nil || m.Name != "县自然资源局供地台账" || m.AreaUnit != UnitHectare || m.CRS != "EPSG:4528" ||
		!maps.Equal(m.Mapping, map[string]string{"id": "DKBH", "area": "YDMJ"}) {
		t.Fatalf("valid: %v %+v", err, m)
	}
	for _, c := range []struct {
		m      SavedMapping
		fields []string
		zh     string
	}{
		{SavedMapping{Layer: "roads", Name: "x"}, []string{"layer"}, "图层“roads”不能导入"},
		{SavedMapping{Layer: LayerParcels, Name: "  "}, []string{"name"}, "请填写名称"},
		{SavedMapping{Layer: LayerParcels, Name: strings.Repeat("台", MaxMappingName+1)}, []string{"name"}, "最多 100 个"},
		{SavedMapping{Layer: LayerParcels, Name: strings.Repeat("台", MaxMappingName)}, nil, ""},
		{SavedMapping{Layer: LayerParcels, Name: "a\x07b"}, []string{"name"}, "控制字符"},
		{SavedMapping{Layer: LayerParcels, Name: "x", Mapping: map[string]string{"kind": "LX"}}, []string{"mapping.kind"}, "图层“供地地块”没有字段“kind”"},
		{SavedMapping{Layer: LayerParcels, Name: "x", Mapping: map[string]string{"id": " "}}, []string{"mapping.id"}, "文件字段名"},
		{SavedMapping{Layer: LayerParcels, Name: "", AreaUnit: "英亩", Mapping: map[string]string{"zz": "A", "aa": "B"}},
			[]string{"name", "mapping.aa", "mapping.zz", "area_unit"}, "无法识别的面积单位"},
	} {
		_, err := c.m.Check()
		if c.fields == nil {
			if err != nil {
				t.Errorf("%+v: %v", c.m, err)
			}
			continue
		}
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.Invalid {
			t.Errorf("%+v: %v", c.m, err)
			continue
		}
		var got []string
		zh := ""
		for _, f := range ae.Fields {
			got = append(got, f.Field)
			zh += f.MessageZh
			if f.Message == "" || f.MessageZh == "" {
				t.Errorf("%+v: a message missing in %+v", c.m, f)
			}
		}
		if !slices.Equal(got, c.fields) || !strings.Contains(zh, c.zh) {
			t.Errorf("%+v: fields %v (%s), want %v with %q", c.m, got, zh, c.fields, c.zh)
		}
	}
}

func TestSavedMappingApply(t *testing.T) {
	m := SavedMapping{Layer: LayerConstraints, Name: "县林业局", Mapping: map[string]string{"id": "BSM", "kind": "LX", "name": "MC"},
		AreaUnit: UnitHectare, CRS: "EPSG:4528", Encoding: "GBK"}
	r := Request{Layer: LayerConstraints, Mapping: map[string]string{"name": "XMMC"}, Kind: "基本农田", Encoding: "UTF-8"}
	m.Apply(&r)
	if want := map[string]string{"id": "BSM", "name": "XMMC"}; !maps.Equal(r.Mapping, want) {
		t.Errorf("mapping %v, want %v (the user's name and -kind win)", r.Mapping, want)
	}
	if r.AreaUnit != UnitHectare || r.CRS != "EPSG:4528" || r.Encoding != "UTF-8" {
		t.Errorf("request %+v", r)
	}
	var empty Request
	m.Apply(&empty)
	if !maps.Equal(empty.Mapping, m.Mapping) || empty.Encoding != "GBK" {
		t.Errorf("into an empty request: %+v", empty)
	}
}

func TestMappingOf(t *testing.T) {
	p := Preview{Layer: LayerConstraints, CRSRead: "", CRSUsed: "EPSG:4528", Encoding: "GBK",
		Mapping: map[string]string{"id": "fid (feature number)", "kind": "-kind 基本农田", "name": "MC"},
		Source:  Source{Fields: []string{"BSM", "MC", "TBMJ"}, EncodingReason: "detected: valid GBK / 检测为 GBK"},
		Area:    &AreaCheck{Field: "TBMJ", Unit: UnitSquareMetre}}
	r := Request{Layer: LayerConstraints, Kind: "基本农田", Mapping: map[string]string{"area": "TBMJ"}}
	m := MappingOf("三调", p, r)
	if want := map[string]string{"name": "MC", "area": "TBMJ"}; !maps.Equal(m.Mapping, want) || m.Name != "三调" || m.Layer != LayerConstraints {
		t.Errorf("mapping %+v, want %v (no feature number, no -kind)", m, want)
	}
	if m.AreaUnit != UnitSquareMetre || m.CRS != "EPSG:4528" || m.Encoding != "GBK" {
		t.Errorf("told: %+v", m)
	}
	// A CRS and an encoding the file declared are its own; they are kept only when the user gave them.
	p.CRSRead, p.Source.EncodingReason = "EPSG:4490", "the .cpg says GBK / .cpg 文件标明 GBK"
	if m := MappingOf("三调", p, r); m.CRS != "" || m.Encoding != "" {
		t.Errorf("declared by the file: %+v", m)
	}
	r.CRS, r.Encoding = "EPSG:4549", "GB18030"
	p.CRSUsed = "EPSG:4549"
	if m := MappingOf("三调", p, r); m.CRS != "EPSG:4549" || m.Encoding != "GB18030" {
		t.Errorf("given by the user: %+v", m)
	}
}
