package tilearchive

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/protomaps/go-pmtiles/pmtiles"
)

// The reference reader (test-only: it does not enter the binary) reads back what the writer wrote.

// readTile finds tile z/x/y in archive b as a reader does: root, then leaves. ok is false for no tile.
func readTile(t *testing.T, b []byte, z uint8, x, y uint32) ([]byte, bool) {
	t.Helper()
	h, err := pmtiles.DeserializeHeader(b[:HeaderLen])
	if err != nil {
		t.Fatal(err)
	}
	id := pmtiles.ZxyToID(z, x, y)
	dirOff, dirLen := h.RootOffset, h.RootLength
	for depth := 0; depth < 4; depth++ {
		entries := pmtiles.DeserializeEntries(bytes.NewBuffer(b[dirOff:dirOff+dirLen]), h.InternalCompression)
		e, ok := pmtiles.FindTile(entries, id)
		if !ok {
			return nil, false
		}
		if e.RunLength > 0 {
			off := h.TileDataOffset + e.Offset
			return b[off : off+uint64(e.Length)], true
		}
		dirOff, dirLen = h.LeafDirectoryOffset+e.Offset, uint64(e.Length)
	}
	t.Fatalf("tile %d/%d/%d: directories nested deeper than 3", z, x, y)
	return nil, false
}

func write(t *testing.T, a *Archive) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := a.Write(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) {
		t.Fatalf("Stats.Bytes %d, wrote %d", st.Bytes, buf.Len())
	}
	return buf.Bytes(), st
}

func TestZxyToIDMatchesReference(t *testing.T) {
	for z := uint8(0); z <= 6; z++ {
		for x := uint32(0); x < 1<<z; x++ {
			for y := uint32(0); y < 1<<z; y++ {
				if got, want := ZxyToID(z, x, y), pmtiles.ZxyToID(z, x, y); got != want {
					t.Fatalf("%d/%d/%d: %d, reference %d", z, x, y, got, want)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		z := uint8(r.IntN(27))
		x, y := r.Uint32N(1<<z), r.Uint32N(1<<z)
		if got, want := ZxyToID(z, x, y), pmtiles.ZxyToID(z, x, y); got != want {
			t.Fatalf("%d/%d/%d: %d, reference %d", z, x, y, got, want)
		}
	}
}

type tile struct {
	z    uint8
	x, y uint32
	data []byte
}

func TestArchiveReadsBackEveryTile(t *testing.T) {
	ocean := []byte("the same empty-ocean tile")
	var ts []tile
	for x := uint32(0); x < 16; x++ {
		for y := uint32(0); y < 16; y++ {
			d := ocean
			if (x+y)%3 == 0 {
				d = fmt.Appendf(nil, "tile 4/%d/%d", x, y)
			}
			ts = append(ts, tile{4, x, y, d})
		}
	}
	ts = append(ts, tile{0, 0, 0, []byte("world")}, tile{14, 13700, 6700, []byte("county")})
	h := Header{TileCompression: CompressionGzip, TileType: TileTypeMVT, MinZoom: 0, MaxZoom: 14,
		Bounds: [4]float64{121.1, 28.4, 122.3, 29.2}, CenterZoom: 9, Center: [2]float64{121.6, 28.9}}
	meta := map[string]any{"name": "all", "attribution": "© someone", "vector_layers": []map[string]any{{"id": "parcels"}}}
	a := New(h, meta)
	for _, tl := range ts {
		if err := a.Add(tl.z, tl.x, tl.y, tl.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Add(4, 0, 0, nil); err != nil { // empty: not stored, the earlier 4/0/0 stays
		t.Fatal(err)
	}
	b, st := write(t, a)
	for _, tl := range ts {
		got, ok := readTile(t, b, tl.z, tl.x, tl.y)
		if !ok || !bytes.Equal(got, tl.data) {
			t.Fatalf("%d/%d/%d: %q %v, want %q", tl.z, tl.x, tl.y, got, ok, tl.data)
		}
	}
	if _, ok := readTile(t, b, 5, 0, 0); ok {
		t.Fatal("5/0/0 was never added but is found")
	}
	distinct := map[string]bool{}
	for _, tl := range ts {
		distinct[string(tl.data)] = true
	}
	if st.Addressed != len(ts) || st.Contents != len(distinct) || st.Leaves != 0 {
		t.Fatalf("stats %+v: want %d addressed, %d contents, no leaves", st, len(ts), len(distinct))
	}
	if st.Entries >= st.Addressed {
		t.Fatalf("stats %+v: consecutive ocean tiles not run-length encoded", st)
	}
	hd, err := pmtiles.DeserializeHeader(b[:HeaderLen])
	if err != nil {
		t.Fatal(err)
	}
	want := pmtiles.HeaderV3{SpecVersion: 3, Clustered: true, InternalCompression: pmtiles.Gzip,
		TileCompression: pmtiles.Gzip, TileType: pmtiles.Mvt, MinZoom: 0, MaxZoom: 14,
		MinLonE7: 1211000000, MinLatE7: 284000000, MaxLonE7: 1223000000, MaxLatE7: 292000000,
		CenterZoom: 9, CenterLonE7: 1216000000, CenterLatE7: 289000000,
		AddressedTilesCount: uint64(st.Addressed), TileEntriesCount: uint64(st.Entries), TileContentsCount: uint64(st.Contents)}
	want.RootOffset, want.RootLength = hd.RootOffset, hd.RootLength
	want.MetadataOffset, want.MetadataLength = hd.MetadataOffset, hd.MetadataLength
	want.LeafDirectoryOffset, want.LeafDirectoryLength = hd.LeafDirectoryOffset, hd.LeafDirectoryLength
	want.TileDataOffset, want.TileDataLength = hd.TileDataOffset, hd.TileDataLength
	if hd != want {
		t.Fatalf("header\n%+v, want\n%+v", hd, want)
	}
	if hd.RootOffset != HeaderLen || hd.TileDataOffset+hd.TileDataLength != uint64(len(b)) {
		t.Fatalf("sections: %+v in %d bytes", hd, len(b))
	}
	zr, err := gzip.NewReader(bytes.NewReader(b[hd.MetadataOffset : hd.MetadataOffset+hd.MetadataLength]))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(zr)
	var gotMeta map[string]any
	if err := json.Unmarshal(raw, &gotMeta); err != nil || gotMeta["attribution"] != "© someone" {
		t.Fatalf("metadata %s: %v", raw, err)
	}
}

// TestArchiveLeafDirectories: more entries than a 16 KiB root holds go to leaf directories, and every
// tile is still found through them.
func TestArchiveLeafDirectories(t *testing.T) {
	a := New(Header{TileCompression: CompressionGzip, TileType: TileTypeMVT, MinZoom: 10, MaxZoom: 10}, map[string]any{})
	r := rand.New(rand.NewPCG(3, 4))
	want := map[[2]uint32][]byte{}
	for len(want) < 40000 {
		x, y := r.Uint32N(1024), r.Uint32N(1024)
		d := fmt.Appendf(nil, "%d-%d-%d", x, y, r.Uint64()) // distinct: no runs, one entry each
		want[[2]uint32{x, y}] = d
		if err := a.Add(10, x, y, d); err != nil {
			t.Fatal(err)
		}
	}
	b, st := write(t, a)
	if st.Leaves < 2 || st.Entries != len(want) {
		t.Fatalf("stats %+v: want leaves and %d entries", st, len(want))
	}
	hd, _ := pmtiles.DeserializeHeader(b[:HeaderLen])
	if hd.RootOffset+hd.RootLength > rootLimit || hd.LeafDirectoryLength == 0 {
		t.Fatalf("root ends at %d (over %d) or no leaves: %+v", hd.RootOffset+hd.RootLength, rootLimit, hd)
	}
	for k, d := range want {
		got, ok := readTile(t, b, 10, k[0], k[1])
		if !ok || !bytes.Equal(got, d) {
			t.Fatalf("10/%d/%d: %q %v, want %q", k[0], k[1], got, ok, d)
		}
	}
}

// TestArchiveRuns: a long row of identical consecutive tiles is one entry, and a repeat that is not
// consecutive shares the bytes in a new entry.
func TestArchiveRuns(t *testing.T) {
	a := New(Header{TileType: TileTypeMVT, TileCompression: CompressionGzip, MaxZoom: 8}, nil)
	same := []byte("same")
	for x := uint32(0); x < 256; x++ {
		for y := uint32(0); y < 256; y++ {
			if err := a.Add(8, x, y, same); err != nil {
				t.Fatal(err)
			}
		}
	}
	a.Add(0, 0, 0, []byte("other"))
	a.Add(1, 1, 1, same) // same content, not consecutive with the z8 run
	b, st := write(t, a)
	if st.Entries != 3 || st.Contents != 2 || st.Addressed != 256*256+2 {
		t.Fatalf("stats %+v: want 3 entries, 2 contents", st)
	}
	for _, c := range [][3]uint32{{8, 0, 0}, {8, 255, 255}, {8, 17, 200}, {1, 1, 1}} {
		if got, ok := readTile(t, b, uint8(c[0]), c[1], c[2]); !ok || !bytes.Equal(got, same) {
			t.Fatalf("%v: %q %v", c, got, ok)
		}
	}
	if _, ok := readTile(t, b, 1, 0, 0); ok {
		t.Fatal("1/0/0 found")
	}
	hd, _ := pmtiles.DeserializeHeader(b[:HeaderLen])
	if hd.TileDataLength != uint64(len(same)+len("other")) {
		t.Fatalf("tile data %d bytes: duplicates stored more than once", hd.TileDataLength)
	}
}

func TestArchiveRefusesEmptyAndBadTiles(t *testing.T) {
	a := New(Header{}, nil)
	if _, err := a.Write(io.Discard); !errors.Is(err, ErrEmpty) {
		t.Fatalf("empty archive: %v, want ErrEmpty", err)
	}
	a.Add(3, 1, 1, nil)
	if _, err := a.Write(io.Discard); !errors.Is(err, ErrEmpty) {
		t.Fatalf("only empty tiles: %v, want ErrEmpty", err)
	}
	for _, c := range [][3]uint32{{3, 8, 0}, {3, 0, 8}, {32, 0, 0}} {
		if err := a.Add(uint8(c[0]), c[1], c[2], []byte("x")); err == nil {
			t.Fatalf("%v accepted", c)
		}
	}
	if err := New(Header{}, func() {}).Add(0, 0, 0, []byte("x")); err != nil {
		t.Fatal(err)
	}
	bad := New(Header{}, func() {})
	bad.Add(0, 0, 0, []byte("x"))
	if _, err := bad.Write(io.Discard); err == nil {
		t.Fatal("unencodable metadata accepted")
	}
	fail := New(Header{}, nil)
	fail.Add(0, 0, 0, []byte("x"))
	if _, err := fail.Write(failWriter{}); err == nil {
		t.Fatal("write error not reported")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
