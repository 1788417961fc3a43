package reqflow

import (
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// findVerifications records the authentication steps of the body: an if
// that rejects (raise, abort, return) on a lookup of a tracked value, and
// a verifier called with one as a statement of its own.
func (t *tracker) findVerifications() {
	for _, sn := range t.a.nodes(t.fn) {
		n := sn.node
		switch sn.typ {
		case "if_statement", "elif_clause":
			block, cond := n.ChildByFieldName("consequence"), n.ChildByFieldName("condition")
			if cond == nil || !rejects(t.f, block) || t.f.Mentions429(block) {
				continue // a 429 answers a limit check, not an authentication
			}
			for _, o := range t.checked(cond) {
				t.verify(o, cond.EndByte())
			}
		case "expression_statement":
			call := n.NamedChild(0)
			for call != nil && call.Type() == "await" {
				call = call.NamedChild(0)
			}
			if call == nil || call.Type() != "call" || !t.isVerifier(call) {
				continue
			}
			if v := t.value(call.ChildByFieldName("arguments")); v != nil {
				t.verify(v.origin, n.StartByte())
			}
		}
	}
}

func (t *tracker) verify(o origin, at uint32) {
	if prev, ok := t.verifiedAt[o]; !ok || at < prev {
		t.verifiedAt[o] = at
	}
}

// verifiedBefore reports whether v was authenticated before byte offset at.
func (t *tracker) verifiedBefore(v *value, at uint32) bool {
	if t.trusted && (v.src == nil || v.src.Kind != Forwarded) {
		return true
	}
	prev, ok := t.verifiedAt[v.origin]
	return ok && prev < at
}

// checked returns the tracked values a condition authenticates: a
// membership test (key in API_KEYS), an equality with a non-constant
// (key == settings.api_key), a call that takes the value
// (compare_digest(key, secret), verify(key)), a name holding a lookup.
// Presence tests (not key, key is None, len(key) < 8) authenticate nothing.
func (t *tracker) checked(cond *pyast.Node) []origin {
	var out []origin
	if cond == nil {
		return nil
	}
	pyfile.Walk(cond, func(n *pyast.Node) bool {
		switch n.Type() {
		case "identifier":
			if o, ok := t.lookups[t.f.Text(n)]; ok {
				out = append(out, o)
			}
		case "comparison_operator":
			if t.f.Orders(n) {
				return false // count > limit: a limit check
			}
			out = append(out, t.comparisonChecks(n)...)
		case "call":
			if t.counts(n) {
				return false
			}
			fn := n.ChildByFieldName("function")
			if name := t.f.Text(fn); name == "len" || name == "isinstance" || name == "bool" || name == "str" {
				return false
			}
			if fn.Type() == "attribute" && t.value(fn.ChildByFieldName("object")) != nil {
				return false // key.startswith("sk_"): a shape test
			}
			if v := t.value(n.ChildByFieldName("arguments")); v != nil {
				out = append(out, v.origin)
			}
		}
		return true
	})
	return out
}

// counts reports whether call counts a request (a counter write, or a
// function of the file that passes a parameter on to one): its result
// is a count, not a lookup.
func (t *tracker) counts(call *pyast.Node) bool {
	for call.Type() == "await" && call.NamedChildCount() > 0 {
		call = call.NamedChild(0)
	}
	if call.Type() != "call" {
		return false
	}
	if c, ok := t.fn.Scope.DatastoreCall(call); ok {
		if facts, ok := c.Facts(); ok {
			for _, st := range facts.Statements {
				if st.WritesCounter() {
					return true
				}
			}
			return false
		}
		return pyfile.RedisCounter(c.Method) || pyfile.RedisLog(c.Method) || pyfile.RedisScriptCall(c) && c.LuaCounts() || c.Method == "update_item"
	}
	if s, _ := t.summaryOf(call); s != nil && len(s.keyParams) > 0 {
		return true
	}
	return false
}

// comparisonChecks returns the values a comparison checks against server
// data: `in`/`not in` a collection that is not itself the client's, or ==
// and != with a non-constant, untracked operand.
func (t *tracker) comparisonChecks(n *pyast.Node) []origin {
	var ops []string
	var operands []*pyast.Node
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		if c.IsNamed() {
			operands = append(operands, c)
		} else {
			ops = append(ops, t.f.Text(c))
		}
	}
	op := strings.Join(ops, " ")
	if len(operands) != 2 {
		return nil
	}
	l, r := t.value(operands[0]), t.value(operands[1])
	switch op {
	case "in", "not in":
		if l != nil && r == nil {
			return []origin{l.origin}
		}
	case "==", "!=":
		if l != nil && r == nil && !t.fn.Scope.IsConstant(operands[1]) {
			return []origin{l.origin}
		}
		if r != nil && l == nil && !t.fn.Scope.IsConstant(operands[0]) {
			return []origin{r.origin}
		}
	}
	return nil
}

// rejects reports whether a block refuses the request: it raises,
// aborts or returns.
func rejects(f *pyfile.File, block *pyast.Node) bool {
	if block == nil {
		return false
	}
	found := false
	pyfile.Walk(block, func(n *pyast.Node) bool {
		switch n.Type() {
		case "raise_statement", "return_statement":
			found = true
		case "call":
			fn := n.ChildByFieldName("function")
			if q := f.Qualified(fn); q == "flask.abort" || q == "werkzeug.exceptions.abort" || q == "quart.abort" {
				found = true
			}
		case "function_definition", "class_definition", "lambda":
			return false
		}
		return !found
	})
	return found
}

// verifierWords open the names of functions that authenticate their
// argument (verify_api_key, auth.validate_token, require_key);
// record_auth_attempt is none.
var verifierWords = []string{"verify", "validate", "authenticate", "authorize", "auth", "require", "requires", "ensure", "must"}

// dependencyWords are the name parts of FastAPI dependencies and
// decorators that authenticate the request (get_current_user,
// login_required, jwt_required, require_api_key).
var dependencyWords = []string{"auth", "authenticate", "authenticated", "authorize", "authorized", "verify", "verified", "validate", "login", "jwt", "current", "principal", "permission", "permissions", "require", "requires", "required", "apikey", "signed", "signature"}

// hasWord reports whether name has one of words as a part.
func hasWord(name string, words []string) bool {
	for _, w := range counterkey.Words(name) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// startsWithWord reports whether name's first part is one of words.
func startsWithWord(name string, words []string) bool {
	w := counterkey.Words(name)
	return len(w) > 0 && slices.Contains(words, w[0])
}

// isVerifier reports whether a call authenticates its argument: a
// project function that rejects on a lookup of its parameter, or one
// whose name says it verifies.
func (t *tracker) isVerifier(call *pyast.Node) bool {
	if s, _ := t.summaryOf(call); s != nil && s.verifiesParam {
		return true
	}
	switch fn := call.ChildByFieldName("function"); fn.Type() {
	case "identifier":
		return startsWithWord(t.f.Text(fn), verifierWords)
	case "attribute":
		return startsWithWord(t.f.Text(fn.ChildByFieldName("attribute")), verifierWords)
	}
	return false
}
