//go:build unix

package sqlite

import "syscall"

// writable reports whether this process may write the file: permissions,
// and a read-only mount (EROFS).
func writable(path string) error {
	return syscall.Access(path, 2) // W_OK
}

// freeBytes is the space in the file system of dir that this process may
// use.
func freeBytes(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
