package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
)

// Conditional GETs of the OGC documents (issue 13): a collection, its items and one feature carry a
// weak ETag derived from what the answer depends on, and a client that sends it back in If-None-Match
// is answered 304 before any query runs (QGIS and browsers revalidate every view). The tag hashes the
// dataset version kept in memory (which every write to a published table moves), this process's
// instance, the base URL the links are written with, and the path and query; so a change of data, a
// new binary or a restart, another host name or another question each give another tag. Weak: the
// same data may come gzip-compressed or not, and PostgreSQL need not write its JSON byte for byte the
// same twice.

// instanceID distinguishes this process's tags from those of the binary that ran before it, whose
// answers may differ for the same data.
var instanceID = func() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}()

// documentCacheControl lets a client keep a document but ask again before each use: revalidation
// with the ETag costs no query.
const documentCacheControl = "public, no-cache"

// notModifiedDocument sets the ETag of the document r asks for and reports whether the client's
// If-None-Match already holds it, in which case it has answered 304. Without a dataset version yet
// (the database never reached) there is no tag and the document is served in full.
func (s *server) notModifiedDocument(w http.ResponseWriter, r *http.Request) bool {
	v, ok := s.Versions.Version()
	if !ok {
		return false
	}
	h := sha256.New()
	format := "json"
	if wantsHTML(r) {
		format = "html" // the same URL answers a browser in HTML (Accept): another representation
	}
	w.Header().Add("Vary", "Accept")
	for _, part := range []string{v, instanceID, s.baseURL(r), r.URL.EscapedPath(), r.URL.RawQuery, format} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	etag := `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", documentCacheControl)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}
