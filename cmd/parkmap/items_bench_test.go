package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
)

// BenchmarkItems10k is issue 11's GeoJSON figure at county scale: BenchmarkParcels200k's 199,809
// parcels imported through the command line, `parkmap serve` started as its own process (so that its
// RSS is the server's alone), and one 10,000-feature page of /collections/parcels/items asked for per
// iteration, as identity and as gzip. rss-growth-MB is the server's peak RSS during the requests
// (VmHWM, reset through /proc/PID/clear_refs first) less its RSS before them, after a one-feature
// request has opened the pool and prepared the statement.
func BenchmarkItems10k(b *testing.B) {
	const n = 447 // 447² = 199,809 parcels
	dir := b.TempDir()
	src := filepath.Join(dir, "grid.geojson")
	parcelGrid(b, src, n)
	db := testenv.LoadedDatabase(b)
	out, errb := new(strings.Builder), new(strings.Builder)
	if err := run(b.Context(), []string{"import", "parcels", src, "-db", db, "-map", "id=DKBH", "-map", "year=GDNF",
		"-map", "area=YDMJ", "-map", "use=TDYT", "-map", "owner=QLR", "-json"}, out, errb); err != nil {
		b.Fatalf("import: %v\n%.2000s", err, errb.String())
	}
	bin := filepath.Join(dir, "parkmap")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	addr := freeAddr(b)
	srv := exec.Command(bin, "serve", "-addr", addr, "-db", pgtest.RoleURL(db, testenv.ReaderRole))
	if testing.Verbose() {
		srv.Stderr = os.Stderr
	}
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Process.Kill(); _ = srv.Wait() })
	base := "http://" + addr
	testenv.WaitFor(b, "parkmap serve to answer /readyz", func() bool {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path, encoding string) (int64, []byte) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("Accept-Encoding", encoding)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		var head bytes.Buffer
		nr, err := io.Copy(io.Discard, io.TeeReader(io.LimitReader(resp.Body, 200), &head))
		if err == nil {
			var rest int64
			rest, err = io.Copy(io.Discard, resp.Body)
			nr += rest
		}
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d %v %s", path, resp.StatusCode, err, head.Bytes())
		}
		return nr, head.Bytes()
	}
	const page = "/collections/parcels/items?limit=10000&offset=100000"
	get("/collections/parcels/items?limit=1", "identity")
	if _, head := get(page, "identity"); !bytes.Contains(head, []byte(`"numberReturned":10000,`)) {
		b.Fatalf("a 10,000-feature page starts %s", head)
	}
	pid := srv.Process.Pid
	for _, enc := range []string{"identity", "gzip"} {
		b.Run(enc, func(b *testing.B) {
			get("/collections/parcels/items?limit=1", enc)
			resetPeakRSS(b, pid)
			before := procStatusKB(b, pid, "VmRSS")
			var size int64
			for b.Loop() {
				size, _ = get(page, enc)
			}
			peak := procStatusKB(b, pid, "VmHWM")
			b.ReportMetric(float64(peak-before)/1024, "rss-growth-MB")
			b.ReportMetric(float64(before)/1024, "rss-before-MB")
			b.ReportMetric(float64(size)/1e6, "body-MB")
		})
	}
}

// freeAddr returns a loopback address with a port nobody listens on now.
func freeAddr(b *testing.B) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// resetPeakRSS sets process pid's VmHWM back to its current RSS (proc(5), clear_refs value 5).
func resetPeakRSS(b *testing.B, pid int) {
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err != nil {
		b.Fatalf("reset peak RSS: %v", err)
	}
}

// procStatusKB reads one kB field (VmRSS, VmHWM) of /proc/PID/status.
func procStatusKB(b *testing.B, pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
