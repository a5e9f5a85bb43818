package layerexport

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/plan"
)

// Bubiao is the 部标 coordinate file format: the polygons of a collection, in CGCS2000 3° Gauss-Krüger
// metres, as the land-use approval systems take them. GDAL has no driver for it: ogr2ogr writes the
// features as GeoJSON in the projected CRS, and WriteBubiao turns them into the file (coordfile).
var Bubiao = Format{ID: "bubiao", Driver: "GeoJSON", Ext: ".txt", Geometry: true}

// WriteBubiao writes the features of fc (GeoJSON in crs, EPSG:4528 or EPSG:4549) as a 部标 file.
// 地块编号 is the feature's id (or code), 地块名称 its name (or park name), 地块用途 its planned use;
// 地块面积 is the planar area of the projected polygon in 公顷 (what the approval systems compute from
// the same points). A multi-part feature becomes one parcel per part, numbered id-1, id-2…, since the
// format holds one outer ring per parcel; split says how many were.
func WriteBubiao(w io.Writer, fc *geojson.FeatureCollection, crs, producer string, enc coordfile.Encoding, now time.Time) (split int, err error) {
	g, err := geodesy.DeclaredCRS(crs)
	if err != nil {
		return 0, err
	}
	f := &coordfile.File{CRS: g}
	f.Attributes = coordfile.DefaultAttributes(g, producer, now.In(plan.ChinaTime).Format("2006-01-02"))
	for _, feat := range fc.Features {
		var polys orb.MultiPolygon
		switch geom := feat.Geometry.(type) {
		case orb.Polygon:
			polys = orb.MultiPolygon{geom}
		case orb.MultiPolygon:
			polys = geom
		default:
			return split, fmt.Errorf("bubiao: feature %v is a %s, not a polygon", feat.Properties["id"], feat.Geometry.GeoJSONType())
		}
		id := firstString(feat.Properties, "id", "code")
		name := firstString(feat.Properties, "name", "park_name")
		if len(polys) > 1 {
			split++
		}
		for i, p := range polys {
			pid := id
			if len(polys) > 1 {
				pid = fmt.Sprintf("%s-%d", id, i+1)
			}
			ha := math.Round(planar.Area(p)/10000*1e4) / 1e4
			f.Parcels = append(f.Parcels, coordfile.Parcel{ID: pid, Name: name, Use: firstString(feat.Properties, "planned_use"),
				AreaHa: ha, Geometry: orb.MultiPolygon{p}})
		}
	}
	return split, coordfile.Write(w, f, enc)
}

func firstString(props geojson.Properties, keys ...string) string {
	for _, k := range keys {
		if s, ok := props[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}
