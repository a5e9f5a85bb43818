package geodesy

import (
	"fmt"
	"math"

	"github.com/pingyang/parkmap/apperr"
)

// The 6-degree CGCS2000 Gauss-Krüger systems of zone 20 (central meridian 117°E), in which some older
// county files still come. ParseCRS does not accept them (the eligibility check takes only the four
// systems above); imports do, through DetectCRS and DeclaredCRS, and PostGIS transforms both.
const (
	CRSGK6Zone20 = "EPSG:4498" // CGCS2000 / Gauss-Kruger zone 20, eastings 20,8xx,xxx
	CRSGK6CM117  = "EPSG:4509" // CGCS2000 / Gauss-Kruger CM 117E, eastings 8xx,xxx
)

// Bounds is the extent of a file's coordinates in its own units and axis order: X is whatever the
// file gives first (a northing in 部标 files and Chinese tables, an easting or longitude elsewhere).
type Bounds struct{ MinX, MinY, MaxX, MaxY float64 }

// Guess is a coordinate reference system chosen for a file, and why, so that an import preview can
// show the user what was assumed before anything is published.
type Guess struct {
	CRS  string // one of the CRS* ids
	EPSG int    // the EPSG code (4326, 4490, 4528, 4549, 4498, 4509); GCJ-02 has none (0)
	// Swapped is true when the file gives the northing (or latitude) first: normal for 部标 files
	// and Chinese coordinate tables, a mistake in GeoJSON. The caller swaps before storing.
	Swapped bool
	// Zone and ZoneWidth are the Gauss-Krüger zone number and width in degrees (40 and 3, or 20 and
	// 6) for the projected systems, whether or not the coordinates carry the zone prefix; 0 for lon/lat.
	Zone, ZoneWidth  int
	Reason, ReasonZh string
}

// extent is where Pingyang's coordinates fall in one CRS. The ranges are those of the box 119.9–121.3°E,
// 27.3–27.9°N (the county, about 120.07–121.13°E and 27.43–27.77°N including its islands, with some
// 15 km to spare), computed once at development time with PostGIS 3.3 / PROJ on a 0.05° grid over
// the box:
//
//	SELECT srid, min(ST_X(p)), max(ST_X(p)), min(ST_Y(p)), max(ST_Y(p)) FROM ...
//	  ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), srid) p ...
//
// (proj strings from spatial_ref_sys: +proj=tmerc +lon_0=120 +x_0=40500000 for 4528, +x_0=500000 for
// 4549, +lon_0=117 +x_0=20500000 for 4498, +x_0=500000 for 4509, all +k=1 +ellps=GRS80.) The easting
// ranges of the five systems do not overlap one another or any northing range, so at most one fits.
type extent struct {
	crs                    string
	epsg, zone, width      int
	minE, maxE, minN, maxN float64
	en, zh                 string
}

var pingyangExtents = []extent{
	{CRSWGS84, 4326, 0, 0, 119.9, 121.3, 27.3, 27.9, "longitude/latitude in degrees (WGS84 or CGCS2000)", "经纬度（度，WGS84 或 CGCS2000）"},
	{CRSGK40, 4528, 40, 3, 40490101, 40628694, 3020872, 3088039, "CGCS2000 3° Gauss-Krüger zone 40, eastings with the 40 prefix", "CGCS2000 3 度带高斯-克吕格第 40 带，横坐标带 40 带号"},
	{CRSGKCM120, 4549, 40, 3, 490101, 628694, 3020872, 3088039, "CGCS2000 3° Gauss-Krüger CM 120°E, eastings without a zone prefix", "CGCS2000 3 度带高斯-克吕格中央经线 120°E，横坐标不带带号"},
	{CRSGK6Zone20, 4498, 20, 6, 20785581, 20925891, 3024207, 3094806, "CGCS2000 6° Gauss-Krüger zone 20, eastings with the 20 prefix", "CGCS2000 6 度带高斯-克吕格第 20 带，横坐标带 20 带号"},
	{CRSGK6CM117, 4509, 20, 6, 785581, 925891, 3024207, 3094806, "CGCS2000 6° Gauss-Krüger CM 117°E, eastings without a zone prefix", "CGCS2000 6 度带高斯-克吕格中央经线 117°E，横坐标不带带号"},
}

// DetectCRS guesses the CRS of coordinates from their magnitude alone, for files that do not say
// (no .prj, a bare table): the county lies in one small box, and each candidate system puts that box
// in its own distinct range of numbers. It also reports a swapped axis order (northing first).
// GCJ-02 is never guessed: its offset (about 500 m) is far too small to tell from WGS84 by
// magnitude, so it must be declared by the user (DeclaredCRS "GCJ02" / "高德"). Likewise CGCS2000
// and WGS84 lon/lat cannot be told apart (they agree to centimetres), so lon/lat is reported as 4326.
// Coordinates that fit no system are an Invalid error on field "crs" asking for an override.
func DetectCRS(b Bounds) (Guess, error) {
	for _, v := range []float64{b.MinX, b.MinY, b.MaxX, b.MaxY} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Guess{}, crsError("the coordinates are not finite numbers, so no CRS can be detected; give the CRS explicitly",
				"坐标不是有效数字，无法判断坐标系，请手动指定坐标系")
		}
	}
	for _, e := range pingyangExtents {
		switch {
		case e.fits(b.MinX, b.MaxX, b.MinY, b.MaxY):
			return e.guess(false, b), nil
		case e.fits(b.MinY, b.MaxY, b.MinX, b.MaxX):
			return e.guess(true, b), nil
		}
	}
	return Guess{}, crsError(fmt.Sprintf("coordinates %s fit no CRS in which Pingyang lies (lon/lat, CGCS2000 3° GK zone 40 with or without the 40 prefix, 6° GK zone 20 with or without the 20 prefix); give the CRS explicitly (e.g. crs=EPSG:4528)", b),
		fmt.Sprintf("坐标范围 %s 不符合平阳县在任何常用坐标系下的范围（经纬度、CGCS2000 3 度带第 40 带带或不带带号、6 度带第 20 带带或不带带号），请手动指定坐标系（如 EPSG:4528）", b))
}

func (e extent) fits(minE, maxE, minN, maxN float64) bool {
	return minE >= e.minE && maxE <= e.maxE && minN >= e.minN && maxN <= e.maxN
}

func (e extent) guess(swapped bool, b Bounds) Guess {
	g := Guess{CRS: e.crs, EPSG: e.epsg, Swapped: swapped, Zone: e.zone, ZoneWidth: e.width}
	g.Reason = fmt.Sprintf("coordinates %s lie where Pingyang does in %s (EPSG:%d)", b, e.en, e.epsg)
	g.ReasonZh = fmt.Sprintf("坐标范围 %s 与平阳县在%s（EPSG:%d）下的范围一致", b, e.zh, e.epsg)
	if swapped {
		what, whatZh := "the northing", "纵坐标（北向）"
		if e.width == 0 {
			what, whatZh = "the latitude", "纬度"
		}
		g.Reason += fmt.Sprintf("; the axes are swapped: X is %s (as 部标 files and Chinese tables give it)", what)
		g.ReasonZh += fmt.Sprintf("；坐标轴顺序颠倒：X 为%s（部标坐标文件和国内坐标表的惯例）", whatZh)
	}
	return g
}

// String prints bounds for messages, to the metre (or 1e-6° for degrees).
func (b Bounds) String() string {
	prec := 0
	if math.Abs(b.MaxX) < 1000 && math.Abs(b.MaxY) < 1000 {
		prec = 6
	}
	return fmt.Sprintf("X %.*f…%.*f, Y %.*f…%.*f", prec, b.MinX, prec, b.MaxX, prec, b.MinY, prec, b.MaxY)
}

func crsError(en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: "crs", Message: en, MessageZh: zh}})
}
