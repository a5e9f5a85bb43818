package coordfile

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// DefaultAttributes is the [属性描述] Write gives a file that has none: CGCS2000 3° zone 40 in metres,
// as the county's approval files are.
func DefaultAttributes(g geodesy.Guess, producer, date string) []Attribute {
	return []Attribute{
		{"格式版本号", "1.0"}, {"数据产生单位", producer}, {"数据产生日期", date},
		{keyDatum, "2000国家大地坐标系"}, {keyWidth, strconv.Itoa(g.ZoneWidth)}, {"投影类型", "高斯克吕格"},
		{"计量单位", "米"}, {keyZone, strconv.Itoa(g.Zone)}, {"精度", "0.001"}, {"转换参数", ",,,,,,"},
	}
}

// Write exports f as a coordinate file with CRLF line ends (what the approval systems' Windows tools
// expect), from each parcel's Geometry, so that an export can start from stored shapes: points are
// numbered J1, J2… per parcel, each ring closes on its first point, X is the northing and Y the
// easting in f.CRS's units to the millimetre. A parcel must be one polygon (the format has one outer
// ring per parcel); a multi-part parcel is an Invalid error naming it. GBK output refuses text that
// GBK cannot hold rather than writing '?'.
func Write(w io.Writer, f *File, enc Encoding) error {
	if f.CRS.ZoneWidth == 0 {
		return apperr.Fields([]apperr.FieldError{{Field: "crs", Message: "a coordinate file holds Gauss-Krüger metres: transform to EPSG:4528 or EPSG:4549 first",
			MessageZh: "部标坐标文件只能存放高斯-克吕格投影坐标（米），请先转换为 EPSG:4528 或 EPSG:4549"}})
	}
	var sb strings.Builder
	line := func(s string) { sb.WriteString(s); sb.WriteString("\r\n") }
	line("[" + SectionAttributes + "]")
	attrs := f.Attributes
	if len(attrs) == 0 {
		attrs = DefaultAttributes(f.CRS, "", "")
	}
	for _, a := range attrs {
		if a.Key == "" || strings.HasPrefix(a.Key, "[") || bad(a.Key, "=") || bad(a.Value, "") {
			return writeError("attribute "+a.Key, "an attribute may not hold a line break, and its key must be non-empty, without '=' and not start with '['", "属性名称或值中不能含换行符，名称不能为空、不能含“=”、不能以“[”开头")
		}
		line(a.Key + "=" + a.Value)
	}
	line("[" + SectionParcels + "]")
	for _, p := range f.Parcels {
		if len(p.Geometry) != 1 || len(p.Geometry[0]) == 0 {
			return writeError(parcelField(p), fmt.Sprintf("parcel %s has %d parts: the format holds one outer ring per parcel, split it", p.ID, len(p.Geometry)),
				fmt.Sprintf("地块 %s 由 %d 个部分组成，部标坐标文件每个地块只能有一个外环，请拆分", p.ID, len(p.Geometry)))
		}
		for _, s := range []string{p.ID, p.Name, p.Shape, p.Sheet, p.Use, p.LandClass} {
			if bad(s, ",，@") {
				return writeError(parcelField(p), "a parcel's fields may not hold a comma, '@' or a line break", "地块信息中不能含逗号、“@”或换行符")
			}
		}
		var pts []string
		n := 0
		for ri, ring := range p.Geometry[0] {
			if len(ring) > 1 && ring[0] != ring[len(ring)-1] {
				ring = append(ring[:len(ring):len(ring)], ring[0])
			}
			for i, pt := range ring {
				no := n + i + 1
				if i == len(ring)-1 {
					no = n + 1
				}
				pts = append(pts, fmt.Sprintf("J%d,%d,%.3f,%.3f", no, ri+1, pt[1], pt[0]))
			}
			n += len(ring) - 1
		}
		shape := p.Shape
		if shape == "" {
			shape = "面"
		}
		line(fmt.Sprintf("%d,%s,%s,%s,%s,%s,%s,%s,@", len(pts), strconv.FormatFloat(p.AreaHa, 'f', -1, 64), p.ID, p.Name, shape, p.Sheet, p.Use, p.LandClass))
		for _, s := range pts {
			line(s)
		}
	}
	return encodeTo(w, sb.String(), enc)
}

func bad(s, extra string) bool { return strings.ContainsAny(s, "\r\n"+extra) }

func encodeTo(w io.Writer, s string, enc Encoding) error {
	switch enc {
	case UTF8, "":
		bw := bufio.NewWriter(w)
		if _, err := bw.WriteString(s); err != nil {
			return fmt.Errorf("write coordinate file: %w", err)
		}
		return bw.Flush()
	case GBK:
		out, _, err := transform.String(simplifiedchinese.GBK.NewEncoder(), s)
		if err != nil {
			return writeError("encoding", "the text holds characters that GBK cannot encode: export as UTF-8", "内容含有 GBK 无法表示的字符，请改用 UTF-8 导出")
		}
		if _, err := io.WriteString(w, out); err != nil {
			return fmt.Errorf("write coordinate file: %w", err)
		}
		return nil
	}
	return writeError("encoding", fmt.Sprintf("unknown encoding %s: use UTF-8 or GBK", apperr.Quote(string(enc))), "编码只能为 UTF-8 或 GBK")
}

func writeError(field, en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}
