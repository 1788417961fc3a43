package godriver

import (
	"go/ast"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/internal/discover"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/gomodtest"
	"github.com/rlcheck/rlcheck/rules"
)

// module writes a Go module into a temporary directory.
func module(t *testing.T, files map[string]string) string { return gomodtest.Write(t, files) }

// hotCalls stands in for a real analyzer: it reports every call of a
// function named hot, at high severity, with the function's declaration as
// a related location.
var hotCalls = &analysis.Analyzer{
	Name:             "RL004",
	Doc:              "test analyzer",
	RunDespiteErrors: true,
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "hot" {
					d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "high", Message: "hot call"}
					if obj := pass.TypesInfo.Uses[id]; obj != nil {
						d.Related = []analysis.RelatedInformation{{Pos: obj.Pos(), End: obj.Pos(), Message: "declared here"}}
					}
					pass.Report(d)
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestRunTurnsDiagnosticsIntoFindings(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"a/a.go": "package a\n\nfunc hot() int { return 1 }\n\n// Zähler is ünïcode.\nvar Zähler, Ü = 1, hot()\n",
	})
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir)
	if res.Failed || len(res.Notifications) != 0 {
		t.Fatalf("failed=%v notifications=%v", res.Failed, res.Notifications)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %+v", res.Findings)
	}
	f := res.Findings[0]
	want := finding.Location{Path: "a/a.go", Start: finding.Position{Line: 6, Column: 20}, End: finding.Position{Line: 6, Column: 25}}
	if f.RuleID != "RL004" || f.Severity != rules.High || f.Location != want {
		t.Errorf("finding = %+v, want RL004 high at %+v (columns in characters)", f, want)
	}
	if len(f.Related) != 1 || f.Related[0].Message != "declared here" || f.Related[0].Start.Line != 3 {
		t.Errorf("related = %+v", f.Related)
	}
}

func TestRunGoesOnWhenDependenciesAreMissing(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n\nrequire example.com/absent v1.0.0\n",
		"a/a.go": "package a\n\nimport \"example.com/absent/pkg\"\n\nfunc hot() int { return pkg.X }\n\nvar _ = hot()\n",
	})
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir)
	if len(res.Findings) != 1 {
		t.Errorf("the analyzer must still run on the package: findings = %+v, notifications = %+v", res.Findings, res.Notifications)
	}
	if len(res.Notifications) != 1 || res.Notifications[0].Level != finding.LevelWarning ||
		!strings.Contains(res.Notifications[0].Message, "example.com/absent/pkg") ||
		!strings.Contains(res.Notifications[0].Message, "run `go mod download`") {
		t.Errorf("notifications = %+v, want one warning naming the missing package and go mod download", res.Notifications)
	}
}

func TestRunSurvivesAPanickingAnalyzer(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"a/a.go": "package a\n",
	})
	boom := &analysis.Analyzer{Name: "RL001", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("boom") }}
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{boom, hotCalls}, dir)
	if len(res.Notifications) != 1 || res.Notifications[0].Level != finding.LevelError ||
		!strings.Contains(res.Notifications[0].Message, "internal error in RL001") {
		t.Errorf("notifications = %+v", res.Notifications)
	}
}

func TestRunReportsUnloadableTargets(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "this is not a go.mod file\n",
		"a/a.go": "package a\n",
	})
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir)
	if len(res.Notifications) == 0 || res.Notifications[0].Level != finding.LevelError || !res.Failed {
		t.Errorf("failed=%v notifications=%+v", res.Failed, res.Notifications)
	}
}
