package rl002

import (
	"fmt"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/rules"
)

// pynamoModels returns the PynamoDB models the file defines, each with its
// number attributes: classes whose base is pynamodb.models.Model (or a
// model defined earlier in the file), and the class-body assignments of a
// pynamodb.attributes.NumberAttribute.
func pynamoModels(f *pyfile.File) map[string]map[string]bool {
	models := make(map[string]map[string]bool)
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		if n.Type() != "class_definition" {
			return true
		}
		bases := n.ChildByFieldName("superclasses")
		isModel := false
		for i := 0; bases != nil && i < int(bases.NamedChildCount()); i++ {
			b := bases.NamedChild(i)
			if f.Qualified(b) == "pynamodb.models.Model" || (b.Type() == "identifier" && models[f.Text(b)] != nil) {
				isModel = true
			}
		}
		if !isModel {
			return true
		}
		numbers := make(map[string]bool)
		body := n.ChildByFieldName("body")
		for i := 0; body != nil && i < int(body.NamedChildCount()); i++ {
			stmt := body.NamedChild(i)
			if stmt.Type() != "expression_statement" || stmt.NamedChildCount() == 0 {
				continue
			}
			a := stmt.NamedChild(0)
			if a.Type() != "assignment" || a.ChildByFieldName("left").Type() != "identifier" {
				continue
			}
			v := a.ChildByFieldName("right")
			if v != nil && v.Type() == "call" && f.Qualified(v.ChildByFieldName("function")) == "pynamodb.attributes.NumberAttribute" {
				numbers[f.Text(a.ChildByFieldName("left"))] = true
			}
		}
		models[f.Text(n.ChildByFieldName("name"))] = numbers
		return true
	})
	return models
}

// runPynamo reports PynamoDB `item.update(actions=[Model.n.add(1)])` calls
// that increment a number attribute with no `condition=`.
func runPynamo(pass *pyrule.Pass) {
	f := pass.File
	models := pynamoModels(f)
	if len(models) == 0 {
		return
	}
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		if n.Type() != "call" {
			return true
		}
		fn := n.ChildByFieldName("function")
		if fn.Type() != "attribute" || f.Text(fn.ChildByFieldName("attribute")) != "update" {
			return true
		}
		var actions *pyast.Node
		args := n.ChildByFieldName("arguments")
		for i := 0; args != nil && i < int(args.NamedChildCount()); i++ {
			a := args.NamedChild(i)
			switch a.Type() {
			case "keyword_argument":
				switch f.Text(a.ChildByFieldName("name")) {
				case "actions":
					actions = a.ChildByFieldName("value")
				case "condition":
					return true
				}
			case "list_splat", "dictionary_splat":
				return true
			}
		}
		if actions == nil || actions.Type() != "list" {
			return true
		}
		for i := 0; i < int(actions.NamedChildCount()); i++ {
			if attr, ok := pynamoIncrement(f, models, actions.NamedChild(i)); ok {
				sev, msg := rules.High, fmt.Sprintf(
					"update increments %s with no condition, so nothing enforces the limit; pass condition=(%s < LIMIT) | %s.does_not_exist() and treat UpdateError as the limit being reached", attr, attr, attr)
				if comparedAfter(f, n, fn.ChildByFieldName("object")) {
					sev, msg = rules.Medium, fmt.Sprintf(
						"update increments %s with no condition and compares the new count afterwards: the limit holds, but every rejected request still writes; pass condition=(%s < LIMIT) | %s.does_not_exist() and treat UpdateError as the limit being reached", attr, attr, attr)
				}
				pass.Report(n, sev, msg)
				break
			}
		}
		return true
	})
}

// pynamoIncrement recognizes `M.n.add(v)` and `M.n.set(M.n + v)` where M is
// a model of the file, n one of its number attributes and v not a negative
// literal, and returns "M.n".
func pynamoIncrement(f *pyfile.File, models map[string]map[string]bool, a *pyast.Node) (string, bool) {
	if a.Type() != "call" {
		return "", false
	}
	fn := a.ChildByFieldName("function")
	if fn.Type() != "attribute" {
		return "", false
	}
	attr := modelAttr(f, models, fn.ChildByFieldName("object"))
	if attr == "" {
		return "", false
	}
	args := a.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() != 1 {
		return "", false
	}
	v := args.NamedChild(0)
	switch f.Text(fn.ChildByFieldName("attribute")) {
	case "add":
		return attr, !negativeLiteral(f, v)
	case "set":
		if v.Type() == "binary_operator" && f.Text(v.ChildByFieldName("operator")) == "+" &&
			f.Text(v.ChildByFieldName("left")) == attr && !negativeLiteral(f, v.ChildByFieldName("right")) {
			return attr, true
		}
	}
	return "", false
}

// modelAttr returns "M.n" when n is `M.n` for a number attribute n of model M.
func modelAttr(f *pyfile.File, models map[string]map[string]bool, n *pyast.Node) string {
	if n == nil || n.Type() != "attribute" {
		return ""
	}
	m := n.ChildByFieldName("object")
	if m.Type() != "identifier" || !models[f.Text(m)][f.Text(n.ChildByFieldName("attribute"))] {
		return ""
	}
	return f.Text(n)
}

func negativeLiteral(f *pyfile.File, n *pyast.Node) bool {
	return n != nil && n.Type() == "unary_operator" && f.Text(n.ChildByFieldName("operator")) == "-"
}

// comparedAfter reports whether, after call, the enclosing function
// compares an attribute of recv (the updated item): `item.count >= LIMIT`.
func comparedAfter(f *pyfile.File, call, recv *pyast.Node) bool {
	scope := pyfile.Enclosing(call)
	if scope == nil || recv == nil || recv.Type() != "identifier" {
		return false
	}
	name := f.Text(recv)
	found := false
	pyfile.Walk(scope, func(n *pyast.Node) bool {
		if found {
			return false
		}
		if n.Type() == "comparison_operator" && n.StartByte() >= call.EndByte() {
			pyfile.Walk(n, func(m *pyast.Node) bool {
				if m.Type() == "attribute" && m.ChildByFieldName("object").Type() == "identifier" && f.Text(m.ChildByFieldName("object")) == name {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}
