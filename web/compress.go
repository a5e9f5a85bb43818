package web

import (
	"fmt"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
)

// compressedTypes are the documents that leave the handlers uncompressed: the OGC API's JSON and
// GeoJSON, the OpenAPI document, the HTML pages and the CSV exports. Tiles, the /items stream and
// the embedded page assets set their own Content-Encoding, which gzhttp leaves alone; xlsx is already
// a zip archive, so it is not listed. Without parameters a type matches with any (charset, version).
var compressedTypes = []string{
	"application/json",
	"application/geo+json",
	"application/vnd.oai.openapi+json",
	"application/problem+json",
	"text/html",
	"text/csv",
	"text/plain",
}

// compressMinSize keeps short answers (errors, small documents) plain: below about a packet gzip's
// header and the CPU are not worth it.
const compressMinSize = 1024

// newCompressor builds the gzip middleware for the responses listed in compressedTypes. It sets Vary:
// Accept-Encoding on every answer it could compress, so that a cache keeps both forms apart.
func newCompressor() (func(http.Handler) http.HandlerFunc, error) {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.ContentTypes(compressedTypes),
		gzhttp.MinSize(compressMinSize),
		gzhttp.CompressionLevel(gzipLevel),
	)
	if err != nil {
		return nil, fmt.Errorf("gzip middleware: %w", err)
	}
	return wrap, nil
}
