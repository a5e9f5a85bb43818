package tiles_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"

	"github.com/pingyang/parkmap/tiles"
)

// A compressed tile is standard gzip (read back here with the standard library, as a browser would),
// smaller than the tile, and Decompress gives the tile back; empty stays empty.
func TestCompressRoundTrip(t *testing.T) {
	mvt := bytes.Repeat([]byte("\x1a\x0fparcels-layer\x78\x02"), 500)
	gz, err := tiles.Compress(mvt)
	if err != nil || len(gz) == 0 || len(gz) >= len(mvt) {
		t.Fatalf("compress: %d bytes of %d, %v", len(gz), len(mvt), err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(back, mvt) {
		t.Fatalf("the standard library reads back %d bytes, %v", len(back), err)
	}
	if back, err := tiles.Decompress(gz); err != nil || !bytes.Equal(back, mvt) {
		t.Fatalf("decompress: %d bytes, %v", len(back), err)
	}
	if gz, err := tiles.Compress(nil); gz != nil || err != nil {
		t.Errorf("an empty tile compresses to %v, %v", gz, err)
	}
	if _, err := tiles.Decompress([]byte("not gzip")); err == nil {
		t.Error("decompressing garbage succeeded")
	}
}
