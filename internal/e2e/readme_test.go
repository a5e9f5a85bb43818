package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// readmeBase is the address the README's examples call: make run serves there.
const readmeBase = "http://127.0.0.1:8080"

// readmeExamples returns the lines of README.md's sh blocks that call a running server (readmeBase),
// the examples a new user copies first (issue 13: the README's own example tile was empty, so its
// ogrinfo line failed).
func readmeExamples(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, block := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(readme), -1) {
		for _, line := range strings.Split(block[1], "\n") {
			// make run and make test are the README's first commands, run by CI and the stop check;
			// here, the examples that call the server make run starts.
			if strings.Contains(line, readmeBase) && !strings.HasPrefix(line, "make ") {
				lines = append(lines, strings.TrimSpace(line))
			}
		}
	}
	return lines
}

// Every README example that calls the server is run as written (by bash, as a user's shell would),
// against a server on the bundled data: it must succeed, print something, and print no error or
// warning a user would see; a JSON answer must not be an error document, and an MVT tile must hold
// features.
func TestReadmeExamplesRun(t *testing.T) {
	lines := readmeExamples(t)
	if len(lines) < 3 {
		t.Fatalf("README.md shows %d examples against %s; the test expects the curl, OAPIF and MVT ones", len(lines), readmeBase)
	}
	base := testenv.Server(t)
	for _, line := range lines {
		t.Run(strings.Fields(line)[0], func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), "bash", "-c", strings.ReplaceAll(line, readmeBase, base))
			cmd.Env = append(os.Environ(), "CPL_VSIL_CURL_ALLOWED_EXTENSIONS=", "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s: %v\n%s%s", line, err, stdout.String(), stderr.String())
			}
			out := stdout.String() + stderr.String()
			if strings.TrimSpace(stdout.String()) == "" {
				t.Fatalf("%s printed nothing\n%s", line, out)
			}
			if regexp.MustCompile(`(?i)\b(error|warning)\b`).MatchString(out) {
				t.Errorf("%s printed an error or warning:\n%s", line, out)
			}
			if strings.HasPrefix(strings.TrimSpace(stdout.String()), "{") {
				var doc struct {
					Code     string            `json:"code"`
					Features []json.RawMessage `json:"features"`
				}
				if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || doc.Code != "" {
					t.Errorf("%s answered an error or no JSON (%v):\n%s", line, err, out)
				} else if len(doc.Features) == 0 {
					t.Errorf("%s found no features:\n%s", line, out)
				}
			}
			if strings.Contains(line, "MVT:") {
				if m := regexp.MustCompile(`Feature Count: ([1-9]\d*)`).FindString(out); m == "" {
					t.Errorf("%s: the tile holds no features:\n%s", line, out)
				}
			}
		})
	}
}
