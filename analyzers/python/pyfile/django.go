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
		if name := f.ResultName(n); name != "" && savesCounter(f, body, n.EndByte(), name) {
			out = append(out, n)
		}
		return true
	})
	return out
}

// savesCounter reports whether, after the byte offset after, body changes
// a counted field of obj and then calls obj.save().
func savesCounter(f *File, body *pyast.Node, after uint32, obj string) bool {
	changed, saved := false, false
	Walk(body, func(n *pyast.Node) bool {
		if saved || n.StartByte() < after {
			return !saved
		}
		switch n.Type() {
		case "augmented_assignment", "assignment":
			l := n.ChildByFieldName("left")
			changed = changed || l != nil && l.Type() == "attribute" && f.Text(l.ChildByFieldName("object")) == obj &&
				counterkey.IsCounterName(f.Text(l.ChildByFieldName("attribute")))
		case "call":
			c := n.ChildByFieldName("function")
			if changed && c != nil && c.Type() == "attribute" && f.Text(c.ChildByFieldName("object")) == obj {
				switch f.Text(c.ChildByFieldName("attribute")) {
				case "save", "asave":
					saved = true
				}
			}
		}
		return true
	})
	return saved
}
