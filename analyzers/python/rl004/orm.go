package rl004

import (
	"fmt"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// sqlalchemyUpdate lists the qualified names of SQLAlchemy's update().
var sqlalchemyUpdate = map[string]bool{
	"sqlalchemy.update":                true,
	"sqlalchemy.sql.update":            true,
	"sqlalchemy.sql.expression.update": true,
}

// checkORM reports SQLAlchemy Core/ORM statements under body (not in
// nested functions) of the form update(M).where(M.k == const).values(n=M.n + 1):
// a counter incremented on a row chosen by constants or a route name only.
func checkORM(pass *pyrule.Pass, s *pyfile.Scope, body *pyast.Node) {
	f := pass.File
	pyfile.Walk(body, func(n *pyast.Node) bool {
		if n.Type() == "function_definition" {
			return false // its body is checked with its own scope
		}
		if n.Type() == "call" && sqlalchemyUpdate[f.Qualified(n.ChildByFieldName("function"))] {
			checkUpdateChain(pass, s, n)
		}
		return true
	})
}

func checkUpdateChain(pass *pyrule.Pass, s *pyfile.Scope, upd *pyast.Node) {
	f := pass.File
	args := upd.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() != 1 || args.NamedChild(0).Type() != "identifier" {
		return
	}
	model := f.Text(args.NamedChild(0))
	var counter string
	keys := 0
	top := upd
	for {
		attr := top.Parent()
		if attr == nil || attr.Type() != "attribute" || !attr.ChildByFieldName("object").Equal(top) {
			break
		}
		call := attr.Parent()
		if call == nil || call.Type() != "call" {
			break
		}
		top = call
		cargs := call.ChildByFieldName("arguments")
		for i := 0; cargs != nil && i < int(cargs.NamedChildCount()); i++ {
			a := cargs.NamedChild(i)
			switch f.Text(attr.ChildByFieldName("attribute")) {
			case "values":
				if a.Type() == "keyword_argument" {
					col := f.Text(a.ChildByFieldName("name"))
					if counter == "" && counterkey.IsCounterName(col) && increments(f, a.ChildByFieldName("value"), model+"."+col) {
						counter = col
					}
				}
			case "where", "filter":
				if !hotPredicate(s, f, a, model) {
					return
				}
				keys++
			case "filter_by":
				if a.Type() != "keyword_argument" || !(s.IsConstant(a.ChildByFieldName("value")) || isRoute(f.Text(a.ChildByFieldName("name")))) {
					return
				}
				keys++
			}
		}
	}
	if counter == "" || keys == 0 {
		return
	}
	pass.Report(top, 0, fmt.Sprintf("every request increments the same %s row of %s (its key is constant or a route name), so all writers contend on one row and transactions retry or abort under load; %s", counter, model, fix))
}

// increments reports whether v is `M.col + x` with x not a negative literal.
func increments(f *pyfile.File, v *pyast.Node, col string) bool {
	if v == nil || v.Type() != "binary_operator" || f.Text(v.ChildByFieldName("operator")) != "+" {
		return false
	}
	right := v.ChildByFieldName("right")
	return strings.ReplaceAll(f.Text(v.ChildByFieldName("left")), " ", "") == col &&
		!(right.Type() == "unary_operator" && f.Text(right.ChildByFieldName("operator")) == "-")
}

// hotPredicate reports whether a where() argument is `M.k == v` (either
// way round) with v a constant or k a route column.
func hotPredicate(s *pyfile.Scope, f *pyfile.File, p *pyast.Node, model string) bool {
	if p.Type() != "comparison_operator" || p.NamedChildCount() != 2 || p.ChildCount() != 3 || p.Child(1).Type() != "==" {
		return false
	}
	for i := 0; i < 2; i++ {
		col, val := p.NamedChild(i), p.NamedChild(1-i)
		if col.Type() != "attribute" || f.Text(col.ChildByFieldName("object")) != model {
			continue
		}
		return s.IsConstant(val) || isRoute(f.Text(col.ChildByFieldName("attribute")))
	}
	return false
}
