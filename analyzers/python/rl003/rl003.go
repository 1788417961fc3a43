// Package rl003 implements RL003 error-swallowing-handler for Python: an
// except clause that catches everything, or a datastore's whole error
// family, around a datastore call or in a rate-limit decision, and lets the
// request through (fail-open, high) or turns every error into "limited"
// (fail-closed, medium).
package rl003

import (
	"fmt"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/counterkey"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL003 for Python.
var Rule = &pyrule.Rule{ID: "RL003", Run: run}

// families are the exception classes that stand for a datastore's whole
// error family.
var families = map[string]string{
	"botocore.exceptions.ClientError":      "dynamodb",
	"botocore.exceptions.BotoCoreError":    "dynamodb",
	"redis.RedisError":                     "redis",
	"redis.exceptions.RedisError":          "redis",
	"redis.asyncio.RedisError":             "redis",
	"valkey.ValkeyError":                   "redis",
	"valkey.exceptions.ValkeyError":        "redis",
	"sqlalchemy.exc.SQLAlchemyError":       "sql",
	"sqlalchemy.exc.DBAPIError":            "sql",
	"psycopg.Error":                        "sql",
	"psycopg2.Error":                       "sql",
	"asyncpg.PostgresError":                "sql",
	"asyncpg.exceptions.PostgresError":     "sql",
	"psycopg.errors.Error":                 "sql",
	"psycopg2.errors.Error":                "sql",
	"asyncpg.exceptions.PostgresBaseError": "sql",
}

func run(pass *pyrule.Pass) {
	f := pass.File
	for _, fn := range f.Functions() {
		pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
			if n.Type() == "function_definition" || n.Type() == "class_definition" {
				return false
			}
			if n.Type() == "try_statement" {
				checkTry(pass, fn, n)
			}
			return true
		})
	}
}

// maxHelpers bounds how many calls deep the rate-limit operation a try
// protects may run: a limiter method and the helper it calls. A handler
// around a whole request flow whose depths hold a limit check is error
// handling of that flow, not of the limit.
const maxHelpers = 2

// checkTry judges the handlers of a try whose body runs a datastore
// operation (itself or through a project function). The try is rate-limit
// code when one of those operations counts a limit, or when a handler
// answers 429 itself.
func checkTry(pass *pyrule.Pass, fn *pyfile.Func, try *pyast.Node) {
	f := pass.File
	body := try.ChildByFieldName("body")
	if fn.Background() || f.WorkerLoop(try, fn) {
		return // a background job or worker loop: its errors let no request through
	}
	calls := fn.OpsUnder(body)
	if len(calls) == 0 {
		return
	}
	limit := false
	for _, c := range calls {
		if len(c.Via) <= maxHelpers && fn.IsLimitOp(c) {
			limit = true
			break
		}
	}
	for i := 0; i < int(try.NamedChildCount()); i++ {
		clause := try.NamedChild(i)
		if clause.Type() != "except_clause" {
			continue
		}
		caught, typeNode := caughtBy(f, clause)
		if caught == "" {
			continue
		}
		handler := block(clause)
		if handler == nil {
			continue
		}
		end := typeNode
		if end == nil {
			end = clause.Child(0) // the except keyword
		}
		report := func(sev rules.Severity, msg string) { pass.ReportSpan(clause, end, sev, msg) }
		fix := fixFor(calls)
		v := verdict(f, fn, body, handler)
		if !limit && (v != failClosed || !f.Mentions429(handler)) {
			continue // not rate-limit code: a handler of something else
		}
		switch v {
		case failOpen:
			report(rules.High, fmt.Sprintf("%s lets the request through when the datastore fails, so throttling, timeouts or a missing table turn the rate limit off; %s", caught, fix))
		case narrowedFailOpen:
			report(rules.High, fmt.Sprintf("%s narrows to the expected error but lets every other datastore error through to \"allowed\"; re-raise the other errors", caught))
		case failClosed:
			report(rules.Medium, fmt.Sprintf("%s turns every datastore error into \"rate limited\", so outages and misconfiguration look like 429s and are never seen; %s", caught, fix))
		}
	}
}

func fixFor(calls []*pyfile.Call) string {
	for _, c := range calls {
		if c.Recv == pyfile.Declared {
			continue // the store behind a declared wrapper is not known
		}
		switch c.Store() {
		case "dynamodb":
			return "catch ClientError, answer 429 only for error code ConditionalCheckFailedException and re-raise the rest"
		case "redis":
			return "catch only the error you expect and let redis errors surface as a 5xx"
		}
	}
	return "catch only the error you expect and let the others surface as a 5xx"
}

// caughtBy describes what an except clause catches when it is broad
// ("except Exception") or a whole datastore family, and returns the type
// expression; "" for narrower clauses.
func caughtBy(f *pyfile.File, clause *pyast.Node) (string, *pyast.Node) {
	var typ *pyast.Node
	for i := 0; i < int(clause.NamedChildCount()); i++ {
		if c := clause.NamedChild(i); c.Type() != "block" && c.Type() != "comment" {
			typ = c
			break
		}
	}
	if typ == nil {
		return "bare except", nil
	}
	expr := typ
	if expr.Type() == "as_pattern" {
		expr = expr.NamedChild(0)
	}
	var types []*pyast.Node
	if expr.Type() == "tuple" || expr.Type() == "parenthesized_expression" {
		for i := 0; i < int(expr.NamedChildCount()); i++ {
			types = append(types, expr.NamedChild(i))
		}
	} else {
		types = []*pyast.Node{expr}
	}
	for _, t := range types {
		name := f.Text(t)
		if t.Type() == "identifier" && (name == "Exception" || name == "BaseException") && f.Imports[name] == "" {
			return "except " + name, expr
		}
		if _, ok := families[f.Qualified(t)]; ok {
			return "except " + name, expr
		}
	}
	return "", nil
}

func block(clause *pyast.Node) *pyast.Node {
	for i := 0; i < int(clause.NamedChildCount()); i++ {
		if c := clause.NamedChild(i); c.Type() == "block" {
			return c
		}
	}
	return nil
}

type outcome int

const (
	fine outcome = iota
	failOpen
	narrowedFailOpen
	failClosed
)

// verdict classifies what a handler does with the error.
func verdict(f *pyfile.File, fn *pyfile.Func, tryBody, handler *pyast.Node) outcome {
	narrows := narrowsErrorCode(f, handler)
	var reraises, raises429, continues, returns bool
	var returned []*pyast.Node
	pyfile.Walk(handler, func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "raise_statement":
			if f.Mentions429(n) {
				raises429 = true
			} else {
				reraises = true
			}
		case "continue_statement":
			continues = true
		case "return_statement":
			returns = true
			returned = append(returned, n)
		case "call":
			if q := f.Qualified(n.ChildByFieldName("function")); (q == "flask.abort" || q == "werkzeug.exceptions.abort") && f.Mentions429(n) {
				raises429 = true
			}
		}
		return true
	})
	switch {
	case continues:
		return fine // a retry loop: RL010's business
	case narrows && reraises:
		return fine
	case reraises && !raises429:
		return fine
	case narrows:
		// The expected error is handled; every other one falls through.
		return narrowedFailOpen
	case raises429:
		return failClosed
	case returns:
		for _, r := range returned {
			switch answer(f, fn, tryBody, r) {
			case "limited":
				return failClosed
			case "allowed":
				return failOpen
			}
		}
		return fine
	}
	return failOpen // pass, logging: execution goes on as if allowed
}

// narrowsErrorCode reports whether the handler inspects the error's code
// or type: e.response["Error"]["Code"], isinstance, a specific error name.
func narrowsErrorCode(f *pyfile.File, handler *pyast.Node) bool {
	found := false
	pyfile.Walk(handler, func(n *pyast.Node) bool {
		if found {
			return false
		}
		if n.Type() == "if_statement" {
			cond := f.Text(n.ChildByFieldName("condition"))
			found = strings.Contains(cond, "Code") || strings.Contains(cond, "isinstance") ||
				strings.Contains(cond, "ConditionalCheckFailed") || strings.Contains(cond, "pgcode") || strings.Contains(cond, "sqlstate")
		}
		return !found
	})
	return found
}

// answer tells what a return statement in a handler decides: "allowed",
// "limited", or "" when it cannot tell.
func answer(f *pyfile.File, fn *pyfile.Func, tryBody, ret *pyast.Node) string {
	var value *pyast.Node
	if ret.NamedChildCount() > 0 {
		value = ret.NamedChild(0)
	}
	if value == nil || value.Type() == "none" {
		return "allowed" // a dependency that returns normally lets the request in
	}
	if f.Mentions429(value) {
		return "limited"
	}
	if v := keywordBool(f, value, "allowed", "allow", "ok", "permitted"); v != "" {
		if v == "True" {
			return "allowed"
		}
		return "limited"
	}
	if v := keywordBool(f, value, "limited", "blocked", "throttled", "exceeded"); v != "" {
		if v == "True" {
			return "limited"
		}
		return "allowed"
	}
	if value.Type() != "true" && value.Type() != "false" {
		return ""
	}
	handlerValue := value.Type() == "true"
	// Compare with what the try body returns on success.
	if success, ok := successBool(tryBody); ok {
		if success == handlerValue {
			return "allowed"
		}
		return "limited"
	}
	// Otherwise the function's name says what True means.
	trueMeansLimited := false
	for _, w := range counterkey.Words(fn.Name()) {
		switch w {
		case "limited", "exceeded", "blocked", "throttled", "over", "denied", "deny":
			trueMeansLimited = true
		}
	}
	if handlerValue == trueMeansLimited {
		return "limited"
	}
	return "allowed"
}

// successBool returns the literal boolean the try body returns, if any.
func successBool(tryBody *pyast.Node) (bool, bool) {
	var v, found bool
	pyfile.Walk(tryBody, func(n *pyast.Node) bool {
		if found {
			return false
		}
		if n.Type() == "return_statement" && n.NamedChildCount() > 0 {
			switch n.NamedChild(0).Type() {
			case "true":
				v, found = true, true
			case "false":
				v, found = false, true
			}
		}
		return !found
	})
	return v, found
}

// keywordBool returns "True" or "False" when value is a call with one of
// the keyword arguments set to a boolean literal.
func keywordBool(f *pyfile.File, value *pyast.Node, names ...string) string {
	if value.Type() != "call" {
		return ""
	}
	args := value.ChildByFieldName("arguments")
	if args == nil {
		return ""
	}
	for i := 0; i < int(args.NamedChildCount()); i++ {
		a := args.NamedChild(i)
		if a.Type() != "keyword_argument" {
			continue
		}
		name := f.Text(a.ChildByFieldName("name"))
		for _, n := range names {
			if name == n {
				switch a.ChildByFieldName("value").Type() {
				case "true":
					return "True"
				case "false":
					return "False"
				}
			}
		}
	}
	return ""
}
