// Package coordfile reads and writes the Ministry's standard coordinate text file (部标坐标文件), the
// format in which land-use approval exchanges parcels: a [属性描述] section of key=value lines (the
// datum, zone width and zone number among them), then [地块坐标], where each parcel is a header line
// ending in "@" followed by its boundary points as 点号,圈号,X,Y with X the northing and Y the easting
// (zone prefix included). GDAL has no driver for it, so parkmap parses it here, pure and fuzzed; the
// import pipeline takes the parcels from File and never sees the text.
package coordfile

import (
	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// Encoding is a text encoding the file is read in or written as.
type Encoding string

// The two encodings such files come in. GBK files are read with GB18030, its superset, so a file
// written by a newer tool with a rare character still decodes.
const (
	UTF8 Encoding = "UTF-8"
	GBK  Encoding = "GBK"
)

// Section names, as written in the file.
const (
	SectionAttributes = "属性描述"
	SectionParcels    = "地块坐标"
)

// MaxBytes caps what Parse reads: the largest approval file has some thousands of parcels, far below.
const MaxBytes = 64 << 20

// maxProblems caps the problems one Parse reports: past a few hundred the file is not a 部标 file
// and a longer list helps nobody.
const maxProblems = 200

// Attribute is one key=value line of [属性描述], kept in file order so that Write reproduces it.
type Attribute struct {
	Key, Value string
}

// File is a parsed coordinate file.
type File struct {
	// Encoding is the one the bytes decoded in; EncodingReason says why it was chosen (BOM, strict
	// UTF-8, or GB18030 after UTF-8 failed), for the import preview.
	Encoding       Encoding
	EncodingReason string
	Attributes     []Attribute
	// CRS is the coordinate system the parcels' geometries are in (4528 or 4549 for zone 40, or the
	// 6° zone 20's 4498 / 4509), agreed between the header and the coordinates, or as declared.
	CRS     geodesy.Guess
	Parcels []Parcel
	// Warnings are problems that do not stop an import (a stated area that disagrees with the
	// boundary), each naming its parcel and line, in English and Chinese.
	Warnings []apperr.FieldError
}

// Attr returns the value of the first attribute named key, or "".
func (f *File) Attr(key string) string {
	for _, a := range f.Attributes {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

// Parcel is one parcel of [地块坐标]: the header line's fields and its rings.
type Parcel struct {
	Line       int     // line number of the header line, for messages
	PointCount int     // 界址点数 as stated (all point lines, closing repeats included)
	AreaHa     float64 // 地块面积 as stated, in 公顷
	ID         string  // 地块编号
	Name       string  // 地块名称
	Shape      string  // 图形属性: 面, 线 or 点
	Sheet      string  // 图幅号
	Use        string  // 地块用途
	LandClass  string  // 地类编码
	Rings      []Ring
	// Geometry is the parcel in (easting, northing) order, the file's X and Y swapped, in CRS's
	// units; the outer ring counter-clockwise and holes clockwise, as RFC 7946 and PostGIS expect.
	Geometry orb.MultiPolygon
	// ComputedHa is the planar area of Geometry in 公顷 (Gauss-Krüger metres, scale factor 1).
	ComputedHa float64
}

// AreaMu is the stated area in 亩 (1 公顷 = 15 亩).
func (p Parcel) AreaMu() float64 { return p.AreaHa * 15 }

// Ring is one ring (圈) of a parcel: 圈号 1 is the outer boundary, the others holes.
type Ring struct {
	Number int
	Points []Point
}

// Point is one boundary point as the file gives it: X northing, Y easting.
type Point struct {
	Line int
	No   string // 点号, usually J1, J2… or 1, 2…
	X, Y float64
}

// Options override what Parse would otherwise detect or refuse.
type Options struct {
	// Encoding, when set, is used instead of detection.
	Encoding Encoding
	// CRS, when set (as geodesy.DeclaredCRS parses it), replaces the header's datum and zone: it is
	// how a user takes a 1980西安坐标系 file knowingly. The coordinates must still fit it.
	CRS string
}
