package coordfile

import (
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

// Each case breaks goodFile in one way and names the problem it must produce: the field (a line or
// the parcel) and words of the Chinese message.
func TestParseProblems(t *testing.T) {
	swapDK2 := goodFile[:strings.Index(goodFile, "6,5.8168")] + `6,5.8168,DK-2,二期,面,,工业用地,0601,@
J1,1,40555743.862,3061889.022
J2,1,40555961.023,3061867.855
J3,1,40556039.240,3062023.362
J4,1,40555861.139,3062133.363
J5,1,40555723.368,3062055.158
J1,1,40555743.862,3061889.022
`
	tests := []struct {
		name, from, to string // replace from with to in goodFile (from "" → the whole file is to)
		field, zh      string
	}{
		{"unclosed ring", "J1,1,3061889.022,40555743.862\n", "J1,1,3061889.022,40555743.000\n", "parcel DK-2", "未闭合"},
		{"missing point", "J3,1,3062023.362,40556039.240\n", "", "parcel DK-2", "界址点数为 6，实际有 5 个点"},
		{"point without number", "J3,1,3062023.362", ",1,3062023.362", "parcel DK-2", "缺少点号"},
		{"duplicate point number", "J3,1,3062023.362", "J2,1,3062023.362", "parcel DK-2", "点号 J2 重复（首次出现在第 26 行）"},
		{"non-number coordinate", "3062023.362", "3062O23.362", "line 27", "X 坐标“3062O23.362”不是有效数字"},
		{"NaN coordinate", "3062023.362", "NaN", "line 27", "不是有效数字"},
		{"swapped", "", swapDK2, "parcel DK-2", "X 与 Y 疑似颠倒"},
		{"hole before outer ring", "J1,1,", "J1,3,", "parcel DK-1", "圈号 3（内环）出现在外环（圈号 1）之前"},
		{"ring interrupted", "J8,2,3062042.321", "J8,1,3062042.321", "parcel DK-1", "不连续"},
		{"empty parcel", "[地块坐标]\n", "[地块坐标]\n0,1.0,DK-0,空地块,面,,,,@\n", "parcel DK-0", "没有界址点"},
		{"unknown section", "[地块坐标]\n", "[备注]\n说明\n[地块坐标]\n", "line 12", "未知的节"},
		{"ring of 3 points", "6,5.8168,DK-2,昆阳镇小微企业园二期,面,H51G030080,工业用地,0601,@\nJ1,1,3061889.022,40555743.862\nJ2,1,3061867.855,40555961.023\nJ3,1,3062023.362,40556039.240\nJ4,1,3062133.363,40555861.139\nJ5,1,3062055.158,40555723.368\n",
			"3,5.8168,DK-2,二期,面,,,,@\nJ1,1,3061889.022,40555743.862\nJ2,1,3061867.855,40555961.023\n", "parcel DK-2", "至少需要 4 个点"},
		{"Xi'an 1980", "坐标系=2000国家大地坐标系", "坐标系=1980西安坐标系", "line 5", "1980 西安坐标系"},
		{"Beijing 1954", "坐标系=2000国家大地坐标系", "坐标系=1954北京坐标系", "line 5", "1954 北京坐标系"},
		{"no datum", "坐标系=2000国家大地坐标系\n", "", "crs", "缺少“坐标系”"},
		{"zone contradicts", "带号=40", "带号=39", "line 9", "带号=39 与坐标不符，坐标位于 3 度带第 40 带"},
		{"zone width contradicts", "几度分带=3", "几度分带=6", "line 6", "几度分带=6 与坐标不符"},
		{"outside the county", "3061997.590,40555250.041", "3261997.590,40555250.041", "parcel DK-1", "不在平阳县范围内"},
		{"duplicate parcel id", "DK-2,", "DK-1,", "parcel DK-1", "地块编号 DK-1 与第 13 行重复"},
		{"short parcel line", "面,H51G030080,工业用地,0601,@", "面,0601,@", "line 13", "应有 9 项"},
		{"short point line", "J6,2,3062075.386,40555299.020", "J6,2,3062075.386", "line 20", "应有 4 项"},
		{"point before parcel", "[地块坐标]\n", "[地块坐标]\nJ0,1,3061997.590,40555250.041\n", "line 13", "缺少地块信息行"},
		{"text before header", "", "说明\n" + goodFile, "line 1", "之前有多余内容"},
		{"not a coordinate file", "", "名称,X,Y\nA,1,2\n", "line 1", "之前有多余内容"},
		{"no parcels section", "", "[属性描述]\n坐标系=2000国家大地坐标系\n", "file", "缺少 [地块坐标]"},
		{"no parcels", "", "[属性描述]\n坐标系=2000国家大地坐标系\n[地块坐标]\n", "file", "没有地块"},
		{"truncated", "", goodFile[:strings.Index(goodFile, "J4,1,3062133")], "parcel DK-2", "界址点数为 6，实际有 3 个点"},
		{"degrees", "", "[属性描述]\n坐标系=2000国家大地坐标系\n[地块坐标]\n4,1,D,d,面,,,,@\n1,1,27.6,120.5\n2,1,27.6,120.6\n3,1,27.7,120.6\n1,1,27.6,120.5\n", "parcel D", "经纬度"},
		{"line shape", ",面,H51G030080,工业用地,0601,@\nJ1,1,3061889", ",线,H51G030080,工业用地,0601,@\nJ1,1,3061889", "parcel DK-2", "只导入面状地块"},
		{"bad attribute", "投影类型=高斯克吕格", "投影类型 高斯克吕格", "line 7", "名称=值"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.to
			if tt.from != "" {
				if !strings.Contains(goodFile, tt.from) {
					t.Fatalf("the case's text %q is not in goodFile", tt.from)
				}
				in = strings.Replace(goodFile, tt.from, tt.to, 1)
			}
			wantProblem(t, in, Options{}, tt.field, tt.zh)
		})
	}
}

// A file with several faults reports them all, in line order.
func TestParseReportsEveryProblem(t *testing.T) {
	in := strings.Replace(goodFile, "J6,2,3062075.386", "J6,2,abc", 1)
	in = strings.Replace(in, "J1,1,3061889.022,40555743.862\n", "J1,1,3061889.022,40555743.000\n", 1)
	in = strings.Replace(in, "带号=40", "带号=41", 1)
	_, err := Parse(strings.NewReader(in))
	e, ok := apperr.As(err)
	if !ok || len(e.Fields) < 2 {
		t.Fatalf("want every problem, got %v", err)
	}
	if e.Fields[0].Field != "line 9" || e.Fields[1].Field != "line 20" {
		t.Errorf("problems %+v, want the header's 带号 (line 9) first, then line 20", e.Fields)
	}
}

func TestParseEncodingProblems(t *testing.T) {
	_, err := Parse(strings.NewReader("[属性描述]\n\xff\xfe\x80\n"))
	e, ok := apperr.As(err)
	if !ok || e.Field != "encoding" || !strings.Contains(e.Fields[0].MessageZh, "GBK/GB18030") {
		t.Fatalf("want an encoding error, got %v", err)
	}
	_, err = ParseWith(strings.NewReader(goodFile), Options{Encoding: "Big5"})
	if e, ok := apperr.As(err); !ok || e.Field != "encoding" {
		t.Fatalf("want an unknown-encoding error, got %v", err)
	}
}

func TestParseTooLarge(t *testing.T) {
	_, err := Parse(strings.NewReader(strings.Repeat(" ", MaxBytes+1)))
	if apperr.CodeOf(err) != apperr.TooLarge {
		t.Fatalf("want too_large, got %v", err)
	}
}
