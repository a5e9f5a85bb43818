package intake

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Charset names a text encoding as GDAL's SHAPE_ENCODING and ogr2ogr's -oo ENCODING take it.
type Charset string

// The charsets Chinese survey data comes in. GB18030 is a superset of GBK, itself a superset of
// GB2312; GBK is named when it suffices because older tools (and .cpg readers) know it better.
const (
	UTF8    Charset = "UTF-8"
	GBK     Charset = "GBK"
	GB18030 Charset = "GB18030"
)

// Encoding is the charset chosen for an upload's text and why, in English and Chinese, for the
// import's preview and its version history.
type Encoding struct {
	Charset  Charset
	Reason   string
	ReasonZh string
}

// plausibleShare is how much of the non-ASCII text must be Chinese (or the punctuation and symbols
// Chinese data uses) for a decoding to count as clean: mojibake decodes to rare or foreign letters.
const plausibleShare = 0.9

// ParseEncoding reads a user's override or a .cpg. CP936 and 936 are Windows' names for GBK;
// GB2312 files are read as GBK, which contains it.
func ParseEncoding(override string) (Encoding, error) {
	s := strings.ToUpper(strings.TrimSpace(override))
	s = strings.NewReplacer("_", "", "-", "", " ", "").Replace(s)
	var c Charset
	switch s {
	case "UTF8", "65001":
		c = UTF8
	case "GBK", "CP936", "936", "MS936", "WINDOWS936", "GB2312", "EUCCN":
		c = GBK
	case "GB18030", "54936":
		c = GB18030
	default:
		return Encoding{}, apperr.Fields([]apperr.FieldError{{Field: "encoding",
			Message:   fmt.Sprintf("unknown encoding %s: use UTF-8, GBK (CP936) or GB18030", apperr.Quote(override)),
			MessageZh: fmt.Sprintf("未知的编码 %s：请使用 UTF-8、GBK（CP936）或 GB18030", apperr.Quote(override))}})
	}
	return Encoding{Charset: c, Reason: fmt.Sprintf("given as %s", apperr.Quote(override)),
		ReasonZh: fmt.Sprintf("指定为 %s", apperr.Quote(override))}, nil
}

// DetectEncoding decides the charset of raw text samples (a .dbf's values and field names): strict
// UTF-8 first, then GBK, then GB18030, choosing one only when it decodes every sample cleanly. It
// refuses (400, field "encoding", asking for an override) rather than guess, because a wrong guess
// is stored as mojibake that no later step can tell from data.
func DetectEncoding(samples [][]byte) (Encoding, error) {
	ascii := true
	for _, s := range samples {
		for _, b := range s {
			if b >= 0x80 {
				ascii = false
			}
		}
	}
	if ascii {
		return Encoding{Charset: UTF8, Reason: "the text is all ASCII, which UTF-8 and GBK read alike",
			ReasonZh: "文本均为 ASCII 字符，UTF-8 与 GBK 读法相同"}, nil
	}
	u, uok := judge(samples, nil)
	g, gok := judge(samples, simplifiedchinese.GBK)
	switch {
	case uok && u.share >= plausibleShare:
		return Encoding{Charset: UTF8,
			Reason:   fmt.Sprintf("every sample is valid UTF-8 (%d non-ASCII characters, %.0f%% Chinese)", u.nonASCII, 100*u.share),
			ReasonZh: fmt.Sprintf("全部样本均为合法 UTF-8（非 ASCII 字符 %d 个，%.0f%% 为中文）", u.nonASCII, 100*u.share)}, nil
	case uok && gok && g.share >= plausibleShare:
		return Encoding{}, ambiguous("it is valid UTF-8 but reads as Chinese only in GBK",
			"按 UTF-8 可读但不像中文，按 GBK 读才是中文")
	case uok:
		return Encoding{Charset: UTF8,
			Reason:   fmt.Sprintf("every sample is valid UTF-8 (%d non-ASCII characters, not Chinese)", u.nonASCII),
			ReasonZh: fmt.Sprintf("全部样本均为合法 UTF-8（非 ASCII 字符 %d 个，非中文）", u.nonASCII)}, nil
	case gok && g.share >= plausibleShare:
		return Encoding{Charset: GBK,
			Reason:   fmt.Sprintf("not valid UTF-8; every sample decodes cleanly as GBK (%d characters, %.0f%% Chinese)", g.nonASCII, 100*g.share),
			ReasonZh: fmt.Sprintf("不是合法的 UTF-8；全部样本按 GBK 解码无误（%d 个字符，%.0f%% 为中文）", g.nonASCII, 100*g.share)}, nil
	}
	if x, ok := judge(samples, simplifiedchinese.GB18030); ok && x.share >= plausibleShare {
		return Encoding{Charset: GB18030,
			Reason:   fmt.Sprintf("not valid UTF-8 or GBK; every sample decodes cleanly as GB18030 (%d characters, %.0f%% Chinese)", x.nonASCII, 100*x.share),
			ReasonZh: fmt.Sprintf("不是合法的 UTF-8 或 GBK；全部样本按 GB18030 解码无误（%d 个字符，%.0f%% 为中文）", x.nonASCII, 100*x.share)}, nil
	}
	return Encoding{}, ambiguous("it decodes cleanly as neither UTF-8 nor GBK/GB18030",
		"按 UTF-8 和 GBK/GB18030 均无法正确解码")
}

// Check says whether samples decode cleanly in e's charset, for a charset that was given rather
// than detected (a .cpg, a user's override): a .cpg that says UTF-8 on a GBK table is common, and
// believing it would store mojibake. Only cleanness is checked; whether the text reads as Chinese
// is the user's call once they have chosen.
func (e Encoding) Check(samples [][]byte) error {
	var enc encoding.Encoding
	switch e.Charset {
	case UTF8:
	case GBK:
		enc = simplifiedchinese.GBK
	case GB18030:
		enc = simplifiedchinese.GB18030
	default:
		return fmt.Errorf("intake: check: unknown charset %q", e.Charset)
	}
	if _, ok := judge(samples, enc); !ok {
		return apperr.Fields([]apperr.FieldError{{Field: "encoding",
			Message:   fmt.Sprintf("the text is not valid %s (%s); choose another encoding", e.Charset, e.Reason),
			MessageZh: fmt.Sprintf("文本不是合法的 %s 编码（%s），请选择其他编码", e.Charset, e.ReasonZh)}})
	}
	return nil
}

func ambiguous(why, whyZh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: "encoding",
		Message:   "the text encoding cannot be decided (" + why + "); choose one: UTF-8, GBK or GB18030",
		MessageZh: "无法判断文本编码（" + whyZh + "），请指定编码：UTF-8、GBK 或 GB18030"}})
}

// verdict is how a decoding read the samples: its non-ASCII rune count and the share of them that
// Chinese text uses.
type verdict struct {
	nonASCII int
	share    float64
}

// judge decodes every sample with enc (nil: strict UTF-8) and says whether all decoded cleanly: no
// invalid sequence (a replacement character), no C0 or C1 control character beyond tab and line ends.
func judge(samples [][]byte, enc encoding.Encoding) (verdict, bool) {
	var v verdict
	good := 0
	for _, s := range samples {
		text := string(s)
		if enc == nil {
			if !utf8.Valid(s) {
				return v, false
			}
		} else {
			d, err := enc.NewDecoder().Bytes(s)
			if err != nil {
				return v, false
			}
			text = string(d)
		}
		for _, r := range text {
			switch {
			case r == utf8.RuneError:
				return v, false
			case r == '\t' || r == '\n' || r == '\r':
			case r < 0x20 || (r >= 0x7f && r < 0xa0):
				return v, false
			case r < 0x80:
			default:
				v.nonASCII++
				if chinese(r) {
					good++
				}
			}
		}
	}
	if v.nonASCII > 0 {
		v.share = float64(good) / float64(v.nonASCII)
	}
	return v, true
}

// chinese says whether r is what Chinese survey text is made of: ideographs, CJK and full-width
// punctuation, units (㎡), circled numbers, the symbols of measurement and pinyin with tone marks.
func chinese(r rune) bool {
	switch {
	case r >= 0x4e00 && r <= 0x9fff, r >= 0x3400 && r <= 0x4dbf, r >= 0xf900 && r <= 0xfaff,
		r >= 0x20000 && r <= 0x3134f,                           // ideographs: unified, extension A, compatibility, B-G
		r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef, // CJK and full-width punctuation
		r >= 0x3300 && r <= 0x33ff, r >= 0x2460 && r <= 0x24ff, r >= 0x3200 && r <= 0x32ff, // ㎡, ①, ㈠
		r >= 0x2000 && r <= 0x206f, r >= 0x2100 && r <= 0x22ff, // —…‰, ℃ № Ⅰ, arrows, ≤ ≥ ∑
		r >= 0x2500 && r <= 0x25ff, // box drawing and shapes (■ □ ▲)
		strings.ContainsRune("°±·×÷§¤", r),
		strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜêńňǹɑɡ", r):
		return true
	}
	return false
}
