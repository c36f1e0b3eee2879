package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// writeArtifact keeps a file for a person to look at: in
// $FIVECALLS_ARTIFACTS when set, else in the test's temporary folder.
func writeArtifact(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := os.Getenv("FIVECALLS_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
