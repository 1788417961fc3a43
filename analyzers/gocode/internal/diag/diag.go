// Package diag reports rlcheck findings from the Go analyzers, setting the
// diagnostic's Category to the finding's severity when it differs from the
// rule's default (the convention of docs/architecture.md).
package diag

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// Report reports msg for rule at node with severity sev. related lists
// the other places the finding involves. Nothing is reported in generated
// files (a "// Code generated ... DO NOT EDIT." line, as go/ast tells):
// their code is fixed in the generator, not where it lands.
func Report(pass *analysis.Pass, rule string, sev rules.Severity, node ast.Node, msg string, related ...analysis.RelatedInformation) {
	if generated(pass, node.Pos()) {
		return
	}
	category := ""
	if sev != rules.MustLookup(rule).Severity {
		category = sev.String()
	}
	pass.Report(analysis.Diagnostic{
		Pos:      node.Pos(),
		End:      node.End(),
		Category: category,
		Message:  msg,
		Related:  related,
	})
}

// generated reports whether pos lies in a generated file of the package.
func generated(pass *analysis.Pass, pos token.Pos) bool {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// Related returns a related location spanning node.
func Related(node ast.Node, msg string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: node.Pos(), End: node.End(), Message: msg}
}

// Step returns a step of the finding's flow spanning node: a related
// location whose message carries finding.FlowStep, which the Go driver
// turns into the finding's Flow.
func Step(node ast.Node, msg string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: node.Pos(), End: node.End(), Message: finding.FlowStep + msg}
}

// StepAt returns a flow step at a position (the start of a call in
// another function).
func StepAt(pos token.Pos, msg string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: pos, End: pos, Message: finding.FlowStep + msg}
}

// Through returns the flow steps of a store call made through wrappers
// of the module: the call, described by what ("the count is read"), then
// the operation inside each wrapper it goes through, where known. It
// returns nil for a call of the SDK itself.
func Through(c *store.Call, what string) []analysis.RelatedInformation {
	if c.Via == nil {
		return nil
	}
	out := []analysis.RelatedInformation{Step(c.Expr, what+" here, through "+WrapperName(c.Via))}
	for _, w := range c.Chain() {
		if w.At.IsValid() {
			op := c.Op
			if c.Kind == store.Redis {
				op = strings.ToUpper(op)
			}
			out = append(out, StepAt(w.At, op+" in "+FuncName(w.Func)))
		}
	}
	return out
}

// WrapperName names a wrapper for messages, as FuncName does; a declared
// wrapper whose package did not load by its declared name.
func WrapperName(w *store.Wrapper) string {
	if w.Func == nil && w.Name != "" {
		return shortName(w.Name)
	}
	return FuncName(w.Func)
}

// shortName shortens a name as (*types.Func).FullName writes it to
// FuncName's form: "(*example.com/app/store.Counter).Get" is
// "store.Counter.Get".
func shortName(full string) string {
	name := strings.TrimPrefix(strings.TrimPrefix(full, "("), "*")
	name = strings.Replace(name, ").", ".", 1)
	slash := strings.LastIndexByte(name, '/')
	dot := strings.IndexByte(name[slash+1:], '.')
	if dot < 0 {
		return name
	}
	path, rest := name[:slash+1+dot], name[slash+1+dot:]
	return flow.PackageName(path) + rest
}

// FuncName names a function for messages: pkg.Func or pkg.Type.Method.
func FuncName(fn *types.Func) string {
	if fn == nil {
		return "a function of the module"
	}
	name := fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}
