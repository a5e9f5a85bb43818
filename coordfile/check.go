package coordfile

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// areaTolerance is the relative difference between a parcel's stated 地块面积 and its boundary's
// area past which the preview warns: files round to 0.0001 公顷, far inside it, so a larger gap means
// the area or the points belong to another parcel (or another CRS).
const areaTolerance = 0.01

func parcelField(p Parcel) string {
	if p.ID == "" {
		return lineField(p.Line)
	}
	return "parcel " + p.ID
}

// parcelProblem reports a fault of one parcel, naming it and the line.
func parcelProblem(ps *problems, p Parcel, line int, en, zh string) {
	name := p.ID
	if name == "" {
		name = "(无编号)"
	}
	ps.add(line, parcelField(p), fmt.Sprintf("parcel %s, line %d: %s", name, line, en), fmt.Sprintf("地块 %s（第 %d 行）：%s", name, line, zh))
}

// checkParcel groups a parcel's points into rings, checks them and builds the geometry.
func checkParcel(rp *rawParcel, ps *problems) {
	p := &rp.Parcel
	if len(rp.points)+rp.badPoints == 0 {
		parcelProblem(ps, *p, p.Line, "the parcel has no points", "地块没有界址点")
		return
	}
	if p.Shape != "面" && p.Shape != "" {
		parcelProblem(ps, *p, p.Line, fmt.Sprintf("图形属性 %s: parkmap imports parcels as areas (面) only", apperr.Quote(p.Shape)),
			fmt.Sprintf("图形属性为“%s”，本系统只导入面状地块（面）", p.Shape))
	}
	if n := len(rp.points) + rp.badPoints; n != p.PointCount {
		parcelProblem(ps, *p, p.Line, fmt.Sprintf("界址点数 says %d points, the parcel has %d (closing points included)", p.PointCount, n),
			fmt.Sprintf("界址点数为 %d，实际有 %d 个点（含各圈闭合点），可能缺点或多点", p.PointCount, n))
	}
	if rp.badPoints > 0 || len(rp.points) == 0 {
		return
	}
	rings := map[int]bool{}
	for i, pt := range rp.points {
		if i == 0 || pt.ring != rp.points[i-1].ring {
			if rings[pt.ring] {
				parcelProblem(ps, *p, pt.Line, fmt.Sprintf("ring %d starts again after another ring", pt.ring), fmt.Sprintf("圈号 %d 的点不连续，中间夹有其他圈", pt.ring))
			}
			rings[pt.ring] = true
			p.Rings = append(p.Rings, Ring{Number: pt.ring})
		}
		r := &p.Rings[len(p.Rings)-1]
		r.Points = append(r.Points, pt.Point)
	}
	if p.Rings[0].Number != 1 {
		parcelProblem(ps, *p, p.Rings[0].Points[0].Line, fmt.Sprintf("ring %d (a hole) comes before the outer ring 1", p.Rings[0].Number),
			fmt.Sprintf("圈号 %d（内环）出现在外环（圈号 1）之前", p.Rings[0].Number))
	}
	checkPointNumbers(p, ps)
	b := geodesy.Bounds{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
	for _, r := range p.Rings {
		first, last := r.Points[0], r.Points[len(r.Points)-1]
		if len(r.Points) < 4 {
			parcelProblem(ps, *p, first.Line, fmt.Sprintf("ring %d has %d points: a closed ring needs at least 4 (3 corners and the first again)", r.Number, len(r.Points)),
				fmt.Sprintf("圈 %d 只有 %d 个点，闭合的圈至少需要 4 个点（3 个顶点加首点重复）", r.Number, len(r.Points)))
		} else if first.X != last.X || first.Y != last.Y {
			parcelProblem(ps, *p, last.Line, fmt.Sprintf("ring %d is not closed: its last point differs from its first (line %d)", r.Number, first.Line),
				fmt.Sprintf("圈 %d 未闭合：末点与首点（第 %d 行）坐标不同", r.Number, first.Line))
		}
		for _, pt := range r.Points {
			b.MinX, b.MaxX = min(b.MinX, pt.X), max(b.MaxX, pt.X)
			b.MinY, b.MaxY = min(b.MinY, pt.Y), max(b.MaxY, pt.Y)
		}
	}
	g, err := geodesy.DetectCRS(b)
	switch {
	case err != nil:
		parcelProblem(ps, *p, p.Line, fmt.Sprintf("the coordinates (%s) lie outside Pingyang in every CRS a coordinate file may use", b),
			fmt.Sprintf("坐标（%s）不在平阳县范围内，请检查坐标或坐标系", b))
	case g.ZoneWidth == 0:
		parcelProblem(ps, *p, p.Line, "the coordinates are degrees: a coordinate file gives Gauss-Krüger metres", "坐标为经纬度（度），部标坐标文件应为高斯-克吕格投影坐标（米）")
	case !g.Swapped:
		parcelProblem(ps, *p, p.Line, fmt.Sprintf("X and Y look swapped: X should be the northing (about 3,0xx,xxx m here) and Y the easting, but X is %.0f…%.0f", b.MinX, b.MaxX),
			fmt.Sprintf("X 与 Y 疑似颠倒：X 应为纵坐标（北向，本县约 3,0xx,xxx 米），Y 为横坐标，此处 X 为 %.0f…%.0f", b.MinX, b.MaxX))
	default:
		rp.fits = true
	}
	p.Geometry = orb.MultiPolygon{geometry(p.Rings)}
	p.ComputedHa = math.Abs(planar.Area(p.Geometry)) / 10000
}

// checkPointNumbers refuses a point without a number and a number used twice in a parcel; the one
// repeat allowed is a ring's last point closing on its first.
func checkPointNumbers(p *Parcel, ps *problems) {
	seen := map[string]int{}
	for _, r := range p.Rings {
		for i, pt := range r.Points {
			if pt.No == "" {
				parcelProblem(ps, *p, pt.Line, "the point has no 点号", "缺少点号")
				continue
			}
			if i == len(r.Points)-1 && i > 0 && pt.No == r.Points[0].No {
				continue
			}
			if first, dup := seen[pt.No]; dup {
				parcelProblem(ps, *p, pt.Line, fmt.Sprintf("点号 %s is used twice (first on line %d)", apperr.Quote(pt.No), first),
					fmt.Sprintf("点号 %s 重复（首次出现在第 %d 行）", pt.No, first))
				continue
			}
			seen[pt.No] = pt.Line
		}
	}
}

// geometry swaps each point to (easting, northing) and orients the rings: outer counter-clockwise,
// holes clockwise.
func geometry(rings []Ring) orb.Polygon {
	poly := make(orb.Polygon, 0, len(rings))
	for i, r := range rings {
		ring := make(orb.Ring, len(r.Points))
		for j, pt := range r.Points {
			ring[j] = orb.Point{pt.Y, pt.X}
		}
		if o := ring.Orientation(); (i == 0 && o == orb.CW) || (i > 0 && o == orb.CCW) {
			ring.Reverse()
		}
		poly = append(poly, ring)
	}
	return poly
}

// areaWarnings compares each stated 地块面积 with the boundary's planar area.
func areaWarnings(f *File) {
	for _, p := range f.Parcels {
		if p.AreaHa <= 0 || math.Abs(p.ComputedHa-p.AreaHa) <= areaTolerance*p.AreaHa {
			continue
		}
		f.Warnings = append(f.Warnings, apperr.FieldError{Field: parcelField(p),
			Message: fmt.Sprintf("parcel %s, line %d: 地块面积 %.4f 公顷 differs from the boundary's %.4f 公顷 by %.1f%%", p.ID, p.Line, p.AreaHa, p.ComputedHa,
				100*math.Abs(p.ComputedHa-p.AreaHa)/p.AreaHa),
			MessageZh: fmt.Sprintf("地块 %s（第 %d 行）：地块面积 %.4f 公顷与界址点围成的面积 %.4f 公顷相差 %.1f%%", p.ID, p.Line, p.AreaHa, p.ComputedHa,
				100*math.Abs(p.ComputedHa-p.AreaHa)/p.AreaHa)})
	}
}
