// Package rl005 implements RL005 unstable-shard-hash for Python: the
// built-in hash() of a string, salted per process, feeding a shard number,
// a counter key or a cross-process lock id; and random shards of a
// per-client counter whose limit check reads only one shard.
package rl005

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
)

// Rule is RL005 for Python.
var Rule = &pyrule.Rule{ID: "RL005", Run: run}

func run(pass *pyrule.Pass) {
	f := pass.File
	if importsRandom(f) {
		for _, fn := range f.Functions() {
			checkRandomShards(pass, fn)
		}
	}
	if f.Imports["hash"] != "" || definesHash(f) {
		return // hash is not the built-in here
	}
	for _, fn := range f.Functions() {
		pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
			if n.Type() == "function_definition" || n.Type() == "lambda" {
				return false
			}
			if n.Type() != "call" || f.Text(n.ChildByFieldName("function")) != "hash" {
				return true
			}
			args := n.ChildByFieldName("arguments")
			if args == nil || args.NamedChildCount() != 1 || !stringLike(fn.Scope, args.NamedChild(0), 0) {
				return true
			}
			if modulo(n) || flowsToStore(f, fn, n) {
				pass.Report(n, 0, "hash() of a string is salted per process (PYTHONHASHSEED), so each worker computes a different shard or key for the same client and the count splits across workers; use a stable digest such as zlib.crc32(value.encode()) or hashlib")
			}
			return true
		})
	}
}

func definesHash(f *pyfile.File) bool {
	for _, fn := range f.Functions() {
		if fn.Name() == "hash" {
			return true
		}
	}
	return false
}

// stringLike reports whether n is a str or bytes value (or a tuple of
// them) as far as the file shows.
func stringLike(s *pyfile.Scope, n *pyast.Node, depth int) bool {
	if n == nil || depth > 6 {
		return false
	}
	switch n.Type() {
	case "string", "concatenated_string":
		return true
	case "tuple", "parenthesized_expression":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if stringLike(s, n.NamedChild(i), depth+1) {
				return true
			}
		}
	case "call":
		fn := n.ChildByFieldName("function")
		switch {
		case fn.Type() == "identifier" && (s.Text(fn) == "str" || s.Text(fn) == "repr"):
			return true
		case fn.Type() == "attribute":
			switch s.Text(fn.ChildByFieldName("attribute")) {
			case "encode", "lower", "upper", "strip", "decode", "hexdigest", "format", "join":
				return true
			}
		}
	case "identifier":
		switch s.Annotation(n) {
		case "str", "bytes", "Optional[str]", "str | None":
			return true
		}
		return stringLike(s, s.Value(n), depth+1)
	}
	return false
}

// modulo reports whether the hash is taken modulo something: a shard.
func modulo(call *pyast.Node) bool {
	n := call
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "parenthesized_expression", "unary_operator", "argument_list", "call": // abs(hash(x)) % n
			continue
		case "binary_operator":
			op := p.ChildByFieldName("operator")
			return op != nil && op.Type() == "%" && p.ChildByFieldName("left").Equal(n)
		}
		return false
	}
	return false
}

// flowsToStore reports whether the hash's value reaches a datastore call
// of the function.
func flowsToStore(f *pyfile.File, fn *pyfile.Func, call *pyast.Node) bool {
	name := assignedTo(f, call)
	if name == "" {
		return false
	}
	derived := f.Derived(fn.Body(), map[string]bool{name: true})
	for _, c := range fn.Calls() {
		if f.Mentions(c.Node, derived) {
			return true
		}
	}
	// ORM statements are built before the call that runs them.
	stmt := false
	pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
		if n.Type() == "call" && f.Mentions(n, derived) {
			if q := f.Qualified(n.ChildByFieldName("function")); q == "sqlalchemy.select" || q == "sqlalchemy.update" || q == "sqlalchemy.insert" {
				stmt = true
			}
		}
		return !stmt
	})
	return stmt
}

// assignedTo returns the name the expression containing call is assigned
// to.
func assignedTo(f *pyfile.File, call *pyast.Node) string {
	n := call
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "assignment":
			if l := p.ChildByFieldName("left"); l != nil && l.Type() == "identifier" && !l.Equal(n) {
				return f.Text(l)
			}
			return ""
		case "expression_statement", "block", "function_definition", "module":
			return ""
		}
	}
	return ""
}
