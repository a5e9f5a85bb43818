package catalog

import (
	"strconv"
	"strings"
)

// CRS is a coordinate reference system features can be served in and a bbox given in (OGC API -
// Features Part 2). The store keeps every shape in WGS84 lon/lat (SRID 4326); a request's CRS is
// applied as the response is built, by PostGIS (ST_Transform).
type CRS struct {
	URI   string // its OGC URI, as crs= takes it and Content-Crs gives it
	SRID  int    // PostGIS's SRID; 0 for CRS84, which is the stored lon/lat as it is
	Title string
	// NorthingFirst: the CRS's first axis is latitude or northing, as EPSG defines 4326, 4490 and
	// the CGCS2000 Gauss-Krüger systems 4528 and 4549 (their X is the northing). A response in it
	// gives coordinates in that order (ST_FlipCoordinates), and a bbox in it is read in that order.
	NorthingFirst bool
	// Geographic: its coordinates are degrees of latitude and longitude; otherwise metres.
	Geographic bool
}

// Decimals are the decimals a response keeps: 7 for degrees (about 1 cm), 3 for metres (1 mm).
func (c CRS) Decimals() int {
	if c.Geographic {
		return 7
	}
	return 3
}

// CRS84URI is the default CRS of OGC API - Features: WGS84 longitude, latitude.
const CRS84URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

// CRSs are the CRSs every collection is served in, the default first.
var CRSs = []CRS{
	{URI: CRS84URI, SRID: 0, Title: "WGS 84 longitude/latitude (CRS84)", Geographic: true},
	{URI: epsgURI(4326), SRID: 4326, Title: "WGS 84 latitude/longitude", NorthingFirst: true, Geographic: true},
	{URI: epsgURI(4490), SRID: 4490, Title: "CGCS2000 latitude/longitude (2000国家大地坐标系)", NorthingFirst: true, Geographic: true},
	{URI: epsgURI(4549), SRID: 4549, Title: "CGCS2000 / 3-degree Gauss-Kruger CM 120E (northing, easting)", NorthingFirst: true},
	{URI: epsgURI(4528), SRID: 4528, Title: "CGCS2000 / 3-degree Gauss-Kruger zone 40 (northing, easting with zone prefix)", NorthingFirst: true},
	{URI: epsgURI(3857), SRID: 3857, Title: "WGS 84 / Pseudo-Mercator (easting, northing)"},
}

func epsgURI(code int) string { return "http://www.opengis.net/def/crs/EPSG/0/" + strconv.Itoa(code) }

// LookupCRS finds a CRS by its URI, or by the short forms clients also send: EPSG:4490,
// [EPSG:4490] (a safe CURIE), urn:ogc:def:crs:EPSG::4490, OGC:CRS84 and CRS84.
func LookupCRS(s string) (CRS, bool) {
	key := strings.ToUpper(strings.Trim(strings.TrimSpace(s), "[]"))
	for _, c := range CRSs {
		if key == strings.ToUpper(c.URI) {
			return c, true
		}
		if c.SRID == 0 {
			if key == "OGC:CRS84" || key == "CRS84" || key == "URN:OGC:DEF:CRS:OGC:1.3:CRS84" {
				return c, true
			}
			continue
		}
		code := strconv.Itoa(c.SRID)
		if key == "EPSG:"+code || key == "URN:OGC:DEF:CRS:EPSG::"+code {
			return c, true
		}
	}
	return CRS{}, false
}

// CRSURIs are the URIs of CRSs, for the collection document's crs list.
func CRSURIs() []string {
	out := make([]string, len(CRSs))
	for i, c := range CRSs {
		out[i] = c.URI
	}
	return out
}
