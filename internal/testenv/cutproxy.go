package testenv

import (
	"context"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/pgtest"
)

// CutProxy is a loopback TCP forwarder between the service and the test cluster. Cut makes the
// database vanish for whoever connects through it, without stopping the cluster the other tests
// share: every forwarded connection is closed and new ones are closed as soon as they are accepted.
// Restore lets connections through again. The listening port stays the same throughout, so the
// service's connection string keeps working.
type CutProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	cut   bool
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// NewCutProxy listens on 127.0.0.1:0 and forwards to the host and port of the database URL dbURL.
// It is closed with the test.
func NewCutProxy(t testing.TB, dbURL string) *CutProxy {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("cut proxy: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("cut proxy: %v", err)
	}
	p := &CutProxy{ln: ln, target: u.Host, conns: map[net.Conn]struct{}{}}
	p.wg.Go(p.accept)
	t.Cleanup(p.close)
	return p
}

// URL returns dbURL with its host and port replaced by the proxy's.
func (p *CutProxy) URL(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		panic(err) // NewCutProxy parsed the same kind of URL
	}
	u.Host = p.ln.Addr().String()
	return u.String()
}

// Cut closes every connection through the proxy and refuses new ones until Restore.
func (p *CutProxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	for c := range p.conns {
		c.Close()
	}
}

// Restore lets connections through again.
func (p *CutProxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = false
}

func (p *CutProxy) close() {
	p.ln.Close()
	p.Cut()
	p.wg.Wait()
}

func (p *CutProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.wg.Go(func() { p.forward(c) })
	}
}

// forward pipes one client connection to the target until either side closes.
func (p *CutProxy) forward(client net.Conn) {
	if !p.track(client) {
		client.Close()
		return
	}
	defer p.untrack(client)
	server, err := (&net.Dialer{}).DialContext(context.Background(), "tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(server) {
		server.Close()
		client.Close()
		return
	}
	defer p.untrack(server)
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		done <- struct{}{}
	}
	go pipe(server, client)
	go pipe(client, server)
	<-done
	client.Close()
	server.Close()
	<-done
}

// track registers c so that Cut can close it; it refuses while the proxy is cut.
func (p *CutProxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cut {
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *CutProxy) untrack(c net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.conns, c)
}

// CutServer starts the service (as ServeMain does) on a freshly loaded database reached through a
// CutProxy as parkmap_reader and parkmap_writer, and returns its base URL, the proxy and the
// database's direct superuser URL (for the test's own writes, which a cut must not stop).
func CutServer(t testing.TB, c app.Config) (base string, p *CutProxy, directURL string) {
	t.Helper()
	directURL = LoadedDatabase(t)
	p = NewCutProxy(t, directURL)
	c.DatabaseURL = p.URL(pgtest.RoleURL(directURL, ReaderRole))
	c.WriterURL = p.URL(pgtest.RoleURL(directURL, WriterRole))
	return ServeMain(t, c), p, directURL
}
