package geodesy

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/pingyang/parkmap/apperr"
)

// declaredAliases extends crsAliases with what people type when they override an import's CRS: the
// bare EPSG number, the datum's Chinese and English names, AMap's Chinese name. Keys are upper-cased
// with spaces, hyphens and underscores removed.
var declaredAliases = map[string]string{
	"CGCS2000": "EPSG:4490", "2000国家大地坐标系": "EPSG:4490", "国家2000": "EPSG:4490",
	"GCJ02": CRSGCJ02, "高德": CRSGCJ02, "AMAP": CRSGCJ02, "GAODE": CRSGCJ02, "火星坐标": CRSGCJ02,
	"WGS84": CRSWGS84, "CRS84": CRSWGS84, "OGC:CRS84": CRSWGS84,
	"EPSG:4498": CRSGK6Zone20, "EPSG:4509": CRSGK6CM117,
}

// otherDatums are datums a user may name but that parkmap cannot take: their offset from CGCS2000 is
// tens of metres and the county's own transformation parameters are not public, so converting
// silently would misplace every parcel.
var otherDatums = []string{"XIAN", "西安", "1980", "80", "BEIJING", "北京", "1954", "54"}

// DeclaredCRS parses the CRS a user gives to override detection ("EPSG:4528", "4549", "CGCS2000",
// "GCJ02"/"gcj-02"/"高德", "WGS84", "CRS84"). A declaration is the only way GCJ-02 is ever used, since
// DetectCRS cannot tell it from WGS84. Anything else is an Invalid error on field "crs"; Xi'an 1980
// and Beijing 1954 are refused with the reason.
func DeclaredCRS(name string) (Guess, error) {
	key := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '_' {
			return -1
		}
		return unicode.ToUpper(r)
	}, name)
	if key != "" && strings.Trim(key, "0123456789") == "" {
		key = "EPSG:" + key
	}
	id, ok := declaredAliases[key]
	if !ok {
		id, ok = crsAliases[key]
	}
	if !ok {
		id, ok = crsAliases[strings.ToUpper(strings.TrimSpace(name))]
	}
	if ok {
		return declaredGuess(id, key, name), nil
	}
	for _, d := range otherDatums {
		if !strings.HasPrefix(key, "EPSG:") && strings.Contains(key, d) {
			return Guess{}, crsError(fmt.Sprintf("crs %s is on the Xi'an 1980 or Beijing 1954 datum, tens of metres from CGCS2000, and the county's transformation parameters are not public: convert the file to CGCS2000 first", apperr.Quote(name)),
				fmt.Sprintf("坐标系 %s 属于 1980 西安或 1954 北京坐标系，与 CGCS2000 相差数十米，且本县转换参数未公开，请先将数据转换为 2000 国家大地坐标系", apperr.Quote(name)))
		}
	}
	return Guess{}, crsError(fmt.Sprintf("unknown crs %s: use EPSG:4528 or EPSG:4549 (CGCS2000 3° Gauss-Krüger), EPSG:4498 or EPSG:4509 (6°), CGCS2000 or WGS84 (lon/lat), or GCJ02 (AMap)", apperr.Quote(name)),
		fmt.Sprintf("无法识别的坐标系 %s，可用：EPSG:4528 或 EPSG:4549（CGCS2000 3 度带高斯投影）、EPSG:4498 或 EPSG:4509（6 度带）、CGCS2000 或 WGS84（经纬度）、GCJ02（高德）", apperr.Quote(name)))
}

func declaredGuess(id, key, name string) Guess {
	g := Guess{CRS: id, EPSG: SRID(id)}
	if id == "EPSG:4490" || (id == CRSWGS84 && strings.HasSuffix(key, ":4490")) {
		// CGCS2000 lon/lat is stored as 4326 (the two agree at map scale), but the user said 4490.
		g.CRS, g.EPSG = CRSWGS84, 4490
	}
	if id == CRSGCJ02 {
		g.EPSG = 0
	}
	for _, e := range pingyangExtents {
		if e.crs == g.CRS {
			g.Zone, g.ZoneWidth = e.zone, e.width
		}
	}
	g.Reason = fmt.Sprintf("declared by the user as %s", apperr.Quote(name))
	g.ReasonZh = fmt.Sprintf("由用户指定为 %s", apperr.Quote(name))
	return g
}
