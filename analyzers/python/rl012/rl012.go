// Package rl012 implements RL012 weak-isolation-counter-transaction for
// Python: the READ COMMITTED or autocommit setting under which an
// unprotected read-modify-write of a SQL counter runs.
package rl012

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/rl001"
)

// Rule is RL012 for Python.
var Rule = &pyrule.Rule{ID: "RL012", Run: run}

const msg = "this transaction runs at %s, which lets the counter's read and write below interleave with other requests': both read the same count, both pass, and the later write wins; run it at SERIALIZABLE (or REPEATABLE READ), lock the row with SELECT ... FOR UPDATE, or increment in one statement (UPDATE ... SET n = n + 1 WHERE n < cap RETURNING n)"

func run(pass *pyrule.Pass) {
	for _, fn := range pass.File.Functions() {
		pair, ok := rl001.FindPair(pass, fn)
		if !ok || pair.Store != "sql" && pair.Store != "orm" {
			continue
		}
		at, level := weakSetting(fn, pair)
		if at == nil {
			continue
		}
		pass.Report(at, 0, strings.Replace(msg, "%s", level, 1),
			pyrule.Related{Node: pair.Read, Message: "the count is read here"},
			pyrule.Related{Node: pair.Write, Message: "and written here"})
	}
}

// weakSetting returns the setting that makes the pair's transaction weak,
// and the level it names: in fn, or on the connection, session or engine
// the read runs on.
func weakSetting(fn *pyfile.Func, pair rl001.Pair) (*pyast.Node, string) {
	if at, level := settingIn(fn.Scope, fn.Body()); at != nil {
		return at, level
	}
	for _, op := range fn.Ops() {
		if facts, ok := op.Facts(); ok {
			for _, st := range facts.Statements {
				if level := weak(st.Isolation); level != "" {
					return op.At(), level
				}
			}
		}
	}
	if pair.ReadOp == nil {
		return nil, ""
	}
	recv := pair.ReadOp.Node.ChildByFieldName("function")
	if recv == nil || recv.Type() != "attribute" {
		return nil, ""
	}
	return definedWeak(pair.ReadOp.Scope, recv.ChildByFieldName("object"), 0)
}

// settingIn finds a weak isolation setting under n (not in nested
// functions): a keyword argument, an autocommit assignment, a psycopg2
// set_isolation_level call.
func settingIn(s *pyfile.Scope, n *pyast.Node) (*pyast.Node, string) {
	var at *pyast.Node
	level := ""
	pyfile.Walk(n, func(m *pyast.Node) bool {
		if at != nil {
			return false
		}
		switch m.Type() {
		case "function_definition", "class_definition", "lambda":
			return m == n
		case "keyword_argument":
			switch s.Text(m.ChildByFieldName("name")) {
			case "isolation_level", "isolation":
				if v, ok := s.String(m.ChildByFieldName("value")); ok {
					if level = weak(v); level != "" {
						at = m
					}
				}
			case "autocommit":
				if m.ChildByFieldName("value").Type() == "true" {
					at, level = m, "autocommit"
				}
			}
		case "pair": // execution_options={"isolation_level": "AUTOCOMMIT"}
			if k, ok := s.String(m.ChildByFieldName("key")); ok && k == "isolation_level" {
				if v, ok := s.String(m.ChildByFieldName("value")); ok {
					if level = weak(v); level != "" {
						at = m
					}
				}
			}
		case "assignment":
			if left := m.ChildByFieldName("left"); left != nil && left.Type() == "attribute" && s.Text(left.ChildByFieldName("attribute")) == "autocommit" &&
				m.ChildByFieldName("right") != nil && m.ChildByFieldName("right").Type() == "true" {
				at, level = m, "autocommit"
			}
		case "call":
			callee := m.ChildByFieldName("function")
			if callee != nil && callee.Type() == "attribute" && s.Text(callee.ChildByFieldName("attribute")) == "set_isolation_level" {
				text := strings.ToUpper(s.Text(m.ChildByFieldName("arguments")))
				switch {
				case strings.Contains(text, "AUTOCOMMIT"):
					at, level = m, "autocommit"
				case strings.Contains(text, "READ_COMMITTED"), strings.Contains(text, "READ_UNCOMMITTED"):
					at, level = m, "READ COMMITTED"
				}
			}
		}
		return at == nil
	})
	return at, level
}

// definedWeak follows the receiver n to its definition (a connection, a
// session built by a sessionmaker bound to an engine) and returns a weak
// setting made there.
func definedWeak(s *pyfile.Scope, n *pyast.Node, depth int) (*pyast.Node, string) {
	if n == nil || depth > 4 {
		return nil, ""
	}
	var def *pyast.Node
	var scope *pyfile.Scope
	switch n.Type() {
	case "call":
		def, scope = n, s
	default:
		d := s.Resolve(n)
		if d.Node == nil || d.Scope == nil {
			return nil, ""
		}
		def, scope = d.Node, d.Scope
	}
	if def.Type() != "call" {
		return nil, ""
	}
	if args := def.ChildByFieldName("arguments"); args != nil {
		if at, level := settingIn(scope, args); at != nil {
			return at, level
		}
		// sessionmaker(bind=engine), Session(engine)
		if bind := scope.File().Keyword(def, "bind"); bind != nil {
			return definedWeak(scope, bind, depth+1)
		}
		if args.NamedChildCount() > 0 && args.NamedChild(0).Type() == "identifier" {
			if at, level := definedWeak(scope, args.NamedChild(0), depth+1); at != nil {
				return at, level
			}
		}
	}
	// SessionLocal(): the call of a session maker defined elsewhere
	return definedWeak(scope, def.ChildByFieldName("function"), depth+1)
}

// weak returns the level a setting names when it does not protect a
// read-modify-write, or "".
func weak(level string) string {
	switch strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(level, "_", " "), "-", " ")) {
	case "read committed":
		return "READ COMMITTED"
	case "read uncommitted":
		return "READ UNCOMMITTED"
	case "autocommit":
		return "autocommit"
	}
	return ""
}
