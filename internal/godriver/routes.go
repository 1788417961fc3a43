package godriver

import (
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/gocode"
	"github.com/rlcheck/rlcheck/internal/config"
	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// Routes loads every target as Run does and returns the HTTP routes of
// its applications (gocode.Routes), located relative to root in
// characters, and the problems met on the way. configs gives each package
// directory's configuration, as for Run; the limiters it declares limit.
func Routes(targets []discover.GoTarget, root string, configs func(dir string) *config.Config) ([]routes.Route, *Result) {
	res := new(Result)
	files := newFileCache()
	var out []routes.Route
	for _, t := range targets {
		out = append(out, targetRoutes(res, t, root, files, configs)...)
	}
	return out, res
}

func targetRoutes(res *Result, t discover.GoTarget, root string, files *fileCache, configs func(string) *config.Config) []routes.Route {
	pkgs, cleanup, ok := loadTarget(res, t, root, files)
	defer cleanup()
	if !ok {
		return nil
	}
	rs, err := gocode.Routes(pkgs, configs)
	if err != nil {
		where := finding.RelPath(root, t.Dir)
		res.Notifications = append(res.Notifications, finding.InternalError(where, "", "the routes of "+where, firstLine(err.Error()), []byte(err.Error())))
		return nil
	}
	return relocate(rs, root, files)
}

// relocate turns the locations of routes (file names, byte columns) into
// those of findings: relative to root, in characters. A route found twice
// (a package and its test variant) is kept once.
func relocate(rs []routes.Route, root string, files *fileCache) []routes.Route {
	seen := make(map[string]bool)
	var out []routes.Route
	for _, r := range rs {
		loc := &r.Location
		file := files.real(loc.Path)
		loc.Start.Column = files.charColumn(loc.Path, loc.Start.Line, loc.Start.Column)
		loc.End.Column = files.charColumn(loc.Path, loc.End.Line, loc.End.Column)
		loc.Path = finding.RelPath(root, file)
		key := fmt.Sprintf("%s|%d|%d|%s|%s", loc.Path, loc.Start.Line, loc.Start.Column, r.Method, r.Path)
		if !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}
