package tiles

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
)

// Key names one rendered tile: the dataset it was made from, the tileset and the coordinate. Keying by
// the dataset version (a hash of the layers' content versions, kept in memory by the server's watcher)
// is what makes any change to a layer invalidate every cached tile.
type Key struct {
	Version string
	Tileset string
	Coord   Coord
}

// ETag is the entity tag of the tile k names. It is derived from the key, not the bytes, so that a
// conditional request is answered without rendering or even looking the tile up. It is weak: a
// re-render of the same data is the same tile, though PostGIS need not order its bytes identically.
func ETag(k Key) string {
	h := sha256.New()
	h.Write([]byte(k.Version))
	h.Write([]byte{0})
	h.Write([]byte(k.Tileset))
	h.Write([]byte{0})
	h.Write([]byte(k.Coord.String()))
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// entryOverhead is what a cached tile costs beyond its bytes (key, list element, map slot); it also
// makes empty tiles, which are cached too, count against the byte budget.
const entryOverhead = 160

// CacheStats counts what the cache has done, for logs and metrics.
type CacheStats struct {
	Entries   int
	Bytes     int64
	Hits      uint64
	Misses    uint64
	Evictions uint64
}

// Cache is a bounded least-recently-used cache of rendered tiles, safe for concurrent use. It is
// bounded both by entries and by bytes: a few large low-zoom tiles must not crowd out memory, nor
// many tiny empty ones the map. A nil *Cache, or one with a zero bound, caches nothing.
type Cache struct {
	maxEntries int
	maxBytes   int64

	mu      sync.Mutex
	version string // the newest dataset version seen; entries of any other are dropped when it changes
	ll      *list.List
	items   map[Key]*list.Element
	stats   CacheStats
}

type cacheEntry struct {
	key Key
	Entry
}

// Entry is a cached tile: its bytes and its ETag, computed once when it is added so that a hit costs
// no hashing.
type Entry struct {
	Data []byte
	ETag string
}

// NewCache returns a cache holding at most maxEntries tiles and maxBytes bytes.
func NewCache(maxEntries int, maxBytes int64) *Cache {
	return &Cache{maxEntries: maxEntries, maxBytes: maxBytes, ll: list.New(), items: map[Key]*list.Element{}}
}

func (c *Cache) disabled() bool { return c == nil || c.maxEntries <= 0 || c.maxBytes <= 0 }

// Get returns the cached tile for k. The bytes are shared: callers must not modify them.
func (c *Cache) Get(k Key) (Entry, bool) {
	if c.disabled() {
		return Entry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		c.stats.Hits++
		return e.Value.(*cacheEntry).Entry, true
	}
	c.stats.Misses++
	return Entry{}, false
}

// Add stores a rendered tile (empty ones too: an empty tile is as costly to find as a full one). A
// tile larger than the whole budget is not kept. A new dataset version drops every older tile at once.
func (c *Cache) Add(k Key, data []byte) {
	if c.disabled() {
		return
	}
	cost := int64(len(data)) + entryOverhead
	if cost > c.maxBytes {
		return
	}
	entry := Entry{Data: data, ETag: ETag(k)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if k.Version != c.version {
		c.dropOtherVersions(k.Version)
	}
	if e, ok := c.items[k]; ok {
		old := e.Value.(*cacheEntry)
		c.stats.Bytes += int64(len(data)) - int64(len(old.Data))
		old.Entry = entry
		c.ll.MoveToFront(e)
	} else {
		c.items[k] = c.ll.PushFront(&cacheEntry{key: k, Entry: entry})
		c.stats.Bytes += cost
		c.stats.Entries++
	}
	for c.stats.Entries > c.maxEntries || c.stats.Bytes > c.maxBytes {
		c.removeElement(c.ll.Back())
		c.stats.Evictions++
	}
}

// dropOtherVersions forgets every tile not of version v. The tile handler adds only tiles of the
// version it holds as current, so a render that raced a change does not swing the cache back.
func (c *Cache) dropOtherVersions(v string) {
	c.version = v
	for e := c.ll.Back(); e != nil; {
		prev := e.Prev()
		if e.Value.(*cacheEntry).key.Version != v {
			c.removeElement(e)
		}
		e = prev
	}
}

func (c *Cache) removeElement(e *list.Element) {
	ent := c.ll.Remove(e).(*cacheEntry)
	delete(c.items, ent.key)
	c.stats.Bytes -= int64(len(ent.Data)) + entryOverhead
	c.stats.Entries--
}

// Stats returns the cache's counters.
func (c *Cache) Stats() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// String summarises the counters for a log line.
func (s CacheStats) String() string {
	return "entries=" + strconv.Itoa(s.Entries) + " bytes=" + strconv.FormatInt(s.Bytes, 10) +
		" hits=" + strconv.FormatUint(s.Hits, 10) + " misses=" + strconv.FormatUint(s.Misses, 10) +
		" evictions=" + strconv.FormatUint(s.Evictions, 10)
}
