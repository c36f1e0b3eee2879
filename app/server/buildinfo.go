package server

import (
	"runtime/debug"
)

// BuildInfo names the build of the running binary, for `fivecalls version`
// and the fivecalls_build_info metric.
type BuildInfo struct {
	// Version is the main module's version as the go command stamped it:
	// a tag, a pseudo-version such as v0.0.0-20261201145945-1b3f2f9e0d4a
	// (+dirty with uncommitted changes), or "(devel)" when built outside
	// version control.
	Version string
	// Commit is the VCS revision, "unknown" when the build had none (a
	// build outside a git checkout, or go test).
	Commit string
	// Modified reports uncommitted changes in the checkout that was built.
	Modified bool
	// Time is the commit's time (RFC 3339), empty when unknown.
	Time string
	// GoVersion is the toolchain that built the binary, e.g. go1.26.8.
	GoVersion string
}

// ReadBuildInfo reads the build from the binary (debug.ReadBuildInfo).
func ReadBuildInfo() BuildInfo {
	b := BuildInfo{Version: "unknown", Commit: "unknown", GoVersion: "unknown"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	b.GoVersion = info.GoVersion
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}
