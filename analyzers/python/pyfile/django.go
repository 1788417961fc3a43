package pyfile

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/internal/counterkey"
)

// djangoLoads are the Manager and QuerySet methods that load one model
// instance.
var djangoLoads = map[string]bool{
	"get": true, "get_or_create": true, "first": true, "last": true, "earliest": true, "latest": true,
	"aget": true, "aget_or_create": true, "afirst": true, "alast": true,
}

// DjangoLoad reports whether call loads one instance of a Django model
// through its manager without locking the row: Model.objects.get(...),
// Model.objects.filter(...).first(), Model.objects.get_or_create(...),
// where Model derives from django.db.models.Model and no
// select_for_update() is on the way.
func (s *Scope) DjangoLoad(call *pyast.Node) bool {
	_, ok := s.djangoQuery(call)
	return ok
}

// DjangoLoadKeys returns the lookup values of a Django load (the values of
// value=..., pk=... in the calls of its chain, leaving out defaults=).
func (s *Scope) DjangoLoadKeys(call *pyast.Node) []*pyast.Node {
	calls, ok := s.djangoQuery(call)
	if !ok {
		return nil
	}
	var out []*pyast.Node
	for _, c := range calls {
		args := c.ChildByFieldName("arguments")
		if args == nil {
			continue
		}
		for _, a := range args.NamedChildren() {
			if a.Type() == "keyword_argument" && s.file.Text(a.ChildByFieldName("name")) != "defaults" {
				out = append(out, a.ChildByFieldName("value"))
			}
		}
	}
	return out
}

// djangoQuery returns the calls of a Django load's chain, outermost first,
// and whether call is one.
func (s *Scope) djangoQuery(call *pyast.Node) ([]*pyast.Node, bool) {
	f := s.file
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "attribute" || !djangoLoads[f.Text(fn.ChildByFieldName("attribute"))] {
		return nil, false
	}
	calls := []*pyast.Node{call}
	for n := fn.ChildByFieldName("object"); n != nil; {
		switch n.Type() {
		case "call": // Model.objects.filter(...).first()
			m := n.ChildByFieldName("function")
			if m == nil || m.Type() != "attribute" || f.Text(m.ChildByFieldName("attribute")) == "select_for_update" {
				return nil, false
			}
			calls = append(calls, n)
			n = m.ChildByFieldName("object")
		case "attribute": // the manager: Model.objects
			d := s.Resolve(n.ChildByFieldName("object"))
			return calls, d.Class != nil && d.Class.Derives("django.db.models.Model")
		default:
			return nil, false
		}
	}
	return nil, false
}

// DjangoCounterLoads returns the Django loads in fn whose instance then
// has a counted field changed (obj.tokens -= 1, obj.hits = n + 1) and is
// saved: the reads of a counter kept in a model.
func (fn *Func) DjangoCounterLoads() []*pyast.Node {
	f, s, body := fn.File, fn.Scope, fn.Body()
	var out []*pyast.Node
	Walk(body, func(n *pyast.Node) bool {
		if n.Type() != "call" || !s.DjangoLoad(n) {
			return true
		}
		if name := f.ResultName(n); name != "" && f.StoredCounterChange(body, n.EndByte(), map[string]bool{name: true}) != nil {
			out = append(out, n)
		}
		return true
	})
	return out
}

// StoredCounterChange returns the first change, after the byte offset
// after, of a counted field of an object objs names (obj.count += n,
// obj.tokens = expr), when it is then stored: a session's commit() or
// flush() (SQLAlchemy) or the object's save() (Django); nil otherwise.
func (f *File) StoredCounterChange(body *pyast.Node, after uint32, objs map[string]bool) *pyast.Node {
	var change *pyast.Node
	stored := false
	Walk(body, func(n *pyast.Node) bool {
		if stored || n.StartByte() < after {
			return !stored
		}
		switch n.Type() {
		case "augmented_assignment", "assignment":
			left := n.ChildByFieldName("left")
			if change == nil && left != nil && left.Type() == "attribute" && objs[f.Text(left.ChildByFieldName("object"))] &&
				counterkey.IsCounterName(f.Text(left.ChildByFieldName("attribute"))) {
				change = n
			}
		case "call":
			fn := n.ChildByFieldName("function")
			if change != nil && fn != nil && fn.Type() == "attribute" {
				switch f.Text(fn.ChildByFieldName("attribute")) {
				case "commit", "flush":
					stored = true
				case "save", "asave":
					stored = objs[f.Text(fn.ChildByFieldName("object"))]
				}
			}
		}
		return true
	})
	if !stored {
		return nil
	}
	return change
}
