package importer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"

	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/internal/gdal"
)

// gcj02Reason is why a GCJ-02 file's coordinates were changed before staging.
const gcj02Reason = "declared GCJ-02 by the user; converted to WGS84 / 用户声明为高德 GCJ-02 坐标，已转换为 WGS84"

// fromGCJ02 stages a file the user says is in GCJ-02 (AMap's obfuscated lon/lat, which no EPSG code
// describes, so PostGIS cannot transform it): GDAL copies the layer to GeoJSON in lon/lat as read
// (reprojecting only a file that declares another CRS: GCJ-02 files declare WGS84 or nothing), every
// vertex is moved by the inverse GCJ-02 formula, and that GeoJSON is staged as EPSG:4326. GCJ-02 is
// never applied unless declared: it cannot be told from WGS84 by the numbers.
func (s *source) fromGCJ02(ctx context.Context, info gdal.Info, layer string, progress io.Writer) error {
	if info.CRS == "" && info.HasExtent && (math.Abs(info.Extent[0]) > 180 || math.Abs(info.Extent[2]) > 180 ||
		math.Abs(info.Extent[1]) > 90 || math.Abs(info.Extent[3]) > 90) {
		return invalid("crs", fmt.Sprintf("GCJ-02 coordinates are longitude and latitude, but the file's extent is %.0f, %.0f – %.0f, %.0f", info.Extent[0], info.Extent[1], info.Extent[2], info.Extent[3]),
			fmt.Sprintf("高德 GCJ-02 坐标应为经纬度，但文件的坐标范围为 %.0f, %.0f – %.0f, %.0f，请检查坐标系", info.Extent[0], info.Extent[1], info.Extent[2], info.Extent[3]))
	}
	dir, err := s.tempDir()
	if err != nil {
		return err
	}
	raw := filepath.Join(dir, "gcj02.geojson")
	c := gdal.ToGeoJSON{File: s.path, Layer: layer, Out: raw, Progress: progress}
	if info.CRS != "" && info.CRS != geodesy.CRSWGS84 {
		c.TargetCRS = geodesy.CRSWGS84
	}
	if s.encoding != "" {
		c.Config = map[string]string{"SHAPE_ENCODING": s.encoding}
	}
	if err := c.Run(ctx); err != nil {
		return invalid("file", "GDAL cannot read "+s.info.Dataset+": "+lastLine(err.Error()), "GDAL 无法读取 "+s.info.Dataset+"："+lastLine(err.Error()))
	}
	out := filepath.Join(dir, "wgs84.geojson")
	moved, outside, err := convertGCJ02File(raw, out)
	if err != nil {
		return err
	}
	step(progress, "GCJ-02: %d vertices converted to WGS84, %d outside China left as they are", moved, outside)
	if outside > 0 {
		s.info.Warnings = append(s.info.Warnings, fmt.Sprintf("crs: %d 个顶点位于中国范围以外，GCJ-02 在此无偏移，保持原坐标 / %d vertices lie outside China, where GCJ-02 has no offset: left as they are", outside, outside))
	}
	s.crsRead = geodesy.CRSGCJ02
	if info.CRS != "" {
		s.crsRead += " (the file says " + info.CRS + ")"
	}
	s.path, s.crsUsed, s.info.CRSReason = out, geodesy.CRSWGS84, gcj02Reason
	return nil
}

// tempDir is a directory of the import's own, removed with the rest at cleanup: a file read in
// place (a .shp named directly) must not get files written beside it.
func (s *source) tempDir() (string, error) {
	dir, err := os.MkdirTemp("", "parkmap-import-")
	if err != nil {
		return "", err
	}
	prev := s.cleanup
	s.cleanup = func() { prev(); os.RemoveAll(dir) }
	return dir, nil
}

// gcjFeature is a feature as GDAL wrote it: everything but the geometry is copied byte for byte, so
// properties keep their types and digits (a 17-digit id does not become a float).
type gcjFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id,omitempty"`
	Properties json.RawMessage `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// convertGCJ02File streams a GeoJSON FeatureCollection from in to out, one feature at a time (a
// county's layer can be hundreds of megabytes), converting every vertex from GCJ-02 to WGS84. It
// keeps the collection's name (the layer's, which staging may ask for) and drops its crs member:
// the output is WGS84 lon/lat, staged as EPSG:4326.
func convertGCJ02File(in, out string) (moved, outside int, err error) {
	src, err := os.Open(in)
	if err != nil {
		return 0, 0, err
	}
	defer src.Close()
	dst, err := os.Create(out)
	if err != nil {
		return 0, 0, err
	}
	defer dst.Close()
	w := bufio.NewWriter(dst)
	dec := json.NewDecoder(bufio.NewReader(src))
	bad := func(err error) error {
		return invalid("file", fmt.Sprintf("the GeoJSON GDAL wrote cannot be read back: %v", err), "GDAL 输出的 GeoJSON 无法读取")
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return 0, 0, bad(fmt.Errorf("not an object"))
	}
	w.WriteString(`{"type":"FeatureCollection"`)
	sawFeatures := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, bad(err)
		}
		key, _ := tok.(string)
		if key != "features" {
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return 0, 0, bad(err)
			}
			if key == "name" {
				w.WriteString(`,"name":`)
				w.Write(v)
			}
			continue
		}
		sawFeatures = true
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return 0, 0, bad(fmt.Errorf("features is not an array"))
		}
		w.WriteString(`,"features":[`)
		for n := 0; dec.More(); n++ {
			var f gcjFeature
			if err := dec.Decode(&f); err != nil {
				return 0, 0, bad(err)
			}
			if f.Geometry, err = gcj02Geometry(f.Geometry, &moved, &outside); err != nil {
				return 0, 0, bad(err)
			}
			b, err := json.Marshal(f)
			if err != nil {
				return 0, 0, err
			}
			if n > 0 {
				w.WriteByte(',')
			}
			w.Write(b)
		}
		if _, err := dec.Token(); err != nil {
			return 0, 0, bad(err)
		}
		w.WriteString(`]`)
	}
	if !sawFeatures {
		w.WriteString(`,"features":[]`)
	}
	w.WriteString("}\n")
	if err := w.Flush(); err != nil {
		return 0, 0, err
	}
	return moved, outside, dst.Close()
}

// gcj02Geometry converts one GeoJSON geometry (null stays null).
func gcj02Geometry(raw json.RawMessage, moved, outside *int) (json.RawMessage, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage("null"), nil
	}
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil {
		return nil, err
	}
	return json.Marshal(geojson.NewGeometry(wgs84FromGCJ02(g.Geometry(), moved, outside)))
}

// wgs84FromGCJ02 moves every vertex of g (in place) from GCJ-02 to WGS84, counting those moved and
// those outside China, which the formula leaves as they are.
func wgs84FromGCJ02(g orb.Geometry, moved, outside *int) orb.Geometry {
	return project.Geometry(g, func(p orb.Point) orb.Point {
		if geodesy.OutsideChina(p) {
			*outside++
			return p
		}
		*moved++
		return geodesy.WGS84FromGCJ02(p)
	})
}
