// Package version tells which rlcheck this is.
package version

import (
	"runtime/debug"
	"strings"
)

// base is the version of this source tree; release builds may override it
// with -ldflags "-X github.com/rlcheck/rlcheck/internal/version.base=1.2.3".
var base = "0.1.0"

// String returns rlcheck's semantic version: the module version when
// installed with `go install ...@vX.Y.Z`, otherwise the tree's own.
func String() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		v := info.Main.Version
		if v != "" && v != "(devel)" && !strings.Contains(v, "+dirty") {
			return strings.TrimPrefix(v, "v")
		}
	}
	return base
}
