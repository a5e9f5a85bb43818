package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// panickingStore answers every call with a panic (a nil map write, say, in a store method).
type panickingStore struct{ FeatureStore }

func (panickingStore) FeatureItems(context.Context, catalog.Collection, catalog.Selection, func(int, iter.Seq2[json.RawMessage, error]) error) error {
	panic("store bug: assignment to entry in nil map")
}

type pinger struct{ err error }

func (p pinger) Ping(context.Context) error { return p.err }

func handlerWith(t *testing.T, logs *bytes.Buffer, d Deps) http.Handler {
	t.Helper()
	d.Log = slog.New(slog.NewTextHandler(logs, nil))
	d.Catalog = catalog.Default()
	d.Tilesets = tiles.MustCatalogue(d.Catalog.Collections())
	d.Page = PageOptions{Assets: testAssets(t, true)}
	return NewHandler(d)
}

// A panic in a handler is a logged 500 with the stack in the log and none in the response.
func TestPanicIsALoggedInternalError(t *testing.T) {
	var logs bytes.Buffer
	h := handlerWith(t, &logs, Deps{Features: panickingStore{}})
	w := get(t, h, "/collections/parks/items")
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", w.Code)
	}
	var body errorBody
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Code != "internal" || body.Description != "internal error" {
		t.Errorf("body %q (%v)", w.Body.String(), err)
	}
	if strings.Contains(w.Body.String(), "nil map") || strings.Contains(w.Body.String(), "goroutine") {
		t.Errorf("the response leaks the panic: %s", w.Body.String())
	}
	if !strings.Contains(logs.String(), "nil map") || !strings.Contains(logs.String(), "stack=") {
		t.Errorf("the log lacks the panic and its stack: %s", logs.String())
	}
}

// healthz says the process runs; readyz says whether the database answers, without its error text.
func TestHealthAndReadiness(t *testing.T) {
	var logs bytes.Buffer
	up := handlerWith(t, &logs, Deps{Health: pinger{}})
	if w := get(t, up, "/healthz"); w.Code != http.StatusOK {
		t.Errorf("healthz: %d", w.Code)
	}
	if w := get(t, up, "/readyz"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"database":"ok"`) {
		t.Errorf("readyz with the database up: %d %s", w.Code, w.Body.String())
	}
	down := handlerWith(t, &logs, Deps{Health: pinger{errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")}})
	if w := get(t, down, "/healthz"); w.Code != http.StatusOK {
		t.Errorf("healthz with the database down: %d", w.Code)
	}
	w := get(t, down, "/readyz")
	if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "refused") {
		t.Errorf("readyz with the database down: %d %s", w.Code, w.Body.String())
	}
}
