// Package quiz is the reader quiz's domain: answers and the answers API's
// replies (the wire types both the server and the WebAssembly use), the
// catalog of valid questions and choices, the aggregate stats readers
// compare themselves with and every figure drawn from them, the Store
// interface the databases implement, and the error codes the API turns into
// statuses.
//
// It depends only on the standard library because it is compiled into the
// WebAssembly as well as the server: the browser shows "62% of readers" and
// "you beat 40% of readers" with the same Stats methods the tests check.
//
// Privacy: an answer links a random reader token to choices, nothing else.
// No names, addresses or client addresses ever reach this package.
package quiz
