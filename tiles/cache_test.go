package tiles_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/pingyang/parkmap/tiles"
)

func key(v string, z, x, y int) tiles.Key {
	return tiles.Key{Version: v, Tileset: "parks", Coord: tiles.Coord{Z: z, X: x, Y: y}}
}

func TestCacheLRUByEntries(t *testing.T) {
	c := tiles.NewCache(3, 1<<20)
	for i := range 3 {
		c.Add(key("v1", 10, i, 0), []byte{byte(i)})
	}
	c.Get(key("v1", 10, 0, 0)) // 0 is now the most recent; 1 the least
	c.Add(key("v1", 10, 3, 0), []byte{3})
	if _, ok := c.Get(key("v1", 10, 1, 0)); ok {
		t.Error("least recently used tile survived")
	}
	for _, x := range []int{0, 2, 3} {
		e, ok := c.Get(key("v1", 10, x, 0))
		if !ok || !bytes.Equal(e.Data, []byte{byte(x)}) {
			t.Errorf("tile %d: %v %v", x, e.Data, ok)
		}
		// The entry carries the tile's ETag, computed when it was added.
		if want := tiles.ETag(key("v1", 10, x, 0)); e.ETag != want {
			t.Errorf("tile %d: ETag %q, want %q", x, e.ETag, want)
		}
	}
	if s := c.Stats(); s.Entries != 3 || s.Evictions != 1 {
		t.Errorf("stats %v", s)
	}
}

func TestCacheBoundByBytes(t *testing.T) {
	c := tiles.NewCache(1000, 10_000)
	big := bytes.Repeat([]byte{1}, 3000)
	for i := range 5 {
		c.Add(key("v1", 12, i, 0), big)
	}
	s := c.Stats()
	if s.Bytes > 10_000 || s.Entries != 3 {
		t.Errorf("stats %v: want 3 entries within 10000 bytes", s)
	}
	c.Add(key("v1", 12, 99, 0), bytes.Repeat([]byte{1}, 20_000))
	if _, ok := c.Get(key("v1", 12, 99, 0)); ok {
		t.Error("a tile larger than the budget was kept")
	}
	if c.Stats().Entries != 3 {
		t.Error("an oversized tile evicted others")
	}
}

func TestCacheEmptyTilesAndVersions(t *testing.T) {
	c := tiles.NewCache(100, 1<<20)
	c.Add(key("v1", 5, 1, 1), nil)
	if e, ok := c.Get(key("v1", 5, 1, 1)); !ok || len(e.Data) != 0 || e.ETag != tiles.ETag(key("v1", 5, 1, 1)) {
		t.Errorf("empty tile: %v %v", e, ok)
	}
	c.Add(key("v1", 5, 2, 1), []byte("x"))
	// A reload: the same coordinate under a new version is a different tile, and the old ones go.
	if _, ok := c.Get(key("v2", 5, 1, 1)); ok {
		t.Error("a new version hit an old tile")
	}
	c.Add(key("v2", 5, 1, 1), []byte("new"))
	if s := c.Stats(); s.Entries != 1 {
		t.Errorf("old version kept: %v", s)
	}
	if e, _ := c.Get(key("v2", 5, 1, 1)); string(e.Data) != "new" || e.ETag != tiles.ETag(key("v2", 5, 1, 1)) {
		t.Errorf("got %q, ETag %q", e.Data, e.ETag)
	}
	// Replacing a tile keeps the byte count right.
	c.Add(key("v2", 5, 1, 1), []byte("newer"))
	if s := c.Stats(); s.Entries != 1 || s.Bytes != int64(len("newer"))+160 {
		t.Errorf("after replace: %v", s)
	}
}

func TestCacheDisabled(t *testing.T) {
	for _, c := range []*tiles.Cache{nil, tiles.NewCache(0, 1<<20), tiles.NewCache(10, 0)} {
		c.Add(key("v", 1, 0, 0), []byte("x"))
		if _, ok := c.Get(key("v", 1, 0, 0)); ok {
			t.Error("a disabled cache returned a tile")
		}
		_ = c.Stats().String()
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := tiles.NewCache(50, 1<<16)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := key(fmt.Sprintf("v%d", i/250), 14, (g*31+i)%80, 0)
				if e, ok := c.Get(k); ok && (string(e.Data) != k.Coord.String() || e.ETag != tiles.ETag(k)) {
					t.Errorf("tile %v holds %q, ETag %q", k, e.Data, e.ETag)
				}
				c.Add(k, []byte(k.Coord.String()))
			}
		}()
	}
	wg.Wait()
	if s := c.Stats(); s.Entries > 50 || s.Bytes > 1<<16 {
		t.Errorf("bounds broken: %v", s)
	}
}

func TestETag(t *testing.T) {
	a := tiles.ETag(key("v1", 10, 5, 6))
	if !strings.HasPrefix(a, `W/"`) || !strings.HasSuffix(a, `"`) || len(a) < 10 {
		t.Errorf("ETag %s is not a weak entity tag", a)
	}
	if a != tiles.ETag(key("v1", 10, 5, 6)) {
		t.Error("ETag is not stable")
	}
	others := []tiles.Key{
		key("v2", 10, 5, 6), key("v1", 10, 6, 5), key("v1", 1, 0, 56),
		{Version: "v1", Tileset: "all", Coord: tiles.Coord{Z: 10, X: 5, Y: 6}},
	}
	for _, k := range others {
		if tiles.ETag(k) == a {
			t.Errorf("ETag of %+v equals that of another tile", k)
		}
	}
}
