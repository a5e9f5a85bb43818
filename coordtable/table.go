// Package coordtable reads coordinate tables, the CSV or xlsx sheets in which towns and park
// operators send parcel corners (issue 10): one row per vertex, with the parcel's id, optionally its
// ring (圈号) and point number (点号), and the coordinates as X/Y (X the northing, as Chinese tables
// give it), 北坐标/东坐标 or N/E, or 经度/纬度. The other columns are the parcel's attributes, taken
// from its first row. GDAL reads such a sheet only as points, so parkmap builds the polygons here,
// pure and fuzzed, and decides the CRS as the 部标 reader does: from the coordinates' magnitude
// (geodesy.DetectCRS), unless the user declares one.
package coordtable

import (
	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// MaxRows caps the data rows (vertices) of one table: a million corners is some hundred thousand
// parcels, more than the county has; past it the upload is refused as too large, not cut.
const MaxRows = 1_000_000

// MaxCSVBytes caps a CSV table's bytes (a million rows of a dozen columns fit in well under it).
const MaxCSVBytes = 256 << 20

// maxProblems caps the errors one read reports, and maxWarnings the warnings: past a few hundred
// the file is not a coordinate table, and a longer list helps nobody.
const (
	maxProblems = 200
	maxWarnings = 100
)

// Table is a coordinate table read into parcels.
type Table struct {
	// Encoding is the CSV's text encoding ("UTF-8" or "GBK"; GBK read as GB18030, its superset) and
	// EncodingReason why it was chosen; both empty for an xlsx, whose text is always Unicode.
	Encoding, EncodingReason string
	// Sheet is the xlsx sheet read ("" for a CSV).
	Sheet string
	// HeaderRow is the row the column names were read from (1-based, as a spreadsheet numbers it).
	HeaderRow int
	// Columns says which column was taken for what ("地块编号 → id, X → northing …"), for the preview.
	Columns string
	// Attributes are the attribute columns' names in sheet order, the keys of Parcel.Attributes.
	Attributes []string
	// IDColumn and NameColumn are the names of the columns Parcel.ID and Parcel.Name came from
	// (NameColumn "" when there is none), so that an import may still map a field by its own name.
	IDColumn, NameColumn string
	// CRS is the coordinate system of the parcels' geometries. For a table declared GCJ-02 it is
	// geodesy.CRSGCJ02 (EPSG 0): the geometries are then GCJ-02 lon/lat, for the caller to convert.
	// CRS.Swapped says the first coordinate column held the northing or latitude (the geometries are
	// already in easting-first order either way).
	CRS     geodesy.Guess
	Parcels []Parcel
	// Warnings are what does not stop an import (a ring closed here, attributes that differ between
	// a parcel's rows, swapped columns), in English and Chinese.
	Warnings []apperr.FieldError
}

// Parcel is one parcel of a table: the rows sharing one id.
type Parcel struct {
	Row  int // the parcel's first row, for messages
	ID   string
	Name string
	// Attributes are the other columns' values on the parcel's first row, keyed by column name.
	Attributes map[string]string
	// Geometry is the parcel as one polygon in (easting, northing) or (lon, lat) order, in CRS's
	// units: outer ring counter-clockwise, holes clockwise, every ring closed.
	Geometry orb.MultiPolygon
}

// Options override what a read would otherwise detect.
type Options struct {
	// CRS, when set (as geodesy.DeclaredCRS parses it), is the table's CRS: it wins over detection,
	// but coordinates that clearly lie in another system are still refused.
	CRS string
	// Encoding, when set (UTF-8, GBK, GB18030, CP936), is a CSV's encoding instead of detection; the
	// bytes must still decode cleanly in it.
	Encoding string
	// Sheet, when set, is the xlsx sheet to read instead of 坐标, 界址点 or the first.
	Sheet string
}

func fieldErr(field, en, zh string) *apperr.Error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}

func tooLarge(en, zh string) *apperr.Error {
	e := fieldErr("file", en, zh)
	e.Code = apperr.TooLarge
	return e
}
