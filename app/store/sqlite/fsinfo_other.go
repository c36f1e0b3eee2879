//go:build !unix

package sqlite

import "errors"

// Outside Unix (the server ships for Linux) writability and free space are
// not checked: files are taken as writable, and a disk found full stays so
// until a restart.
func writable(string) error { return nil }

func freeBytes(string) (uint64, error) {
	return 0, errors.New("free space is not known on this system")
}
