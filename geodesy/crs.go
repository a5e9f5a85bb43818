package geodesy

import (
	"strings"

	"github.com/pingyang/parkmap/apperr"
)

// Coordinate reference systems a check accepts. GCJ-02 (AMap) is converted to WGS84 here; the two
// CGCS2000 Gauss-Krüger systems are transformed by PostGIS (ST_Transform knows both).
const (
	CRSWGS84   = "EPSG:4326"
	CRSGCJ02   = "GCJ02"
	CRSGK40    = "EPSG:4528" // CGCS2000 / 3-degree Gauss-Kruger zone 40, eastings 40,5xx,xxx
	CRSGKCM120 = "EPSG:4549" // CGCS2000 / 3-degree Gauss-Kruger CM 120E, eastings 5xx,xxx
)

// crsAliases maps what clients write to the four CRS ids (upper-cased keys). EPSG:4490 (CGCS2000
// geographic) is WGS84 at map scale, as the storage already assumes.
var crsAliases = map[string]string{
	"EPSG:4326": CRSWGS84, "WGS84": CRSWGS84, "CRS84": CRSWGS84, "OGC:CRS84": CRSWGS84,
	"URN:OGC:DEF:CRS:OGC:1.3:CRS84": CRSWGS84, "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84": CRSWGS84,
	"URN:OGC:DEF:CRS:EPSG::4326": CRSWGS84, "EPSG:4490": CRSWGS84, "URN:OGC:DEF:CRS:EPSG::4490": CRSWGS84,
	"GCJ02": CRSGCJ02, "GCJ-02": CRSGCJ02, "AMAP": CRSGCJ02,
	"EPSG:4528": CRSGK40, "URN:OGC:DEF:CRS:EPSG::4528": CRSGK40,
	"EPSG:4549": CRSGKCM120, "URN:OGC:DEF:CRS:EPSG::4549": CRSGKCM120,
}

// ParseCRS returns the CRS id for what a client wrote ("" means EPSG:4326), or an error naming field.
func ParseCRS(s, field string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return CRSWGS84, nil
	}
	if c, ok := crsAliases[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return c, nil
	}
	return "", apperr.FieldErrorf(apperr.Invalid, field, "unknown %s %s: use EPSG:4326 (default), GCJ02 (AMap), EPSG:4528 or EPSG:4549 (CGCS2000 Gauss-Krüger)",
		field, apperr.Quote(s))
}

// SRID is the PostGIS SRID a geometry in crs is sent with: GCJ-02 goes as 4326 once converted.
func SRID(crs string) int {
	switch crs {
	case CRSGK40:
		return 4528
	case CRSGKCM120:
		return 4549
	case CRSGK6Zone20:
		return 4498
	case CRSGK6CM117:
		return 4509
	}
	return 4326
}
