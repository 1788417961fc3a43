package dynamo

import (
	"sort"

	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/flow"
	"github.com/rlcheck/rlcheck/analyzers/gocode/internal/store"
)

// legacyIncrements returns the attributes that legacy AttributeUpdates
// increment (Action ADD with a value that is not a negative constant or a
// set). ok is false when AttributeUpdates is not a visible map literal.
func legacyIncrements(f *flow.Func, in *store.Input) (attrs []string, ok bool) {
	updates, ok := MapEntries(f, in, "AttributeUpdates")
	if !ok {
		return nil, false
	}
	for name, e := range updates {
		upd := store.ResolveInput(f, e)
		if upd == nil {
			continue
		}
		if action, ok := f.ConstString(upd.One("Action")); !ok || action != "ADD" {
			continue
		}
		if notCounted(f, upd.One("Value")) {
			continue
		}
		attrs = append(attrs, name)
	}
	sort.Strings(attrs)
	return attrs, true
}
