package layerimport

import (
	"encoding/json"
	"io"
	"time"

	"github.com/pingyang/parkmap/accounts"
)

// Request is one import as the command line and the page ask for it: which layer, which file, how
// to read it and what to do. The importer (package importer) opens the file, stages it with GDAL
// and hands the rest to the store.
type Request struct {
	Layer    string `json:"layer"`
	Path     string `json:"-"`    // the file (zip, .shp, .gpkg …) or directory (.gdb) on disk
	FileName string `json:"file"` // as the user named it, kept in the version history
	// Dataset picks one dataset of an upload holding several (by the name the preview lists);
	// SourceLayer one layer of a multi-layer file (GeoPackage, File Geodatabase, DXF).
	Dataset     string `json:"dataset,omitempty"`
	SourceLayer string `json:"source_layer,omitempty"`
	// CRS and Encoding override what the file declares or the importer detects ("" : none).
	CRS      string `json:"crs,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	// Mapping is the layer's field -> the file's field (Target.Fields); a field left out is not
	// mapped (the suggestion fills what it can when SuggestMapping is set).
	Mapping map[string]string `json:"mapping,omitempty"`
	// Kind is the one constraint kind of every feature, for a file without a kind field.
	Kind string `json:"kind,omitempty"`
	// AreaUnit says the unit of the mapped area field (公顷, 亩, ㎡; "" : told from the data).
	AreaUnit string `json:"area_unit,omitempty"`
	Repair   bool   `json:"repair,omitempty"`
	Publish  bool   `json:"publish,omitempty"`
	// ExpectSHA256, when set, must be the file's: the page publishes only the file it previewed.
	ExpectSHA256 string `json:"expect_sha256,omitempty"`
	// PreviewFeatures is how many staged features the preview returns as GeoJSON for its map (0: none).
	PreviewFeatures int            `json:"-"`
	Note            string         `json:"note,omitempty"`
	Actor           accounts.Actor `json:"-"`
	// Progress, when set, receives one line per step (the command line's stderr).
	Progress io.Writer `json:"-"`
}

// Source is how the importer read the file, each decision with its reason in both languages.
type Source struct {
	Dataset        string   `json:"dataset"`    // the dataset's name in the upload
	Kind           string   `json:"kind"`       // intake's dataset kind (shapefile, filegdb, gpkg …)
	Datasets       []string `json:"datasets"`   // every dataset of the upload
	CRSReason      string   `json:"crs_reason"` // why CRSUsed
	EncodingReason string   `json:"encoding_reason,omitempty"`
	Fields         []string `json:"fields"` // the file's attribute fields, in file order
	Warnings       []string `json:"warnings,omitempty"`
}

// Version is one published version of a layer, as `parkmap versions` and the page list it.
type Version struct {
	Version    int             `json:"version"`
	File       string          `json:"file"`
	SHA256     string          `json:"sha256"`
	Features   int             `json:"features"`
	TotalMu    float64         `json:"total_mu"`
	CRSRead    string          `json:"crs_read"`
	CRSUsed    string          `json:"crs_used"`
	Encoding   string          `json:"encoding"`
	Mapping    json.RawMessage `json:"mapping"`
	ImportedBy string          `json:"imported_by"`
	CreatedAt  time.Time       `json:"created_at"`
	Note       string          `json:"note"`
	Current    bool            `json:"current"`
}
