package coordfile

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
)

// problem is a FieldError with the line it concerns, so that the report reads in file order.
type problem struct {
	line int
	apperr.FieldError
}

// problems collects every fault in a file, capped, so that one Parse reports them all at once.
type problems struct{ list []problem }

func (ps *problems) add(line int, field, en, zh string) {
	if len(ps.list) < maxProblems {
		ps.list = append(ps.list, problem{line, apperr.FieldError{Field: field, Message: en, MessageZh: zh}})
	}
}

// atLine reports a fault of one line.
func (ps *problems) atLine(line int, en, zh string) {
	ps.add(line, lineField(line), fmt.Sprintf("line %d: %s", line, en), fmt.Sprintf("第 %d 行：%s", line, zh))
}

func (ps *problems) fieldErrors() []apperr.FieldError {
	slices.SortStableFunc(ps.list, func(a, b problem) int { return cmp.Compare(a.line, b.line) })
	out := make([]apperr.FieldError, len(ps.list))
	for i, p := range ps.list {
		out[i] = p.FieldError
	}
	return out
}

func lineField(line int) string { return "line " + strconv.Itoa(line) }

// rawParcel is a parcel as read, before its points are checked and made into rings.
type rawParcel struct {
	Parcel
	points []rawPoint
	// badPoints counts point lines that did not parse: they still count against 界址点数, but the
	// parcel's rings are not checked further (each would report the same fault again).
	badPoints int
	// fits is set once the parcel's coordinates fit a Gauss-Krüger system with X the northing, so
	// that the header can be checked against them even when other parcels have faults.
	fits bool
}

type rawPoint struct {
	Point
	ring int
}

// Parse reads a coordinate file, detecting its encoding and checking its header against its
// coordinates; see ParseWith.
func Parse(r io.Reader) (*File, error) { return ParseWith(r, Options{}) }

// ParseWith reads a coordinate file. Every problem is reported at once, as an apperr.Fields error
// whose fields name the line ("line 12") or the parcel ("parcel DK-3"), so that the person who made
// the file can fix them all in one go; nothing is returned then, since a half-read file must not be
// imported. Problems that do not stop an import come back as File.Warnings.
func ParseWith(r io.Reader, opt Options) (*File, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, err
	}
	text, enc, why, err := decode(b, opt.Encoding)
	if err != nil {
		return nil, err
	}
	f := &File{Encoding: enc, EncodingReason: why}
	var ps problems
	attrLines := map[string]int{}
	raws := readLines(text, f, attrLines, &ps)
	seen := map[string]int{}
	for i := range raws {
		rp := &raws[i]
		if rp.ID != "" {
			if first, dup := seen[rp.ID]; dup {
				ps.add(rp.Line, parcelField(rp.Parcel), fmt.Sprintf("line %d: parcel id %s already used on line %d", rp.Line, apperr.Quote(rp.ID), first),
					fmt.Sprintf("第 %d 行：地块编号 %s 与第 %d 行重复", rp.Line, rp.ID, first))
			} else {
				seen[rp.ID] = rp.Line
			}
		}
		checkParcel(rp, &ps)
		f.Parcels = append(f.Parcels, rp.Parcel)
	}
	if slices.ContainsFunc(raws, func(rp rawParcel) bool { return rp.fits }) {
		f.CRS = fileCRS(f, raws, attrLines, opt.CRS, &ps)
	}
	if len(ps.list) > 0 {
		return nil, apperr.Fields(ps.fieldErrors())
	}
	areaWarnings(f)
	return f, nil
}

// readLines splits the text into sections and parcels, recording every malformed line.
func readLines(text string, f *File, attrLines map[string]int, ps *problems) []rawParcel {
	var raws []rawParcel
	section, sawParcels := "", false
	// CRLF, LF and the lone CR of old Mac tools all end a line; a CR left inside a value would make
	// a file that cannot be written back.
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.TrimSpace(line[1 : len(line)-1])
			switch section {
			case SectionAttributes:
			case SectionParcels:
				sawParcels = true
			default:
				ps.atLine(n, fmt.Sprintf("unknown section %s: a coordinate file has only [属性描述] and [地块坐标]", apperr.Quote(line)),
					fmt.Sprintf("未知的节 %s，坐标文件只有 [属性描述] 和 [地块坐标] 两节", line))
			}
			continue
		}
		switch section {
		case SectionAttributes:
			k, v, ok := strings.Cut(line, "=")
			if !ok || strings.TrimSpace(k) == "" {
				ps.atLine(n, "expected key=value in [属性描述]", "[属性描述] 中每行应为“名称=值”")
				continue
			}
			k = strings.TrimSpace(k)
			f.Attributes = append(f.Attributes, Attribute{k, strings.TrimSpace(v)})
			if _, dup := attrLines[k]; !dup {
				attrLines[k] = n
			}
		case SectionParcels:
			if strings.HasSuffix(line, "@") {
				raws = append(raws, readHeader(n, line, ps))
			} else if len(raws) == 0 {
				ps.atLine(n, "a point before any parcel header line (…,@)", "坐标点之前缺少地块信息行（以 ,@ 结尾）")
			} else if pt, ok := readPoint(n, line, ps); ok {
				raws[len(raws)-1].points = append(raws[len(raws)-1].points, pt)
			} else {
				raws[len(raws)-1].badPoints++
			}
		case "":
			ps.atLine(n, "text before the [属性描述] section", "[属性描述] 之前有多余内容")
		}
	}
	if !sawParcels {
		ps.add(0, "file", "the file has no [地块坐标] section: is it a 部标 coordinate file?", "文件缺少 [地块坐标] 节，请确认是部标坐标文件")
	} else if len(raws) == 0 {
		ps.add(0, "file", "the [地块坐标] section has no parcels", "[地块坐标] 中没有地块")
	}
	return raws
}

// readHeader parses 界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@.
func readHeader(n int, line string, ps *problems) rawParcel {
	rp := rawParcel{Parcel: Parcel{Line: n}}
	c := splitFields(line)
	if len(c) != 9 {
		ps.atLine(n, fmt.Sprintf("a parcel line has 9 comma-separated fields (界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@), this one %d", len(c)),
			fmt.Sprintf("地块信息行应有 9 项（界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@），此行为 %d 项", len(c)))
		return rp
	}
	rp.ID, rp.Name, rp.Shape, rp.Sheet, rp.Use, rp.LandClass = c[2], c[3], c[4], c[5], c[6], c[7]
	var err error
	if rp.PointCount, err = strconv.Atoi(c[0]); err != nil || rp.PointCount < 0 {
		ps.atLine(n, fmt.Sprintf("界址点数 %s is not a whole number", apperr.Quote(c[0])), fmt.Sprintf("界址点数“%s”不是整数", c[0]))
	}
	if c[1] != "" {
		if rp.AreaHa, err = number(c[1]); err != nil || rp.AreaHa < 0 {
			ps.atLine(n, fmt.Sprintf("地块面积 %s is not a number of 公顷", apperr.Quote(c[1])), fmt.Sprintf("地块面积“%s”不是有效数字（单位公顷）", c[1]))
		}
	}
	return rp
}

// readPoint parses 点号,圈号,X,Y.
func readPoint(n int, line string, ps *problems) (rawPoint, bool) {
	c := splitFields(line)
	if len(c) != 4 {
		ps.atLine(n, fmt.Sprintf("a point line has 4 fields (点号,圈号,X,Y), this one %d", len(c)), fmt.Sprintf("坐标点行应有 4 项（点号,圈号,X,Y），此行为 %d 项", len(c)))
		return rawPoint{}, false
	}
	pt := rawPoint{Point: Point{Line: n, No: c[0]}}
	ok := true
	var err error
	if pt.ring, err = strconv.Atoi(c[1]); err != nil || pt.ring < 1 {
		ps.atLine(n, fmt.Sprintf("圈号 %s is not a whole number from 1", apperr.Quote(c[1])), fmt.Sprintf("圈号“%s”应为从 1 起的整数", c[1]))
		ok = false
	}
	if pt.X, err = number(c[2]); err != nil {
		ps.atLine(n, fmt.Sprintf("X %s is not a number", apperr.Quote(c[2])), fmt.Sprintf("X 坐标“%s”不是有效数字", c[2]))
		ok = false
	}
	if pt.Y, err = number(c[3]); err != nil {
		ps.atLine(n, fmt.Sprintf("Y %s is not a number", apperr.Quote(c[3])), fmt.Sprintf("Y 坐标“%s”不是有效数字", c[3]))
		ok = false
	}
	return pt, ok
}

// splitFields splits on commas, also the full-width ones Chinese input methods type, and trims.
func splitFields(line string) []string {
	c := strings.Split(strings.ReplaceAll(line, "，", ","), ",")
	for i := range c {
		c[i] = strings.TrimSpace(c[i])
	}
	return c
}

// number parses a finite decimal: ParseFloat alone would take "NaN", "Inf" and hex floats.
func number(s string) (float64, error) {
	if s == "" || strings.ContainsAny(s, "xXnNiIpP_") {
		return 0, fmt.Errorf("not a decimal number: %q", s)
	}
	return strconv.ParseFloat(s, 64)
}
