package tiles

import (
	"bytes"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// A rendered tile is kept gzip-compressed (issue 11: warm tiles at memory speed). Browsers, GDAL and
// QGIS all ask for gzip, so a cache hit is written as it is stored: no database, no compressor. A
// client that does not take gzip gets it decompressed, which costs a fraction of compressing.

// tileGzipLevel: tiles are compressed once per dataset version and then served many times, so the
// level favours size over speed; level 6 is within a few per cent of 9 on MVT at a third of the time.
const tileGzipLevel = gzip.DefaultCompression

// Compress gzips a rendered tile for the cache and the wire; an empty tile stays empty.
func Compress(mvt []byte) ([]byte, error) {
	if len(mvt) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	b.Grow(len(mvt)/3 + 64)
	zw, err := gzip.NewWriterLevel(&b, tileGzipLevel)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(mvt); err != nil {
		return nil, fmt.Errorf("compress tile: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress tile: %w", err)
	}
	return b.Bytes(), nil
}

// Decompress is Compress undone, for a client that does not take gzip.
func Decompress(gz []byte) ([]byte, error) {
	if len(gz) == 0 {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("decompress tile: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("decompress tile: %w", err)
	}
	return out, nil
}
