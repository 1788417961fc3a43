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
			if flowsToStore(f, fn, n) {
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
		for _, a := range s.Arguments(n) { // a parameter: what the callers pass
			if stringLike(a.Scope, a.Node, depth+1) {
				return true
			}
		}
		return stringLike(s, s.Value(n), depth+1)
	}
	return false
}

// flowsToStore reports whether the hash's value reaches a datastore call
// of the function (itself or through a project function it passes the
// value to), or is returned to a caller in which it does.
func flowsToStore(f *pyfile.File, fn *pyfile.Func, call *pyast.Node) bool {
	if returned(call) {
		return resultReachesStore(fn, 0)
	}
	name := assignedTo(f, call)
	if name == "" {
		return false
	}
	derived := f.Derived(fn.Body(), map[string]bool{name: true})
	if reachesStore(fn, derived) {
		return true
	}
	if returnsAny(fn, derived) && resultReachesStore(fn, 0) {
		return true
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

// reachesStore reports whether a datastore operation of fn (its own, or
// one a project function runs with fn's arguments) takes one of names.
func reachesStore(fn *pyfile.Func, names map[string]bool) bool {
	for _, c := range fn.Ops() {
		if c.Mentions(fn.File, names) {
			return true
		}
	}
	return false
}

// resultReachesStore reports whether a caller of fn passes what fn
// returns to a datastore operation, or returns it to a caller that does.
func resultReachesStore(fn *pyfile.Func, depth int) bool {
	p := fn.File.Project()
	if p == nil || depth > 6 {
		return false
	}
	for _, site := range p.CallSites(fn) {
		caller := site.Scope.Func()
		if caller == nil {
			continue
		}
		for _, c := range caller.Ops() {
			if c.At() == site.Call || encloses(c.At(), site.Call) {
				return true // the call is an argument of the operation
			}
		}
		name := caller.File.ResultName(site.Call)
		if name == "" {
			name = assignedTo(caller.File, site.Call)
		}
		if name == "" {
			if returned(site.Call) && resultReachesStore(caller, depth+1) {
				return true
			}
			continue
		}
		derived := caller.File.Derived(caller.Body(), map[string]bool{name: true})
		if reachesStore(caller, derived) || returnsAny(caller, derived) && resultReachesStore(caller, depth+1) {
			return true
		}
	}
	return false
}

// encloses reports whether n lies inside outer.
func encloses(outer, n *pyast.Node) bool {
	return n.Tree() == outer.Tree() && n.StartByte() >= outer.StartByte() && n.EndByte() <= outer.EndByte()
}

// returned reports whether the expression holding call is returned.
func returned(call *pyast.Node) bool {
	for p := call.Parent(); p != nil; p = p.Parent() {
		switch p.Type() {
		case "return_statement":
			return true
		case "expression_statement", "block", "function_definition", "module", "assignment", "lambda":
			return false
		}
	}
	return false
}

// returnsAny reports whether fn returns an expression mentioning names.
func returnsAny(fn *pyfile.Func, names map[string]bool) bool {
	found := false
	pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			found = found || fn.File.Mentions(n, names)
		}
		return !found
	})
	return found
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
