package main

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// The ceiling for a warm tile is a static server: parkmap's exact answers (status, every header, the
// body as on the wire) served from memory, with no database, compressor or cache lookup but a map's.
// It runs in a process of its own, as a static server (nginx, an object store) would and as parkmap
// does: a server inside parkload would share the client's runtime and scheduler, which no deployment
// has, and would make the ratio a measure of that instead of parkmap's own cost.

// ceilingChildEnv, when set, makes parkload the ceiling's child process (serveCeilingChild).
const ceilingChildEnv = "PARKLOAD_CEILING_CHILD"

// storedResponse is a response as it crosses to the child (gob needs exported fields).
type storedResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

// ceilingServer serves exactly the responses parkmap gave, by path: every header parkmap sent but
// Date and Content-Length (which net/http writes itself), then the body.
func ceilingServer(byPath map[string]*response) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, ok := byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		for k, v := range resp.header {
			if k != "Date" && k != "Content-Length" {
				h[k] = v
			}
		}
		if resp.status == http.StatusOK {
			h.Set("Content-Length", fmt.Sprint(len(resp.body)))
		}
		w.WriteHeader(resp.status)
		_, _ = w.Write(resp.body)
	})
}

// listenCeiling serves byPath on a loopback port and returns its base URL and a function that stops it.
func listenCeiling(byPath map[string]*response) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: ceilingServer(byPath), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

// childProcess is the reference server this process is to be (its environment names one), or nil.
func childProcess() func(io.Reader, io.Writer) error {
	switch {
	case os.Getenv(ceilingChildEnv) != "":
		return serveCeilingChild
	case os.Getenv(httpFloorChildEnv) != "":
		return serveHTTPFloorChild
	}
	return nil
}

// startCeiling starts the ceiling as a child process (startChild) and sends it the responses.
func startCeiling(byPath map[string]*response) (string, func(), error) {
	stored := make(map[string]storedResponse, len(byPath))
	for p, r := range byPath {
		stored[p] = storedResponse{Status: r.status, Header: r.header, Body: r.body}
	}
	return startChild("ceiling", ceilingChildEnv, func(w io.Writer) error { return gob.NewEncoder(w).Encode(stored) })
}

// startChild starts this executable again with env set, as the reference server called name: send
// writes what the child needs on its stdin, and the child answers with its base URL on its stdout.
// The returned function closes the child's stdin, which ends it, and waits for it.
func startChild(name, env string, send func(io.Writer) error) (string, func(), error) {
	self, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), env+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { _ = stdin.Close(); _ = cmd.Wait() }
	if err := send(stdin); err != nil {
		stop()
		return "", nil, fmt.Errorf("%s process: sending its input: %w", name, err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	base := strings.TrimSpace(line)
	if err != nil || !strings.HasPrefix(base, "http://127.0.0.1:") {
		stop()
		return "", nil, fmt.Errorf("%s process: no address (%q, %v)", name, line, err)
	}
	return base, stop, nil
}

// serveCeilingChild is the child's side of startCeiling: it reads the responses from stdin, serves
// them, prints its base URL, and exits when stdin closes (the parent stopped it or died).
func serveCeilingChild(stdin io.Reader, stdout io.Writer) error {
	var stored map[string]storedResponse
	if err := gob.NewDecoder(stdin).Decode(&stored); err != nil {
		return fmt.Errorf("ceiling process: reading the responses: %w", err)
	}
	byPath := make(map[string]*response, len(stored))
	for p, r := range stored {
		byPath[p] = &response{status: r.Status, header: r.Header, body: r.Body}
	}
	base, stop, err := listenCeiling(byPath)
	if err != nil {
		return err
	}
	defer stop()
	if _, err := fmt.Fprintln(stdout, base); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, stdin)
	return nil
}
