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
// names of the file set and byte columns. limiter reports whether a
// function, named as (*types.Func).FullName writes it, is one of the
// configuration's limiters; nil for none. configs gives the configuration
// of a package directory, as for ForModule (nil: none). A panic of the
// mapping is returned as an error.
func Routes(pkgs []*packages.Package, limiter func(fullName string) bool, configs func(dir string) *config.Config) (rs []routes.Route, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while mapping routes: %v\n%s", r, debug.Stack())
		}
	}()
	m := summary.NewModule(pkgs, configs)
	for _, p := range pkgs {
		if res := m.Of(p.Types); res != nil {
			for _, r := range goroutes.Find(p.Fset, res, limiter) {
				rs = append(rs, r.Route)
			}
			return rs, nil
		}
	}
	return nil, nil
}
