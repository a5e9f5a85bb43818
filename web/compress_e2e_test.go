package web_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// The documents a GIS client reads besides /items (collections, one feature, the OpenAPI document,
// the landing page as HTML) come gzip-compressed when asked, once, with a length that matches the
// bytes sent, and decode to what an identity request gets; without Accept-Encoding they are plain.
func TestDocumentsGzip(t *testing.T) {
	base := testenv.Server(t)
	paths := []string{"/collections", "/api", "/collections/parks/items/wanyang",
		"/collections/parks/items?limit=100", "/?f=html"}
	for _, path := range paths {
		plainResp, plain := getItems(t, base+path, "")
		if plainResp.StatusCode != http.StatusOK || plainResp.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s identity: %d %v", path, plainResp.StatusCode, plainResp.Header)
		}
		resp, packed := getItems(t, base+path, "gzip, deflate, br")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" ||
			!strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("%s gzip: %d %v (%d bytes plain)", path, resp.StatusCode, resp.Header, len(plain))
			continue
		}
		if cl := resp.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(packed)) {
			t.Errorf("%s: Content-Length %s for %d bytes", path, cl, len(packed))
		}
		zr, err := gzip.NewReader(bytes.NewReader(packed))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		unpacked, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(timeStamp.ReplaceAll(plain, nil), timeStamp.ReplaceAll(unpacked, nil)) {
			t.Errorf("%s: gzip decodes to %.200s (%v), identity is %.200s", path, unpacked, err, plain)
		}
		if strings.HasPrefix(path, "/?") {
			continue
		}
		if !json.Valid(unpacked) { // compressed once: one gunzip gives the JSON, not another gzip
			t.Errorf("%s: decoded body is not JSON: %.100q", path, unpacked)
		}
	}
	// Below compressMinSize (a feature's name alone is about 0.4 KB) the answer stays plain even when
	// gzip is asked.
	small := "/collections/parks/items/wanyang?properties=name&skipGeometry=true"
	if resp, body := getItems(t, base+small, "gzip"); resp.StatusCode != http.StatusOK ||
		resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("%s with gzip (%d bytes): %d %v", small, len(body), resp.StatusCode, resp.Header)
	}
}
