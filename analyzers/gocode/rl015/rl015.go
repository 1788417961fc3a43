package rl015

import (
	"fmt"
	"go/ast"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/goroutes"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/summary"
	"github.com/rlcheck/rlcheck/internal/routes"
	"github.com/rlcheck/rlcheck/rules"
)

const id = "RL015"

// Analyzer reports a route without a rate limit among routes of the same
// application that have one. Its result is the routes registered in the
// package, with the limit that covers each ([]routes.Route, located by
// file name and byte column), for the route table of the job summary.
var Analyzer = &analysis.Analyzer{
	Name:             id,
	Doc:              rules.MustLookup(id).Title,
	URL:              rules.MustLookup(id).HelpURI(),
	Run:              run,
	RunDespiteErrors: true,
	Requires:         []*analysis.Analyzer{summary.Analyzer},
	ResultType:       reflect.TypeFor[[]routes.Route](),
}

// maxRelated bounds the limited neighbours a finding points at.
const maxRelated = 2

func run(pass *analysis.Pass) (any, error) {
	all := goroutes.Of(pass.Fset, summary.Of(pass))
	plain := make([]routes.Route, len(all))
	for i, r := range all {
		plain[i] = r.Route
	}
	unlimited := make(map[int]bool)
	for _, r := range routes.Unlimited(plain) {
		for i := range plain {
			if plain[i] == r {
				unlimited[i] = true
			}
		}
	}
	var own []routes.Route
	reported := make(map[string]bool)
	for i, r := range all {
		if !inFiles(pass.Files, r) {
			continue
		}
		own = append(own, r.Route)
		// A registration that several applications share (a
		// RegisterRoutes called by main and by a test setup) is
		// reported once.
		key := fmt.Sprintf("%d %s %s", r.Pos, r.Method, r.Path)
		if !unlimited[i] || reported[key] {
			continue
		}
		reported[key] = true
		limited, judged := 0, 0
		example := ""
		var related []analysis.RelatedInformation
		for _, n := range all {
			if n.Group != r.Group || n.Ignored() {
				continue
			}
			judged++
			if n.Limited() {
				limited++
				if example == "" {
					example = fmt.Sprintf(" (%s, as on %s %s)", n.By, n.Method, n.Path)
				}
				if len(related) < maxRelated {
					related = append(related, analysis.RelatedInformation{Pos: n.Pos, End: n.End,
						Message: fmt.Sprintf("%s %s is limited by %s", n.Method, n.Path, n.By)})
				}
			}
		}
		pass.Report(analysis.Diagnostic{
			Pos: r.Pos, End: r.End,
			Message: fmt.Sprintf("%s %s has no rate limit while %d of the %d routes of %s have one, so it is the route an attacker uses to get around them; apply the limit its neighbours get%s, or register it outside the limited application if it is meant to be unlimited",
				r.Method, r.Path, limited, judged, r.Group, example),
			Related: related,
		})
	}
	return own, nil
}

// inFiles reports whether the route is registered in one of files.
func inFiles(files []*ast.File, r goroutes.Route) bool {
	for _, f := range files {
		if f.FileStart <= r.Pos && r.Pos < f.FileEnd {
			return true
		}
	}
	return false
}
