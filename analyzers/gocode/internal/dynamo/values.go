// Package dynamo reads the DynamoDB input structs of both AWS SDKs as the
// function builds them: the attribute values of ExpressionAttributeValues
// and Key, the names of ExpressionAttributeNames, and the counters an
// update increments.
package dynamo

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
)

// Value is an attribute value literal: its DynamoDB type ("S", "N",
// "SS", "NS", "L", "M", ...) and, when constant, its text.
type Value struct {
	Type  string
	Text  string
	Const bool
}

// MapEntries returns the entries of a map literal given to field, keyed
// by their constant keys. ok is false when the map is not a visible
// literal (or has a key that is not constant).
func MapEntries(f *flow.Func, in *store.Input, field string) (map[string]ast.Expr, bool) {
	e := in.One(field)
	if e == nil {
		return nil, false
	}
	lit := f.CompositeLit(e)
	if lit == nil {
		return nil, false
	}
	out := make(map[string]ast.Expr)
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		k, ok := f.ConstString(kv.Key)
		if !ok {
			return nil, false
		}
		out[k] = kv.Value
	}
	return out, true
}

// attrNames returns ExpressionAttributeNames as a map of constants.
func attrNames(f *flow.Func, in *store.Input) map[string]string {
	entries, _ := MapEntries(f, in, "ExpressionAttributeNames")
	names := make(map[string]string)
	for k, v := range entries {
		if s, ok := f.ConstString(v); ok {
			names[k] = s
		}
	}
	return names
}

// AttrValue reads an attribute value literal: v2's
// &types.AttributeValueMemberN{Value: "1"} or v1's
// &dynamodb.AttributeValue{N: aws.String("1")}. ok is false when e is not
// such a literal.
func AttrValue(f *flow.Func, e ast.Expr) (Value, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return Value{}, false
	}
	t := f.Info.TypeOf(lit)
	if t == nil {
		return Value{}, false
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return Value{}, false
	}
	const member = "AttributeValueMember"
	switch name := named.Obj().Name(); {
	case len(name) > len(member) && name[:len(member)] == member:
		v := Value{Type: name[len(member):]}
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				v.Text, v.Const = f.ConstString(kv.Value)
			}
		}
		return v, true
	case name == "AttributeValue":
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			v := Value{Type: id.Name}
			v.Text, v.Const = f.ConstString(kv.Value)
			return v, true
		}
	}
	return Value{}, false
}

// notCounted reports whether an ADD amount literal does not count up: a
// negative number (a decrement) or a value that is not a number (ADD to a
// set).
func notCounted(f *flow.Func, e ast.Expr) bool {
	if e == nil {
		return false
	}
	v, ok := AttrValue(f, e)
	return ok && (v.Type != "N" || v.Const && strings.HasPrefix(strings.TrimSpace(v.Text), "-"))
}
