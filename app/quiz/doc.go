// Package quiz is the reader quiz's domain: answers, the catalog of valid
// questions and choices, the aggregate stats readers compare themselves with,
// the Store interface the databases implement, and the error codes the API
// turns into statuses.
//
// It depends only on the standard library because it is compiled into the
// WebAssembly client as well as the server: the browser uses the same Stats
// helpers (ShareOf, BeatPercent) to show "62% of readers knew this".
//
// Privacy: an answer links a random reader token to choices, nothing else.
// No names, addresses or client addresses ever reach this package.
package quiz
