package rl010

import (
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/rules"
)

// checkHelpers judges the retry decorators of a function that runs a
// rate-limit operation (itself or through a project function): tenacity's
// @retry and backoff's @on_exception / @on_predicate.
func checkHelpers(pass *pyrule.Pass, fn *pyfile.Func) {
	limit := false
	for _, c := range fn.Ops() {
		limit = limit || fn.IsLimitOp(c)
	}
	if !limit {
		return
	}
	f := pass.File
	for _, d := range fn.Decorators() {
		call := d
		if d.Type() != "call" {
			call = nil
		}
		callee := d
		if call != nil {
			callee = call.ChildByFieldName("function")
		}
		switch f.Qualified(callee) {
		case "tenacity.retry":
			checkTenacity(pass, d, call)
		case "backoff.on_exception", "backoff.on_predicate":
			if call != nil {
				checkBackoff(pass, d, call)
			}
		}
	}
}

// tenacityJitter are tenacity's waits that back off or randomize.
var tenacityJitter = map[string]bool{
	"tenacity.wait_random": true, "tenacity.wait_random_exponential": true,
	"tenacity.wait_full_jitter": true, "tenacity.wait_exponential": true,
	"tenacity.wait_exponential_jitter": true, "tenacity.wait_incrementing": true,
}

// tenacityFixed are tenacity's waits that neither back off nor jitter.
var tenacityFixed = map[string]bool{
	"tenacity.wait_fixed": true, "tenacity.wait_none": true,
}

func checkTenacity(pass *pyrule.Pass, d, call *pyast.Node) {
	f := pass.File
	var stop, wait, callback *pyast.Node
	if call != nil {
		stop, wait, callback = f.Keyword(call, "stop"), f.Keyword(call, "wait"), f.Keyword(call, "retry_error_callback")
	}
	if stop == nil || f.Qualified(stop) == "tenacity.stop_never" {
		pass.Report(d, rules.High, "this @retry around a datastore call has no stop condition, so contention or a failing store keeps the request retrying forever; pass stop=stop_after_attempt(n) (or stop_after_delay) and let the final error surface")
		return
	}
	if callback != nil && allowingCallback(f, callback) {
		pass.Report(d, rules.High, "retry_error_callback returns a value instead of raising once the attempts run out, so the request goes on as if allowed; drop it (tenacity then raises RetryError) or have it raise, and answer 503")
		return
	}
	switch {
	case wait == nil:
		pass.Report(d, rules.Medium, "this @retry retries the datastore call immediately, with neither backoff nor jitter, so concurrent retries collide again; pass wait=wait_random_exponential(multiplier=..., max=...)")
	case !mentionsAny(f, wait, tenacityJitter) && mentionsAny(f, wait, tenacityFixed):
		pass.Report(d, rules.Medium, "this @retry waits a fixed time between attempts, so concurrent retries stay synchronized; use wait_random_exponential or add wait_random jitter")
	}
}

// allowingCallback reports whether a retry_error_callback is a lambda that
// returns True or None: the caller reads it as allowed.
func allowingCallback(f *pyfile.File, cb *pyast.Node) bool {
	if cb.Type() != "lambda" {
		return false
	}
	body := cb.ChildByFieldName("body")
	return body != nil && (body.Type() == "true" || body.Type() == "none")
}

func checkBackoff(pass *pyrule.Pass, d, call *pyast.Node) {
	f := pass.File
	if f.Keyword(call, "max_tries") == nil && f.Keyword(call, "max_time") == nil {
		pass.Report(d, rules.High, "this backoff decorator around a datastore call has neither max_tries nor max_time, so contention or a failing store keeps the request retrying forever; bound it and let the final error surface")
		return
	}
	args := call.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() == 0 {
		return
	}
	gen := f.Qualified(args.NamedChild(0))
	if jitter := f.Keyword(call, "jitter"); jitter != nil && jitter.Type() == "none" && gen == "backoff.constant" {
		pass.Report(d, rules.Medium, "backoff.constant with jitter=None waits a fixed time between attempts, so concurrent retries stay synchronized; keep the default full_jitter or use backoff.expo")
	}
}

// mentionsAny reports whether n calls or names one of the qualified
// names.
func mentionsAny(f *pyfile.File, n *pyast.Node, names map[string]bool) bool {
	found := false
	pyfile.Walk(n, func(m *pyast.Node) bool {
		if (m.Type() == "identifier" || m.Type() == "attribute") && names[f.Qualified(m)] {
			found = true
		}
		return !found
	})
	return found
}
