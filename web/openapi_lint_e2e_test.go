package web_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// The OpenAPI document passes Redocly's linter (npm @redocly/cli, pinned, installed by npm ci) with
// its recommended rules and no error: every operation states its security (the session, or none for
// published data), every schema is valid OpenAPI 3.0. Warnings (no licence in info) are allowed.
func TestOpenAPIPassesRedoclyLint(t *testing.T) {
	base := testenv.Server(t)
	cli, err := filepath.Abs(filepath.Join("..", "node_modules", "@redocly", "cli", "bin", "cli.js"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cli); err != nil {
		t.Fatalf("@redocly/cli is not installed (npm ci installs it): %v", err)
	}
	dir := t.TempDir() // no redocly.yaml there: the recommended rules
	doc := filepath.Join(dir, "openapi.json")
	if err := os.WriteFile(doc, ogcGetOK(t, base+"/api", "application/vnd.oai.openapi+json;version=3.0", nil), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "node", cli, "lint", "--format=summary", doc)
	cmd.Dir = dir
	// Offline: no telemetry, no update check.
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("redocly lint: %v\n%s", err, out)
	}
}
