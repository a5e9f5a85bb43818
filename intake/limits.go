package intake

import (
	"fmt"

	"github.com/pingyang/parkmap/apperr"
)

// Limits bound what an upload may unpack to. Every cap is enforced on bytes actually read, never on
// sizes a zip's headers claim, because a hostile archive lies in its headers. The zero value
// refuses everything: start from DefaultLimits.
type Limits struct {
	// MaxFileBytes caps the uploaded file itself (a plain file, or the zip as sent).
	MaxFileBytes int64
	// MaxTotalBytes caps the sum of all entries' decompressed bytes.
	MaxTotalBytes int64
	// MaxEntryBytes caps one entry's decompressed bytes.
	MaxEntryBytes int64
	// MaxEntries caps the number of entries (files and directories) in a zip.
	MaxEntries int
	// MaxRatio caps one entry's decompressed/compressed byte ratio, checked once the entry has
	// decompressed more than RatioFloor bytes (small files compress oddly and are harmless).
	MaxRatio   int64
	RatioFloor int64
}

// DefaultLimits are sized for issue 10's largest case, a 200,000-parcel Shapefile: about 200 MB of
// .shp and 100-200 MB of .dbf, so 2 GiB in all and 1 GiB per entry leave room for a File Geodatabase
// of several layers, while a bomb still stops at 1 GiB at worst. The ratio is what stops it early: a
// .dbf GDAL writes (20,000 records, three 80-byte text fields) deflates 37:1, a wide, mostly empty
// ArcGIS table a few hundred to one, and deflate itself cannot pass about 1,032:1, so 500:1 refuses
// no survey data yet cuts a bomb of zeros off after its first MiB. 10,000 entries fit a .gdb of many
// tables (each about a dozen files); 1 GiB of upload holds any of these, zipped or not.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:  1 << 30,
		MaxTotalBytes: 2 << 30,
		MaxEntryBytes: 1 << 30,
		MaxEntries:    10000,
		MaxRatio:      500,
		RatioFloor:    1 << 20,
	}
}

// fileErr is the Invalid error about the upload, in English and Chinese, naming field "file".
func fileErr(en, zh string) *apperr.Error {
	return apperr.Fields([]apperr.FieldError{{Field: "file", Message: en, MessageZh: zh}})
}

// tooLarge is the same as a TooLarge error (413): the upload broke a cap, it is not malformed.
func tooLarge(en, zh string) *apperr.Error {
	e := fileErr(en, zh)
	e.Code = apperr.TooLarge
	return e
}

// human writes a byte count as a person reads it in a message ("1.0 GiB").
func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
