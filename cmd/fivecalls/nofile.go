package main

// openFileLimit raises this process's limit on open files (RLIMIT_NOFILE)
// from its soft value to its hard one, where the system allows, and returns
// the limit in force. Go does the same when it starts on Linux; doing it
// here says so, and gives the connection cap its default. 0: unknown.
func openFileLimit() uint64 { return raiseOpenFileLimit() }

// defaultMaxConns is the cap on open connections for an open-file limit:
// 4,096 (about 80 MB of buffers and goroutines at most, and more than two
// cores can serve at once), or less when the limit leaves less room beside
// the 256 descriptors kept for the database, files and the metrics listener.
func defaultMaxConns(nofile uint64) int {
	const want, reserve = 4096, 256
	switch {
	case nofile == 0:
		return want
	case nofile <= 2*reserve:
		return int(nofile / 2)
	default:
		return int(min(want, nofile-reserve))
	}
}
