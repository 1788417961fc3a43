package godriver

import (
	"errors"
	"go/ast"
	"path/filepath"
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
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
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
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
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
		"a/a.go": "package a\n\nfunc hot() int { return 1 }\n\nvar _ = hot()\n",
	})
	boom := &analysis.Analyzer{Name: "RL001", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("boom\nsecond line") }}
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{boom, hotCalls}, dir, nil)
	if len(res.Notifications) != 1 {
		t.Fatalf("notifications = %+v", res.Notifications)
	}
	n := res.Notifications[0]
	want := finding.Notification{Level: finding.LevelError, Path: "a", Rule: "RL001", Internal: true,
		Message: "internal error in RL001 while analyzing package example.com/m/a: panic: boom\nsecond line; the scan is incomplete", Debug: n.Debug}
	if n != want {
		t.Errorf("notification = %+v, want %+v", n, want)
	}
	if !strings.Contains(n.Debug, "goroutine") || !strings.Contains(n.Debug, "godriver_test.go") {
		t.Errorf("the stack is not kept for --debug: %q", n.Debug)
	}
	if len(res.Findings) != 1 || res.Findings[0].RuleID != "RL004" {
		t.Errorf("the other analyzer's findings are lost: %+v", res.Findings)
	}
}

func TestRunReportsAnalyzerErrors(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"a/a.go": "package a\n\nvar x int = \"not an int\"\n",
	})
	failing := &analysis.Analyzer{Name: "RL002", Doc: "fails", RunDespiteErrors: true,
		Run: func(*analysis.Pass) (any, error) { return nil, errors.New("cannot go on") }}
	strict := &analysis.Analyzer{Name: "RL003", Doc: "needs types", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{failing, strict}, dir, nil)
	var internal, skipped int
	for _, n := range res.Notifications {
		switch {
		case n.Internal && n.Rule == "RL002" && strings.Contains(n.Message, "internal error in RL002 while analyzing package example.com/m/a: cannot go on"):
			internal++
		case !n.Internal && n.Rule == "RL003" && n.Level == finding.LevelWarning:
			skipped++
		}
	}
	if internal != 1 || skipped != 1 {
		t.Errorf("want an internal error for RL002 and a warning for RL003 (skipped on a package with type errors); notifications = %+v", res.Notifications)
	}
}

func TestRunReportsUnloadableTargets(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "this is not a go.mod file\n",
		"a/a.go": "package a\n",
	})
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
	if len(res.Notifications) == 0 || res.Notifications[0].Level != finding.LevelError || !res.Failed {
		t.Errorf("failed=%v notifications=%+v", res.Failed, res.Notifications)
	}
}

func TestRunLoadsVendoredModules(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod":                        "module example.com/m\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n",
		"vendor/modules.txt":            "# example.com/dep v1.0.0\n## explicit; go 1.22\nexample.com/dep\n",
		"vendor/example.com/dep/dep.go": "package dep\n\n// X is a value.\nconst X = 1\n",
		"a/a.go":                        "package a\n\nimport \"example.com/dep\"\n\nfunc hot() int { return dep.X }\n\nvar _ = hot()\n",
	})
	t.Setenv("GOFLAGS", "")
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
	if len(res.Notifications) != 0 || len(res.Findings) != 1 {
		t.Errorf("notifications = %+v, findings = %+v: the vendored dependency must load", res.Notifications, res.Findings)
	}
}

func TestRunHonoursGoWork(t *testing.T) {
	dir := module(t, map[string]string{
		"go.work":  "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod": "module example.com/a\n\ngo 1.22\n\nrequire example.com/b v0.0.0\n",
		"a/a.go":   "package a\n\nimport \"example.com/b\"\n\nfunc hot() int { return b.X }\n\nvar _ = hot()\n",
		"b/go.mod": "module example.com/b\n\ngo 1.22\n",
		"b/b.go":   "package b\n\n// X is a value.\nconst X = 1\n",
	})
	t.Setenv("GOWORK", "")
	res := Run([]discover.GoTarget{{Dir: filepath.Join(dir, "a"), Module: true, Patterns: []string{"."}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
	if len(res.Notifications) != 0 || len(res.Findings) != 1 {
		t.Errorf("notifications = %+v, findings = %+v: module b must load from the workspace", res.Notifications, res.Findings)
	}
}

func TestRunReportsTypeErrors(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"a/a.go": "package a\n\nfunc hot() int { return undefinedName }\n\nvar _ = hot()\n",
	})
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a"}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
	if len(res.Notifications) != 1 || !strings.Contains(res.Notifications[0].Message, "partial type information") ||
		!strings.Contains(res.Notifications[0].Message, "undefinedName") {
		t.Errorf("notifications = %+v, want the type error", res.Notifications)
	}
}

func TestLoadEnv(t *testing.T) {
	for _, tc := range []struct {
		user   string
		vendor bool
		want   string
	}{
		{"", false, "-mod=readonly"},
		{"", true, "-mod=vendor"},
		{"-tags=integration -mod=mod", false, "-tags=integration -mod=readonly"},
		{"-mod=mod", true, "-mod=vendor"},
		{"-mod=vendor -trimpath", false, "-mod=vendor -trimpath"},
		{"--mod=readonly -insecure", true, "--mod=readonly"},
	} {
		if got := goflags(tc.user, tc.vendor); got != tc.want {
			t.Errorf("goflags(%q, %v) = %q, want %q", tc.user, tc.vendor, got, tc.want)
		}
	}
	env := loadEnv(t.TempDir(), []string{"GOPROXY=https://proxy.example", "GOTOOLCHAIN=auto", "GOFLAGS=-mod=mod"})
	last := make(map[string]string)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		last[k] = v // the go command takes the last setting
	}
	if last["GOPROXY"] != "off" || last["GOSUMDB"] != "off" || last["GOTOOLCHAIN"] != "local" || last["GOFLAGS"] != "-mod=readonly" {
		t.Errorf("environment %v reaches the network or changes go.mod", last)
	}
}

func TestRunDetachesUnresolvableModules(t *testing.T) {
	// go 1.13: no graph pruning, so the go command needs every
	// dependency's go.mod to load anything, and none is in the cache.
	dir := module(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.13\n\nrequire example.com/absent v1.0.0\n",
		"a/a.go": "package a\n\nimport (\n\t\"example.com/absent/pkg\"\n\t\"example.com/m/b\"\n)\n\nfunc hot() int { return pkg.X + b.Y }\n\nvar _ = hot()\n",
		"b/b.go": "package b\n\n// Y is a value.\nconst Y = 1\n",
	})
	res := Run([]discover.GoTarget{{Dir: dir, Module: true, Patterns: []string{"./a", "./b"}}}, []*analysis.Analyzer{hotCalls}, dir, nil)
	if res.Failed || len(res.Notifications) != 1 || !strings.Contains(res.Notifications[0].Message, "run `go mod download`") {
		t.Fatalf("failed=%v notifications=%+v, want one warning naming go mod download", res.Failed, res.Notifications)
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.Path != "a/a.go" || res.Findings[0].Location.Start.Line != 10 {
		t.Errorf("findings = %+v, want the call in a/a.go, at its place in the module", res.Findings)
	}
}
