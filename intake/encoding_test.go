package intake

import (
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetectEncoding(t *testing.T) {
	values := []string{"永久基本农田", "生态保护红线", "城镇开发边界", "平阳县小微企业园", "面积（㎡）", "鳌江镇"}
	var utf, gb [][]byte
	for _, v := range values {
		utf = append(utf, []byte(v))
		gb = append(gb, gbk(t, v))
	}
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("𠀀园区"))
	for _, tc := range []struct {
		test    string
		samples [][]byte
		want    Charset // "" = refused
	}{
		{"UTF-8", utf, UTF8},
		{"GBK", gb, GBK},
		{"GB18030 four-byte", append(gb, gb18030), GB18030},
		{"ASCII", [][]byte{[]byte("DKBH"), []byte("MJ")}, UTF8},
		{"none", nil, UTF8},
		{"European UTF-8", [][]byte{[]byte("Café"), []byte("Zürich")}, UTF8},
		// C2-DF lead bytes with 80-BF trails are valid UTF-8 (Greek, Cyrillic…) and valid GBK (Chinese).
		{"GBK that is also UTF-8", [][]byte{{0xd0, 0xa1, 0xce, 0xa2, 0xd4, 0xb0}, {0xd2, 0xb5}}, ""}, // 小微园, 业
		{"Latin-1", [][]byte{{'C', 'a', 'f', 0xe9, ' ', 'n', 'o', 'i', 'r'}}, ""},
		{"mixed UTF-8 and GBK", append(utf[:2:2], gb[2]), ""},
		{"C1 control in GBK", [][]byte{{0xd3, 0xc0, 0x85}}, ""},
	} {
		t.Run(tc.test, func(t *testing.T) {
			enc, err := DetectEncoding(tc.samples)
			if tc.want == "" {
				wantErr(t, err, apperr.Invalid, "encoding")
				return
			}
			if err != nil || enc.Charset != tc.want || enc.Reason == "" || enc.ReasonZh == "" {
				t.Fatalf("got %+v, %v; want %s with reasons", enc, err, tc.want)
			}
			t.Logf("%s: %s / %s", enc.Charset, enc.Reason, enc.ReasonZh)
		})
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Charset{"utf-8": UTF8, "UTF8": UTF8, "gbk": GBK, "CP936": GBK, "cp_936": GBK,
		"936": GBK, "GB2312": GBK, "gb18030": GB18030, " GB18030\r\n": GB18030} {
		enc, err := ParseEncoding(in)
		if err != nil || enc.Charset != want {
			t.Errorf("%q: %+v %v", in, enc, err)
		}
	}
	for _, bad := range []string{"", "latin1", "Big5", "SHIFT-JIS"} {
		_, err := ParseEncoding(bad)
		wantErr(t, err, apperr.Invalid, "encoding")
	}
}

// TestEncodingCheck: a .cpg or an override that contradicts the bytes is refused, not believed.
func TestEncodingCheck(t *testing.T) {
	gb := [][]byte{gbk(t, "永久基本农田"), gbk(t, "鳌江镇")}
	utf, _ := ParseEncoding("UTF-8")
	wantErr(t, utf.Check(gb), apperr.Invalid, "encoding")
	cp, _ := ParseEncoding("CP936")
	if err := cp.Check(gb); err != nil {
		t.Fatal(err)
	}
	if err := cp.Check([][]byte{{0xd3, 0xc0, 0xff}}); err == nil {
		t.Fatal("an invalid GBK byte passed")
	}
}
