//go:build !unix

package main

func raiseOpenFileLimit() uint64 { return 0 }
