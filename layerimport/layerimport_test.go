package layerimport

import (
	"strings"
	"testing"
)

func TestNormalizeKind(t *testing.T) {
	for in, want := range map[string]string{"永久基本农田": "基本农田", " 基本农田 ": "基本农田", "stbhhx": "生态保护红线",
		"城镇开发边界": "城镇开发边界", "Flood Risk": "洪涝风险区", "工业用地": "", "": ""} {
		got, ok := NormalizeKind(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeKind(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestBlockingAndText(t *testing.T) {
	p := Preview{Layer: LayerConstraints, Findings: []Finding{
		{Fid: 1, ID: "A", Code: OutsideCounty, Detail: "partly", Mu: 1.5},
		{Fid: 2, ID: "B", Code: OutsideCounty, Detail: "entirely", Mu: 15},
		{Fid: 3, ID: "C", Code: Invalid, Detail: "Self-intersection[120 27]"},
	}}
	if b := p.Blocking(); len(b) != 2 || b[0].ID != "B" || b[1].ID != "C" {
		t.Errorf("blocking: %+v", b)
	}
	var s strings.Builder
	if err := p.WriteText(&s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`warning fid 1 id "A": outside_county: partly (1.50 亩)`, `ERROR fid 3 id "C": invalid: Self-intersection`, "not published: 2 blocking findings"} {
		if !strings.Contains(s.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, s.String())
		}
	}
}
