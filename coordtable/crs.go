package coordtable

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// decideCRS settles the table's CRS and which coordinate column is the northing (or latitude). The
// coordinates' magnitude tells the system and the axis order (the county lies in one small box in
// each); a user's declaration wins, but coordinates that clearly lie in another system are refused,
// as the 部标 reader refuses them. Columns whose names say the opposite order of what the numbers
// show are taken by the numbers, with a warning.
func (b *builder) decideCRS() (geodesy.Guess, bool, error) {
	p := b.l.pair
	got, derr := geodesy.DetectCRS(b.bounds)
	northFirst := p.northFirst
	var g geodesy.Guess
	if b.opt.CRS != "" {
		d, err := geodesy.DeclaredCRS(b.opt.CRS)
		if err != nil {
			return g, false, err
		}
		if derr == nil {
			if !compatible(d, got) {
				return g, false, fieldErr("crs", fmt.Sprintf("the declared %s does not fit the coordinates, which look like EPSG:%d (%s)", apperr.Quote(b.opt.CRS), got.EPSG, got.Reason),
					fmt.Sprintf("指定的坐标系 %s 与坐标不符，坐标看来是 EPSG:%d（%s）", b.opt.CRS, got.EPSG, got.ReasonZh))
			}
			northFirst = got.Swapped
			d.Reason += "; " + got.Reason
			d.ReasonZh += "；" + got.ReasonZh
		} else {
			d.Reason += fmt.Sprintf("; the coordinates (%s) lie outside Pingyang, so the axis order is the columns' names'", b.bounds)
			d.ReasonZh += fmt.Sprintf("；坐标（%s）不在平阳县范围内，坐标轴顺序按列名确定", b.bounds)
		}
		g = d
	} else {
		if derr != nil {
			return g, false, b.whichParcels(derr)
		}
		g, northFirst = got, got.Swapped
		if g.ZoneWidth != 0 {
			g.Reason += "; a table cannot name its datum, so CGCS2000 is assumed (Xi'an 1980 coordinates would be tens of metres off: declare and convert them first)"
			g.ReasonZh += "；坐标表无法注明大地基准，按 2000 国家大地坐标系处理（若为 1980 西安坐标系将偏差数十米，请先转换）"
		}
	}
	if p.first == roleLon && g.ZoneWidth != 0 {
		return g, false, fieldErr("crs", fmt.Sprintf("the 经度/纬度 columns hold projected metres (%s), not degrees: name them X and Y", b.bounds),
			fmt.Sprintf("经度/纬度列中是投影坐标（米）而不是经纬度（%s），请将列名改为 X 和 Y", b.bounds))
	}
	// X/Y in degrees come in either order (lon first is as common as lat first): no warning there.
	if northFirst != p.northFirst && !(p.first == roleX && g.ZoneWidth == 0) {
		first, second := b.l.cols[b.l.slot[p.first]].name, b.l.cols[b.l.slot[p.second]].name
		what, whatZh := "the easting", "横坐标（东向）"
		if northFirst {
			what, whatZh = "the northing", "纵坐标（北向）"
		}
		if g.ZoneWidth == 0 {
			what, whatZh = "the longitude", "经度"
			if northFirst {
				what, whatZh = "the latitude", "纬度"
			}
		}
		b.w.add("crs", fmt.Sprintf("the columns %s and %s look swapped: %s holds %s (as the county's extent shows), and is read so", first, second, first, what),
			fmt.Sprintf("%s 列与 %s 列疑似颠倒：按本县坐标范围判断，%s 列为%s，已按此读取", first, second, first, whatZh))
	}
	g.Swapped = northFirst
	return g, northFirst, nil
}

// compatible says whether a declared CRS fits the detected one: the same system, or lon/lat for
// lon/lat (WGS84, CGCS2000 and GCJ-02 cannot be told apart by magnitude).
func compatible(d, got geodesy.Guess) bool {
	return d.CRS == got.CRS || (got.ZoneWidth == 0 && (d.CRS == geodesy.CRSWGS84 || d.CRS == geodesy.CRSGCJ02))
}

// whichParcels names the parcels whose coordinates fit no system, when the table's as a whole do not
// (one mistyped digit in ten thousand rows must not leave the user searching): each parcel is tried
// alone, and if every one fits, they fit different systems. err is the table's own error, returned
// when the parcels tell nothing more.
func (b *builder) whichParcels(err error) error {
	crs := map[string]string{} // CRS → the first parcel in it
	for _, p := range b.parcels {
		bd := geodesy.Bounds{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
		for _, v := range p.vertices {
			bd.MinX, bd.MaxX = min(bd.MinX, v.a), max(bd.MaxX, v.a)
			bd.MinY, bd.MaxY = min(bd.MinY, v.b), max(bd.MaxY, v.b)
		}
		g, err := geodesy.DetectCRS(bd)
		if err != nil {
			b.parcelProblem(p, p.Row, fmt.Sprintf("its coordinates (%s) lie outside Pingyang in every CRS a table may use: check them, or give the CRS", bd),
				fmt.Sprintf("坐标（%s）不在平阳县范围内，请检查坐标或指定坐标系", bd))
			continue
		}
		if _, ok := crs[g.CRS]; !ok {
			crs[g.CRS] = p.ID
		}
	}
	if perr := b.ps.err(); perr != nil {
		return perr
	}
	if len(crs) > 1 {
		var parts []string
		for c, id := range crs {
			parts = append(parts, fmt.Sprintf("%s (%s)", id, c))
		}
		slices.Sort(parts)
		return fieldErr("crs", "the parcels' coordinates are not all in one coordinate system: "+strings.Join(parts, ", "),
			"各地块坐标不在同一坐标系中："+strings.Join(parts, "、")+"，请检查带号")
	}
	return err
}
