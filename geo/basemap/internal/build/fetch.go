// Package build makes the embedded basemap of package basemap from the
// world-atlas npm package: fetch and verify the exact input, decode its
// TopoJSON, simplify and encode. It is used by the generator (cmd gen) and
// by make check-basemap, which checks the committed file is reproducible.
package build

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// The exact input: the npm package and the integrity npm reports for it
// (`npm view world-atlas@2.0.2 dist.integrity`). Changing the version means
// changing both, and regenerating.
const (
	Package   = "world-atlas@2.0.2"
	Tarball   = "world-atlas-2.0.2.tgz"
	Integrity = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
	InputFile = "package/countries-110m.json"
)

// ErrNoNPM is returned by Fetch when npm is not installed.
var ErrNoNPM = errors.New("npm not found in PATH")

// Fetch returns the contents of countries-110m.json from world-atlas@2.0.2.
// The tarball is kept in cacheDir; a cached or freshly packed tarball is used
// only if its sha512 matches Integrity.
func Fetch(cacheDir string) ([]byte, error) {
	path := filepath.Join(cacheDir, Tarball)
	tgz, err := os.ReadFile(path)
	if err != nil || verify(tgz) != nil {
		if _, err := exec.LookPath("npm"); err != nil {
			return nil, ErrNoNPM
		}
		if err := os.MkdirAll(cacheDir, 0o755); err != nil {
			return nil, fmt.Errorf("create cache dir: %w", err)
		}
		cmd := exec.Command("npm", "pack", Package, "--pack-destination", cacheDir, "--silent")
		cmd.Stderr = os.Stderr
		if out, err := cmd.Output(); err != nil {
			return nil, fmt.Errorf("npm pack %s: %w (%s)", Package, err, bytes.TrimSpace(out))
		}
		if tgz, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("read packed tarball: %w", err)
		}
	}
	if err := verify(tgz); err != nil {
		return nil, err
	}
	return extract(tgz, InputFile)
}

func verify(tgz []byte) error {
	sum := sha512.Sum512(tgz)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != Integrity {
		return fmt.Errorf("%s: integrity %s, want %s", Tarball, got, Integrity)
	}
	return nil
}

func extract(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", Tarball, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s: no %s", Tarball, name)
		}
		if err != nil {
			return nil, fmt.Errorf("untar %s: %w", Tarball, err)
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}
