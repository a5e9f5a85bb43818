package coordfile

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// Header keys that fix the coordinate system.
const (
	keyDatum = "坐标系"
	keyWidth = "几度分带"
	keyZone  = "带号"
)

// fileCRS settles the file's CRS: the coordinates' magnitude gives the system, and the header must
// agree with it. The datum cannot be seen in the numbers (Xi'an 1980 and CGCS2000 differ by tens of
// metres), so only a header saying CGCS2000, or the caller's override, lets a file in.
func fileCRS(f *File, raws []rawParcel, attrLines map[string]int, declared string, ps *problems) geodesy.Guess {
	b := geodesy.Bounds{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
	for _, rp := range raws {
		if !rp.fits {
			continue
		}
		for _, pt := range rp.points {
			b.MinX, b.MaxX = min(b.MinX, pt.X), max(b.MaxX, pt.X)
			b.MinY, b.MaxY = min(b.MinY, pt.Y), max(b.MaxY, pt.Y)
		}
	}
	got, err := geodesy.DetectCRS(b)
	if err != nil || !got.Swapped || got.ZoneWidth == 0 {
		// Each of these parcels fits on its own (checkParcel said so), so they fit different systems.
		ps.add(0, "crs", fmt.Sprintf("the parcels' coordinates (%s) are not all in one coordinate system", b),
			fmt.Sprintf("各地块坐标（%s）不在同一坐标系中，请检查带号", b))
		return got
	}
	if declared != "" {
		d, err := geodesy.DeclaredCRS(declared)
		if err != nil {
			e, _ := apperr.As(err)
			ps.list = append(ps.list, problem{0, e.Fields[0]})
			return got
		}
		if d.CRS != got.CRS {
			ps.add(0, "crs", fmt.Sprintf("the declared %s does not fit the coordinates, which look like EPSG:%d (%s)", declared, got.EPSG, got.Reason),
				fmt.Sprintf("指定的坐标系 %s 与坐标不符，坐标看来是 EPSG:%d（%s）", declared, got.EPSG, got.ReasonZh))
			return got
		}
		d.Swapped = true
		d.Reason += "; the header's 坐标系 is not used. " + got.Reason
		d.ReasonZh += "，未采用文件头中的坐标系。" + got.ReasonZh
		return d
	}
	checkDatum(f.Attr(keyDatum), attrLines[keyDatum], ps)
	checkHeaderInt(f, attrLines, keyWidth, got.ZoneWidth, got, ps)
	checkHeaderInt(f, attrLines, keyZone, got.Zone, got, ps)
	got.Reason = fmt.Sprintf("the header says %s=%s, %s=%s, %s=%s; %s", keyDatum, f.Attr(keyDatum), keyWidth, f.Attr(keyWidth), keyZone, f.Attr(keyZone), got.Reason)
	got.ReasonZh = fmt.Sprintf("文件头为 %s=%s、%s=%s、%s=%s；%s", keyDatum, f.Attr(keyDatum), keyWidth, f.Attr(keyWidth), keyZone, f.Attr(keyZone), got.ReasonZh)
	return got
}

// checkDatum accepts only CGCS2000 by name; Xi'an 1980 and Beijing 1954 are refused with the reason.
func checkDatum(v string, line int, ps *problems) {
	u := strings.ToUpper(v)
	field := "crs"
	if line > 0 {
		field = lineField(line)
	}
	switch {
	case v == "":
		ps.add(line, field, "the header gives no 坐标系, and the datum cannot be told from the coordinates (Xi'an 1980 and CGCS2000 look alike): give the CRS explicitly",
			"文件头缺少“坐标系”，仅凭坐标无法区分 1980 西安坐标系与 2000 国家大地坐标系，请手动指定坐标系")
	case strings.Contains(u, "2000") || strings.Contains(u, "CGCS"):
	case strings.Contains(v, "西安") || strings.Contains(u, "XIAN") || strings.Contains(u, "80"):
		ps.add(line, field, fmt.Sprintf("line %d: 坐标系=%s is Xi'an 1980, tens of metres from CGCS2000 without the county's (unpublished) parameters: convert the file to CGCS2000, or override the CRS knowingly", line, v),
			fmt.Sprintf("第 %d 行：坐标系为“%s”（1980 西安坐标系），与 2000 国家大地坐标系相差数十米，请先转换为 2000 国家大地坐标系，或在确知误差的情况下手动指定坐标系", line, v))
	case strings.Contains(v, "北京") || strings.Contains(u, "BEIJING") || strings.Contains(u, "54"):
		ps.add(line, field, fmt.Sprintf("line %d: 坐标系=%s is Beijing 1954, not CGCS2000: convert the file to CGCS2000, or override the CRS knowingly", line, v),
			fmt.Sprintf("第 %d 行：坐标系为“%s”（1954 北京坐标系），不是 2000 国家大地坐标系，请先转换，或在确知误差的情况下手动指定坐标系", line, v))
	default:
		ps.add(line, field, fmt.Sprintf("line %d: unknown 坐标系 %s: expected 2000国家大地坐标系", line, apperr.Quote(v)),
			fmt.Sprintf("第 %d 行：无法识别的坐标系“%s”，应为 2000国家大地坐标系", line, v))
	}
}

// checkHeaderInt refuses a 几度分带 or 带号 that contradicts the coordinates (an absent one is
// taken from them).
func checkHeaderInt(f *File, attrLines map[string]int, key string, want int, got geodesy.Guess, ps *problems) {
	v := f.Attr(key)
	if v == "" {
		return
	}
	line := attrLines[key]
	if n, err := strconv.Atoi(v); err != nil || n != want {
		ps.add(line, lineField(line), fmt.Sprintf("line %d: the header says %s=%s, but the coordinates are in %d° zone %d (%s)", line, key, v, got.ZoneWidth, got.Zone, got.Reason),
			fmt.Sprintf("第 %d 行：文件头 %s=%s 与坐标不符，坐标位于 %d 度带第 %d 带（%s）", line, key, v, got.ZoneWidth, got.Zone, got.ReasonZh))
	}
}
