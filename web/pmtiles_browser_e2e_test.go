package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// TestWebMapFromTilesArchive runs web/ui/test/pmtiles.mjs: the county's tiles exported with the real
// `parkmap tiles export`, that archive served from another origin as a static host serves it (HTTP
// Range, CORS), and the page of `serve -tiles-archive` drawing the parks from it: the archive host
// gets Range requests and parkmap not one tile request, under the CSP, with no error. Sad paths: an
// archive that is not there (404) and a host that ignores Range must each say so on the page (静态瓦片包
// 无法读取) rather than leave a blank map.
func TestWebMapFromTilesArchive(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	src := testenv.ServeDatabase(t, db, app.Config{})
	file := exportArchive(t, src)

	arch := &archiveHost{file: file}
	archSrv := httptest.NewServer(arch)
	t.Cleanup(archSrv.Close)

	// parkmap's page behind a handler that counts its tile requests: the page must make none.
	var tileRequests, otherRequests atomic.Int64
	counted := func(base string) string {
		target, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		rp := httputil.NewSingleHostReverseProxy(target)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/tiles/all/") {
				tileRequests.Add(1)
			} else {
				otherRequests.Add(1)
			}
			rp.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	withArchive := counted(testenv.ServeDatabase(t, db, app.Config{TilesArchive: archSrv.URL + "/pingyang.pmtiles"}))
	missing := testenv.ServeDatabase(t, db, app.Config{TilesArchive: archSrv.URL + "/missing.pmtiles"})
	noRange := testenv.ServeDatabase(t, db, app.Config{TilesArchive: archSrv.URL + "/norange/pingyang.pmtiles"})

	runBrowserScript(t, "pmtiles.mjs", "PARKMAP_URL="+withArchive, "PARKMAP_MISSING_URL="+missing,
		"PARKMAP_NORANGE_URL="+noRange, "ARCHIVE_ORIGIN="+archSrv.URL)

	if n := arch.ranges.Load(); n < 2 {
		t.Errorf("the archive host answered %d Range requests: the page did not read the archive (header, directory, tiles)", n)
	}
	if n := arch.whole.Load(); n != 0 {
		t.Errorf("the archive host was asked %d times for the whole archive (no Range) at the good address", n)
	}
	if n := tileRequests.Load(); n != 0 {
		t.Errorf("parkmap got %d /tiles/all/ requests from the page that draws from the archive", n)
	}
	if otherRequests.Load() == 0 {
		t.Error("parkmap got no request at all through the counting handler: the count proves nothing")
	}
	t.Logf("archive host: %d Range requests; parkmap: %d tile requests, %d others", arch.ranges.Load(), tileRequests.Load(), otherRequests.Load())
}

// exportArchive builds parkmap and runs `parkmap tiles export` of the server at base, z8-14, as a
// county would, and returns the archive's path.
func exportArchive(t *testing.T, base string) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "parkmap")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "./cmd/parkmap")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	file := filepath.Join(dir, "pingyang.pmtiles")
	out, err := exec.CommandContext(t.Context(), bin, "tiles", "export", "-url", base, "-o", file, "-zoom", "8-14").CombinedOutput()
	if err != nil {
		t.Fatalf("parkmap tiles export: %v\n%s", err, out)
	}
	t.Logf("parkmap tiles export:\n%s", out)
	return file
}

// archiveHost serves the archive as a static host does: http.ServeContent (Range, 206) with CORS for
// any origin at /pingyang.pmtiles; at /norange/ the whole file whatever was asked (a host without
// byte serving); 404 elsewhere. It counts the Range requests it answers.
type archiveHost struct {
	file          string
	ranges, whole atomic.Int64
}

func (a *archiveHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, Content-Range, Content-Length")
	if r.Method == http.MethodOptions {
		h.Set("Access-Control-Allow-Headers", "Range")
		h.Set("Access-Control-Allow-Methods", "GET, HEAD")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if r.URL.Path != "/pingyang.pmtiles" && r.URL.Path != "/norange/pingyang.pmtiles" {
		http.NotFound(w, r)
		return
	}
	f, err := os.Open(a.file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/norange/") {
		r.Header.Del("Range")
		r.Header.Del("If-Range")
	} else if r.Header.Get("Range") != "" {
		a.ranges.Add(1)
	} else {
		a.whole.Add(1)
	}
	h.Set("ETag", `"archive-1"`)
	http.ServeContent(w, r, "pingyang.pmtiles", st.ModTime(), f)
}
