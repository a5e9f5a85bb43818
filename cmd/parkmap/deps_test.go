package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The server binary must not link the shape generator: parkmap-synth is a separate command, and the
// server only reads the committed files. go list sees the imports of every file in the build, which a
// test inside the binary could not.
func TestServerDoesNotLinkTheGenerator(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the server's dependencies: %v", err)
	}
	const server, generator = "github.com/pingyang/parkmap/cmd/parkmap", "github.com/pingyang/parkmap/internal/synth"
	out, err := exec.Command(gobin, "list", "-deps", server).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", server, err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps %s listed only %v", server, deps)
	}
	for _, d := range deps {
		if d == generator || strings.HasPrefix(d, generator+"/") {
			t.Errorf("%s depends on %s; the generator belongs to cmd/parkmap-synth only", server, d)
		}
	}
}
