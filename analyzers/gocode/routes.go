package gocode

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/packages"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/goroutes"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// Routes returns the HTTP routes of the applications in pkgs, the
// packages of one module, with the limit that covers each, as RL015 sees
// them (analyzers/gocode/internal/goroutes). Locations hold the file
// names of the file set and byte columns. configs gives the configuration
// of a package directory, as for ForModule (nil: none); the limiters they
// declare limit routes as in RL015. A panic of the mapping is returned as
// an error.
func Routes(pkgs []*packages.Package, configs func(dir string) *config.Config) (rs []routes.Route, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while mapping routes: %v\n%s", r, debug.Stack())
		}
	}()
	m := summary.NewModule(pkgs, configs)
	for _, p := range pkgs {
		if res := m.Of(p.Types); res != nil {
			for _, r := range goroutes.Of(p.Fset, res) {
				rs = append(rs, r.Route)
			}
			return rs, nil
		}
	}
	return nil, nil
}
