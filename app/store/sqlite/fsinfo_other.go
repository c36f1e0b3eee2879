//go:build !unix

package sqlite

// Outside Unix (the server ships for Linux) writability is not checked:
// files are taken as writable.
func writable(string) error { return nil }
