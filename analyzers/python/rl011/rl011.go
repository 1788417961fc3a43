// Package rl011 implements RL011 process-local-limit-state for Python:
// rate-limit counts kept in a module-level (or once-per-process) container,
// and limiter libraries left on their in-memory storage.
package rl011

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/deploy"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL011 for Python.
var Rule = &pyrule.Rule{ID: "RL011", Run: run}

// containers are the constructors of mutable per-process maps.
var containers = map[string]bool{
	"dict": true, "collections.Counter": true, "collections.defaultdict": true, "collections.OrderedDict": true,
	"collections.deque": true, "cachetools.TTLCache": true, "cachetools.LRUCache": true, "cachetools.TLRUCache": true,
	"expiringdict.ExpiringDict": true,
}

// limiters are the limiter classes whose default storage is memory://.
var limiters = map[string]bool{
	"flask_limiter.Limiter": true, "flask_limiter.extension.Limiter": true, "slowapi.Limiter": true, "slowapi.extension.Limiter": true,
}

func run(pass *pyrule.Pass) {
	f := pass.File
	reported := make(map[*pyast.Node]bool)
	for _, fn := range f.Functions() {
		for _, st := range limitState(fn) {
			if reported[st.def] {
				continue
			}
			reported[st.def] = true
			pass.ReportFlow(st.def, severity(f), message("this container holds rate-limit counts in process memory", f), nil,
				pyrule.Related{Node: st.decision, Message: "the limit is decided on it here"})
		}
	}
	checkThrottles(pass)
	checkRatelimitDecorators(pass)
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		if n.Type() != "call" {
			return true
		}
		switch q := f.Qualified(n.ChildByFieldName("function")); {
		case limiters[q]:
			if memoryStorage(f, n) {
				pass.Report(n, severity(f), message("this Limiter keeps its counts in its default memory:// storage", f)+"; pass storage_uri=\"redis://...\" (or set RATELIMIT_STORAGE_URI)")
			}
		case q == "limits.storage.MemoryStorage" || q == "limits.aio.storage.MemoryStorage":
			pass.Report(n, severity(f), message("this limits storage keeps its counts in process memory", f))
		}
		return true
	})
}

// checkThrottles reports Django REST framework throttling turned on in a
// settings module (REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES) while the
// project's caches are Django's per-process default: no CACHES setting,
// or one whose default backend is LocMemCache.
func checkThrottles(pass *pyrule.Pass) {
	f := pass.File
	for _, v := range f.ModuleAssignments("REST_FRAMEWORK") {
		settings, ok := f.Module().Dict(v)
		classes := settings["DEFAULT_THROTTLE_CLASSES"]
		if !ok || classes == nil || classes.NamedChildCount() == 0 || !localCaches(f, "default") {
			continue
		}
		pass.Report(classes, severity(f), message("these Django REST framework throttles count in the default cache, which is Django's per-process LocMemCache here (no CACHES setting names a shared backend)", f)+
			"; point CACHES[\"default\"] at a shared backend (django.core.cache.backends.redis.RedisCache), or give the throttles one (cache = caches[\"ratelimit\"])")
	}
}

// djangoRatelimit are django-ratelimit's decorator and its function, as
// the package is imported today and as it was before 4.0.
var djangoRatelimit = map[string]bool{
	"django_ratelimit.decorators.ratelimit": true, "django_ratelimit.core.is_ratelimited": true,
	"ratelimit.decorators.ratelimit": true, "ratelimit.core.is_ratelimited": true,
}

// checkRatelimitDecorators reports the first use in the file of
// django-ratelimit while the cache it counts in is per-process: the
// default cache, or the one RATELIMIT_USE_CACHE names, is LocMemCache (or
// no CACHES is set). Only a project whose settings module is in the scan
// (it assigns INSTALLED_APPS) is judged: a library's code is configured
// by the projects that use it.
func checkRatelimitDecorators(pass *pyrule.Pass) {
	f := pass.File
	done := !assignedAnywhere(f, "INSTALLED_APPS")
	pyfile.Walk(f.Root, func(n *pyast.Node) bool {
		if done || n.Type() != "call" || !djangoRatelimit[f.Qualified(n.ChildByFieldName("function"))] {
			return !done
		}
		done = true
		if localCaches(f, ratelimitCache(f)) {
			pass.Report(n, severity(f), message("django-ratelimit counts in Django's cache, which is the per-process LocMemCache here (no CACHES setting names a shared backend)", f)+
				"; point the cache it uses (CACHES[\"default\"], or the one RATELIMIT_USE_CACHE names) at a shared backend such as django.core.cache.backends.redis.RedisCache")
		}
		return false
	})
}

// assignedAnywhere reports whether a module of f's project (or f) assigns
// the Django setting name.
func assignedAnywhere(f *pyfile.File, name string) bool { return len(f.Settings(name)) > 0 }

// ratelimitCache returns the name of the cache django-ratelimit counts
// in: the one a module's RATELIMIT_USE_CACHE names, or "default".
func ratelimitCache(f *pyfile.File) string {
	for _, st := range f.Settings("RATELIMIT_USE_CACHE") {
		if name, ok := st.Scope.String(st.Value); ok {
			return name
		}
	}
	return "default"
}

// localCaches reports whether the project's cache called name is
// per-process: no module of the project assigns CACHES (Django's default
// is LocMemCache), or every CACHES it assigns is a dict whose entry name
// has a LocMemCache BACKEND. A CACHES rlcheck cannot read (env.cache(), a
// dict built elsewhere, an entry it does not hold) may be shared.
func localCaches(f *pyfile.File, name string) bool {
	for _, st := range f.Settings("CACHES") {
		caches, ok := st.Scope.Dict(st.Value)
		if !ok {
			return false
		}
		entry, ok := st.Scope.Dict(caches[name])
		if !ok {
			return false
		}
		backend, ok := st.Scope.String(entry["BACKEND"])
		if !ok || !strings.Contains(backend, ".locmem.") {
			return false
		}
	}
	return true
}

// state is a container that a function decides a limit on.
type state struct {
	def      *pyast.Node // the container's construction
	decision *pyast.Node // the comparison
}

// limitState returns the process-local containers fn reads per key,
// decides a limit on and writes.
func limitState(fn *pyfile.Func) []state {
	f := fn.File
	s := fn.Scope
	reads := make(map[string]*pyast.Node) // container text -> its construction
	counts := make(map[string]bool)       // names holding a read of one
	written := make(map[string]bool)      // containers written
	var accesses []*pyast.Node            // the per-key reads
	pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "subscript":
			if c := container(s, n.ChildByFieldName("value")); c != nil && !s.IsConstant(n.ChildByFieldName("subscript")) {
				reads[n.ChildByFieldName("value").Text()] = c
				accesses = append(accesses, n)
				if storeTarget(n) {
					written[n.ChildByFieldName("value").Text()] = true
				}
			}
		case "call":
			callee := n.ChildByFieldName("function")
			if callee.Type() != "attribute" {
				return true
			}
			obj := callee.ChildByFieldName("object")
			c := container(s, obj)
			if c == nil {
				return true
			}
			switch f.Text(callee.ChildByFieldName("attribute")) {
			case "get", "setdefault", "count":
				reads[obj.Text()] = c
				accesses = append(accesses, n)
				if f.Text(callee.ChildByFieldName("attribute")) == "setdefault" {
					written[obj.Text()] = true
				}
			case "update", "pop", "popitem", "clear", "__setitem__", "append", "appendleft", "popleft":
				written[obj.Text()] = true
			}
		}
		return true
	})
	// Names assigned a per-key read: n = COUNTS.get(ip, 0) + 1.
	pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment", "augmented_assignment":
			left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
			if left != nil && left.Type() == "identifier" && right != nil {
				for _, a := range accesses {
					if encloses(right, a) {
						counts[f.Text(left)] = true
					}
				}
			}
		}
		return true
	})
	// D[k].append(x): a write through the per-key read
	for _, a := range accesses {
		if p := a.Parent(); p != nil && p.Type() == "attribute" {
			if call := p.Parent(); call != nil && call.Type() == "call" {
				switch f.Text(p.ChildByFieldName("attribute")) {
				case "append", "appendleft", "add", "update", "extend", "popleft", "insert":
					written[containerText(a)] = true
				}
			}
		}
	}
	var out []state
	for text, def := range reads {
		if !written[text] {
			continue // read only: configuration, an allow list
		}
		if cmp := decision(fn, text, counts); cmp != nil {
			out = append(out, state{def: def, decision: cmp})
		}
	}
	return out
}

// containerText returns the text of the container a per-key read reads.
func containerText(read *pyast.Node) string {
	if read.Type() == "subscript" {
		return read.ChildByFieldName("value").Text()
	}
	return read.ChildByFieldName("function").ChildByFieldName("object").Text()
}

// storeTarget reports whether a subscript is assigned to.
func storeTarget(n *pyast.Node) bool {
	p := n.Parent()
	return p != nil && (p.Type() == "assignment" || p.Type() == "augmented_assignment") && p.ChildByFieldName("left") == n
}

func encloses(outer, n *pyast.Node) bool {
	return n.StartByte() >= outer.StartByte() && n.EndByte() <= outer.EndByte()
}

// decision returns the first ordered comparison of fn that decides a
// limit on the container (its per-key read, its size) or on a name holding
// one, or nil.
func decision(fn *pyfile.Func, container string, counts map[string]bool) *pyast.Node {
	f := fn.File
	var found *pyast.Node
	pyfile.Walk(fn.Body(), func(n *pyast.Node) bool {
		if found != nil {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "comparison_operator":
			if !f.Orders(n) || !(f.Mentions(n, counts) || strings.Contains(n.Text(), container+"[") || strings.Contains(n.Text(), container+".get(")) {
				return true
			}
			if decides(f, n) {
				found = n
			}
		}
		return found == nil
	})
	return found
}

// decides reports whether a comparison is the condition of an if whose
// branch rejects, or is returned.
func decides(f *pyfile.File, cmp *pyast.Node) bool {
	n := cmp
	for p := n.Parent(); p != nil; n, p = p, p.Parent() {
		switch p.Type() {
		case "boolean_operator", "not_operator", "parenthesized_expression":
			continue
		case "if_statement", "elif_clause":
			return p.ChildByFieldName("condition") == n && (pyfile.Rejects(f, p.ChildByFieldName("consequence")) || pyfile.Rejects(f, p.NextNamedSibling()))
		case "return_statement":
			return true
		}
		return false
	}
	return false
}

// container returns the construction of the process-local container n
// names: a module-level (or imported) value built by a container
// constructor or a dict display, or an attribute of an object the program
// builds once per process; nil for anything else.
func container(s *pyfile.Scope, n *pyast.Node) *pyast.Node {
	if n == nil {
		return nil
	}
	switch n.Type() {
	case "identifier":
		d := s.Resolve(n)
		if d.Node == nil || d.Scope == nil || d.Scope.Func() != nil {
			return nil // a local: per request
		}
		if isContainer(d.Scope, d.Node) {
			return d.Node
		}
	case "attribute":
		obj := n.ChildByFieldName("object")
		c := s.ClassOf(obj)
		if c == nil || !oncePerProcess(c) {
			return nil
		}
		name := n.ChildByFieldName("attribute").Text()
		if v := c.AttrNode(name); v != nil && isContainer(s.File().ScopeOf(v), v) {
			return v
		}
	}
	return nil
}

// isContainer reports whether n builds a mutable map.
func isContainer(s *pyfile.Scope, n *pyast.Node) bool {
	switch n.Type() {
	case "dictionary", "dictionary_comprehension":
		return true
	case "call":
		q := s.File().Qualified(n.ChildByFieldName("function"))
		if q == "" {
			q = n.ChildByFieldName("function").Text()
		}
		return containers[q]
	}
	return false
}

// oncePerProcess reports whether instances of c live as long as the
// process: one is built at module level, or c is a Starlette middleware.
func oncePerProcess(c *pyfile.Class) bool {
	return c.Derives("starlette.middleware.base.BaseHTTPMiddleware") || c.Instantiated()
}

// memoryStorage reports whether a Limiter keeps its counts in memory: no
// storage_uri (nor a RATELIMIT_STORAGE_URI setting in the project), or a
// memory:// one.
func memoryStorage(f *pyfile.File, call *pyast.Node) bool {
	if v := f.Keyword(call, "storage_uri"); v != nil {
		text, ok := f.ScopeOf(call).String(v)
		return ok && strings.HasPrefix(text, "memory://")
	}
	return !storageSetting(f.Project())
}

// storageSetting reports whether the project sets RATELIMIT_STORAGE_URI
// (or _URL) to something other than memory://.
func storageSetting(p *pyfile.Project) bool {
	if p == nil {
		return false
	}
	return p.Memo("rl011.storageSetting", func() any {
		for _, f := range p.Files() {
			found := false
			pyfile.Walk(f.Root, func(n *pyast.Node) bool {
				var key, value *pyast.Node
				switch n.Type() {
				case "assignment":
					key, value = n.ChildByFieldName("left"), n.ChildByFieldName("right")
				case "pair":
					key, value = n.ChildByFieldName("key"), n.ChildByFieldName("value")
				case "keyword_argument":
					key, value = n.ChildByFieldName("name"), n.ChildByFieldName("value")
				default:
					return true
				}
				if key == nil || value == nil || !strings.Contains(key.Text(), "RATELIMIT_STORAGE_UR") {
					return true
				}
				if text, ok := f.ScopeOf(n).String(value); !ok || !strings.HasPrefix(text, "memory://") {
					found = true
				}
				return !found
			})
			if found {
				return true
			}
		}
		return false
	}).(bool)
}

// severity is medium, or low where the repository shows one process.
func severity(f *pyfile.File) rules.Severity {
	if p := f.Project(); p != nil && p.Deployment().Single() {
		return rules.Low
	}
	return rules.Medium
}

// message describes the finding with the deployment evidence.
func message(what string, f *pyfile.File) string {
	var where string
	if p := f.Project(); p != nil {
		if fact, ok := p.Deployment().Several(); ok {
			where = fmt.Sprintf(" (the repository runs several: %s, %s%s)", fact.What, filepath.Base(fact.Path), line(fact))
		} else if p.Deployment().Single() {
			where = " (the repository shows a single process; the limit multiplies as soon as it scales)"
		}
	}
	return what + ", so every worker process and replica counts on its own and the real limit is the limit times the number of processes" + where + "; keep the counts in a store they share (Redis INCR with an expiry, a database row)"
}

func line(fact deploy.Fact) string {
	if fact.Line == 0 {
		return ""
	}
	return fmt.Sprintf(":%d", fact.Line)
}
