package web_test

import (
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// @camptocamp/ogc-client (npm, pinned in package.json) reads the server as a GIS web client would:
// web/ui/test/ogcclient.mjs says what it checks (issue 13).
func TestOGCClientReadsTheServer(t *testing.T) {
	base := testenv.Server(t)
	runBrowserScript(t, "ogcclient.mjs", "PARKMAP_URL="+base)
}
