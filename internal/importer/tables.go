package importer

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/coordtable"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/intake"
)

// fromTable reads a coordinate table (CSV or xlsx, one row per vertex; GDAL would read it only as
// points, or not at all) with coordtable and writes its parcels as GeoJSON in the table's own CRS,
// for GDAL to stage: the parcel id as "id", its name as "name", the other columns as properties
// under their own (Chinese) names. A table declared GCJ-02 is converted to WGS84 here, as fromGCJ02
// converts a GDAL dataset. A CSV whose shapes are in a WKT column is GDAL's to read: ok is false.
func (s *source) fromTable(kind string, opt coordtable.Options, progress io.Writer) (ok bool, err error) {
	if err := s.readTable(kind, opt, progress); err != nil {
		if kind == intake.CSV && errors.Is(err, coordtable.ErrWKT) {
			step(progress, "a WKT column: GDAL reads the table")
			return false, nil
		}
		return true, err
	}
	return true, nil
}

func (s *source) readTable(kind string, opt coordtable.Options, progress io.Writer) error {
	fh, err := os.Open(s.path)
	if err != nil {
		return err
	}
	defer fh.Close()
	var t *coordtable.Table
	if kind == intake.XLSX {
		st, err := fh.Stat()
		if err != nil {
			return err
		}
		t, err = coordtable.ReadXLSX(fh, st.Size(), opt)
		if err != nil {
			return err
		}
		step(progress, "sheet %s, header row %d", t.Sheet, t.HeaderRow)
	} else if t, err = coordtable.ReadCSV(fh, opt); err != nil {
		return err
	}
	step(progress, "columns: %s", t.Columns)
	for _, w := range t.Warnings {
		s.info.Warnings = append(s.info.Warnings, w.Field+": "+w.MessageZh)
	}
	s.crsUsed, s.info.CRSReason = fmt.Sprintf("EPSG:%d", t.CRS.EPSG), t.CRS.Reason+" / "+t.CRS.ReasonZh
	gcj := t.CRS.CRS == geodesy.CRSGCJ02
	if gcj {
		s.crsRead, s.crsUsed = geodesy.CRSGCJ02, geodesy.CRSWGS84
		s.info.CRSReason = gcj02Reason
	}
	fc := geojson.NewFeatureCollection()
	if s.layer != "" {
		// Staging asks for the layer by the name the user gave (an xlsx's sheet).
		fc.ExtraMembers = geojson.Properties{"name": s.layer}
	}
	var moved, outside int
	for _, p := range t.Parcels {
		g := p.Geometry
		if gcj {
			wgs84FromGCJ02(g, &moved, &outside)
		}
		ft := geojson.NewFeature(g)
		ft.Properties = geojson.Properties{}
		for k, v := range p.Attributes {
			ft.Properties[k] = v
		}
		// The id and name also under their columns' own names, for a -map that names them.
		ft.Properties[t.IDColumn] = p.ID
		if t.NameColumn != "" {
			ft.Properties[t.NameColumn] = p.Name
		}
		ft.Properties["id"], ft.Properties["name"] = p.ID, p.Name
		fc.Append(ft)
	}
	if outside > 0 {
		s.info.Warnings = append(s.info.Warnings, fmt.Sprintf("crs: %d 个顶点位于中国范围以外，GCJ-02 在此无偏移，保持原坐标 / %d vertices lie outside China, left as they are", outside, outside))
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return err
	}
	dir, err := s.tempDir()
	if err != nil {
		return err
	}
	out := filepath.Join(dir, "table.geojson")
	if err := os.WriteFile(out, b, 0o600); err != nil {
		return err
	}
	s.path, s.idField, s.nameField = out, "id", "name"
	s.encoding, s.info.EncodingReason = "", ""
	if t.Encoding != "" {
		s.info.EncodingReason = t.Encoding + ": " + t.EncodingReason
	}
	return nil
}
