package plan

import "testing"

func TestParseCell(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		raw        string
		want       *float64
		annotation string
	}{
		{"126", f(126), ""},
		{"52.5", f(52.5), ""},
		{"0", f(0), ""},
		{"—", nil, ""},
		{"", nil, ""},
		{" 7.2 ", f(7.2), ""},
		{"126（已竣工）", f(126), "已竣工"},
		{"263（企业用地165亩）", f(263), "企业用地165亩"},
		{"（已竣工）", nil, "已竣工"},
		{"昆阳镇", nil, "昆阳镇"},
	}
	for _, c := range cases {
		t.Run(c.raw, func(t *testing.T) {
			got := ParseCell(c.raw)
			switch {
			case c.want == nil && got.Value != nil:
				t.Fatalf("ParseCell(%q) = %v, want no figure", c.raw, *got.Value)
			case c.want != nil && (got.Value == nil || *got.Value != *c.want):
				t.Fatalf("ParseCell(%q) = %v, want %v", c.raw, got.Value, *c.want)
			}
			if got.Annotation != c.annotation {
				t.Errorf("annotation %q, want %q", got.Annotation, c.annotation)
			}
			if got.Raw != c.raw {
				t.Errorf("raw %q, want %q", got.Raw, c.raw)
			}
		})
	}
}
