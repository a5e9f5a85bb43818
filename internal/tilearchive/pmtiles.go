// Package tilearchive writes PMTiles v3 archives (https://github.com/protomaps/PMTiles, spec/v3):
// one file holding a whole tileset, readable with HTTP Range requests from a static host or CDN.
// It is written here rather than imported because the reference Go package links the AWS, Azure
// and GCS SDKs, which more than doubled the server binary (issue 11). Only writing is here; the
// tests read back with the reference reader.
package tilearchive

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// HeaderLen is the fixed size of a v3 header; the root directory must end within the first
// rootLimit bytes so that a reader's first request (16 KiB) holds header and root together.
const (
	HeaderLen = 127
	rootLimit = 16384
)

// Values of the header's compression and type fields.
const (
	CompressionNone = 1
	CompressionGzip = 2
	TileTypeMVT     = 1
)

// ZxyToID is a tile's PMTiles id: the tiles of all lower zooms, then the tile's place on the
// Hilbert curve of its zoom, so that tiles near each other on the map are near in the file.
func ZxyToID(z uint8, x, y uint32) uint64 {
	id := ((uint64(1) << (2 * uint64(z))) - 1) / 3 // 4^0 + ... + 4^(z-1)
	n := uint32(1) << z
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		id += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 { // rotate the quadrant
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return id
}

// Entry is one directory entry: RunLength consecutive tile ids from TileID sharing the bytes at
// Offset (relative to the tile data section), or, with RunLength 0, a leaf directory at Offset
// (relative to the leaf section).
type Entry struct {
	TileID    uint64
	Offset    uint64
	Length    uint32
	RunLength uint32
}

// EncodeDirectory serialises entries (sorted by TileID) as the spec says: count, then columns of
// tile id deltas, run lengths, lengths and offsets (0 for "right after the previous", else
// offset+1), all varints, gzip-compressed.
func EncodeDirectory(entries []Entry) []byte {
	var raw []byte
	raw = binary.AppendUvarint(raw, uint64(len(entries)))
	var last uint64
	for _, e := range entries {
		raw = binary.AppendUvarint(raw, e.TileID-last)
		last = e.TileID
	}
	for _, e := range entries {
		raw = binary.AppendUvarint(raw, uint64(e.RunLength))
	}
	for _, e := range entries {
		raw = binary.AppendUvarint(raw, uint64(e.Length))
	}
	for i, e := range entries {
		if i > 0 && e.Offset == entries[i-1].Offset+uint64(entries[i-1].Length) {
			raw = binary.AppendUvarint(raw, 0)
		} else {
			raw = binary.AppendUvarint(raw, e.Offset+1)
		}
	}
	return gzipBytes(raw)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b) // a bytes.Buffer does not fail
	zw.Close()
	return buf.Bytes()
}

// Header is what the archive says about itself besides its sections.
type Header struct {
	TileCompression  uint8 // CompressionGzip: the tiles are stored as the server sends them
	TileType         uint8
	MinZoom, MaxZoom uint8
	Bounds           [4]float64 // min lon, min lat, max lon, max lat
	CenterZoom       uint8
	Center           [2]float64 // lon, lat
}

// Archive collects tiles in memory and writes them as one archive.
type Archive struct {
	Header   Header
	Metadata any // JSON-encoded into the metadata section
	tiles    map[uint64][]byte
}

// New is an empty archive with header h.
func New(h Header, metadata any) *Archive {
	return &Archive{Header: h, Metadata: metadata, tiles: map[uint64][]byte{}}
}

// Add stores tile z/x/y's bytes (as they are to be served: already compressed per
// Header.TileCompression). An empty tile is not stored: a reader takes no tile as empty.
func (a *Archive) Add(z uint8, x, y uint32, data []byte) error {
	if z > 31 || uint64(x) >= 1<<z || uint64(y) >= 1<<z {
		return fmt.Errorf("tilearchive: no tile %d/%d/%d", z, x, y)
	}
	if len(data) == 0 {
		return nil
	}
	if len(data) > math.MaxUint32 {
		return fmt.Errorf("tilearchive: tile %d/%d/%d is %d bytes, over 4 GiB", z, x, y, len(data))
	}
	a.tiles[ZxyToID(z, x, y)] = slices.Clone(data)
	return nil
}

// Stats says what a written archive holds.
type Stats struct {
	Addressed int   // tiles a reader finds
	Entries   int   // directory entries (a run of identical consecutive tiles is one)
	Contents  int   // distinct tile contents stored
	Bytes     int64 // the archive's size
	Leaves    int   // leaf directories (0: the root holds every entry)
}

// ErrEmpty is Write's answer for an archive without tiles: such a file would serve nothing, and
// is more likely a mistake (wrong URL, wrong zooms) than a wish.
var ErrEmpty = errors.New("tilearchive: no tiles to write")

// Write writes the archive: header, root directory, metadata, leaf directories, tile data,
// the tiles in id order (clustered), each distinct content once.
func (a *Archive) Write(w io.Writer) (Stats, error) {
	if len(a.tiles) == 0 {
		return Stats{}, ErrEmpty
	}
	ids := make([]uint64, 0, len(a.tiles))
	for id := range a.tiles {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var data bytes.Buffer
	offsets := map[[32]byte]uint64{}
	var entries []Entry
	for _, id := range ids {
		b := a.tiles[id]
		sum := sha256.Sum256(b)
		off, seen := offsets[sum]
		if n := len(entries); seen && n > 0 {
			last := &entries[n-1]
			if last.Offset == off && last.TileID+uint64(last.RunLength) == id {
				last.RunLength++
				continue
			}
		}
		if !seen {
			off = uint64(data.Len())
			offsets[sum] = off
			data.Write(b)
		}
		entries = append(entries, Entry{TileID: id, Offset: off, Length: uint32(len(b)), RunLength: 1})
	}
	meta, err := json.Marshal(a.Metadata)
	if err != nil {
		return Stats{}, fmt.Errorf("tilearchive: metadata: %w", err)
	}
	meta = gzipBytes(meta)
	root, leaves, nLeaves := Directories(entries, rootLimit-HeaderLen)

	h := make([]byte, HeaderLen)
	copy(h, "PMTiles")
	h[7] = 3
	put := func(at int, v uint64) { binary.LittleEndian.PutUint64(h[at:], v) }
	rootOff := uint64(HeaderLen)
	metaOff := rootOff + uint64(len(root))
	leafOff := metaOff + uint64(len(meta))
	dataOff := leafOff + uint64(len(leaves))
	put(8, rootOff)
	put(16, uint64(len(root)))
	put(24, metaOff)
	put(32, uint64(len(meta)))
	put(40, leafOff)
	put(48, uint64(len(leaves)))
	put(56, dataOff)
	put(64, uint64(data.Len()))
	put(72, uint64(len(ids)))
	put(80, uint64(len(entries)))
	put(88, uint64(len(offsets)))
	h[96] = 1 // clustered
	h[97] = CompressionGzip
	hd := a.Header
	h[98], h[99], h[100], h[101] = hd.TileCompression, hd.TileType, hd.MinZoom, hd.MaxZoom
	e7 := func(at int, v float64) { binary.LittleEndian.PutUint32(h[at:], uint32(int32(math.Round(v*1e7)))) }
	e7(102, hd.Bounds[0])
	e7(106, hd.Bounds[1])
	e7(110, hd.Bounds[2])
	e7(114, hd.Bounds[3])
	h[118] = hd.CenterZoom
	e7(119, hd.Center[0])
	e7(123, hd.Center[1])

	var n int64
	for _, part := range [][]byte{h, root, meta, leaves, data.Bytes()} {
		m, err := w.Write(part)
		n += int64(m)
		if err != nil {
			return Stats{}, fmt.Errorf("tilearchive: %w", err)
		}
	}
	return Stats{Addressed: len(ids), Entries: len(entries), Contents: len(offsets), Bytes: n, Leaves: nLeaves}, nil
}

// Directories lays entries out as a root directory of at most rootMax bytes, with leaf
// directories (concatenated) when the entries do not fit in one: leaves of leafSize entries, the
// size grown until the root, one entry per leaf, fits.
func Directories(entries []Entry, rootMax int) (root, leaves []byte, nLeaves int) {
	root = EncodeDirectory(entries)
	if len(root) <= rootMax {
		return root, nil, 0
	}
	for leafSize := 4096; ; leafSize = leafSize * 6 / 5 {
		var rootEntries []Entry
		var buf []byte
		for i := 0; i < len(entries); i += leafSize {
			leaf := EncodeDirectory(entries[i:min(i+leafSize, len(entries))])
			rootEntries = append(rootEntries, Entry{TileID: entries[i].TileID, Offset: uint64(len(buf)), Length: uint32(len(leaf))})
			buf = append(buf, leaf...)
		}
		root = EncodeDirectory(rootEntries)
		if len(root) <= rootMax {
			return root, buf, len(rootEntries)
		}
	}
}
