package tiles_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/pingyang/parkmap/tiles"
)

// A compressed tile is standard gzip (read back here with the standard library, as a browser would),
// smaller than the tile, and Decompress gives the tile back; empty stays empty.
func BenchmarkCompress(b *testing.B) {
	for _, size := range []int{10_000, 80_000} {
		// Words from a small vocabulary, some repeated, which gzip shrinks about as much as a county
		// cadastre's tiles (reported as out/in; those measured 0.62 at z14-z16).
		rng := rand.New(rand.NewPCG(1, 2))
		words := make([][]byte, 64)
		for i := range words {
			words[i] = []byte{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(16)), byte(rng.IntN(16))}
		}
		var mvt []byte
		for len(mvt) < size {
			mvt = append(mvt, words[rng.IntN(len(words))]...)
		}
		mvt = mvt[:size]
		b.Run(fmt.Sprintf("%dKB", size/1000), func(b *testing.B) {
			b.SetBytes(int64(size))
			var gz []byte
			var err error
			for b.Loop() {
				if gz, err = tiles.Compress(mvt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(gz))/float64(size), "out/in")
		})
	}
}

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
	// The output is its own copy, of exactly its length: a second tile compressed through the same
	// reused buffer leaves the first intact, and the cache counts what it holds.
	if len(gz) != cap(gz) {
		t.Errorf("compressed tile: length %d, capacity %d", len(gz), cap(gz))
	}
	first := bytes.Clone(gz)
	if other, err := tiles.Compress(bytes.Repeat([]byte("other tile"), 900)); err != nil || bytes.Equal(other, gz) {
		t.Fatalf("a second tile: %v", err)
	}
	if !bytes.Equal(gz, first) {
		t.Error("compressing a second tile changed the first one's bytes")
	}
	if gz, err := tiles.Compress(nil); gz != nil || err != nil {
		t.Errorf("an empty tile compresses to %v, %v", gz, err)
	}
	if _, err := tiles.Decompress([]byte("not gzip")); err == nil {
		t.Error("decompressing garbage succeeded")
	}
}
