// Package diag reports rlcheck findings from the Go analyzers, setting the
// diagnostic's Category to the finding's severity when it differs from the
// rule's default (the convention of docs/architecture.md).
package diag

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/rules"
)

// Report reports msg for rule at node with severity sev. related lists
// the other places the finding involves.
func Report(pass *analysis.Pass, rule string, sev rules.Severity, node ast.Node, msg string, related ...analysis.RelatedInformation) {
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

// Related returns a related location spanning node.
func Related(node ast.Node, msg string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: node.Pos(), End: node.End(), Message: msg}
}
