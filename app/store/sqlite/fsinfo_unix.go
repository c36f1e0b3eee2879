//go:build unix

package sqlite

import "syscall"

// writable reports whether this process may write the file: permissions,
// and a read-only mount (EROFS).
func writable(path string) error {
	return syscall.Access(path, 2) // W_OK
}
