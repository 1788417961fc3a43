// Package rl013 implements RL013 counter-without-expiry for Python: Redis
// rate-limit counters whose EXPIRE runs in a separate round trip (or never),
// and DynamoDB window counters that set no TTL attribute.
package rl013

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/internal/ddbexpr"
	"github.com/rlcheck/rlcheck/rules"
)

// Rule is RL013 for Python.
var Rule = &pyrule.Rule{ID: "RL013", Run: run}

const (
	atomicForm = "make it one unit: pipe = r.pipeline(); pipe.incr(key); pipe.expire(key, window, nx=True); n = pipe.execute()[0] (or r.set(key, 0, ex=window, nx=True) before r.incr(key), or a Lua script)"
	separate   = "the counter's expiry is set in a separate round trip from its increment, so a crash, a timeout or a failed EXPIRE in between leaves a key that never expires and that client stays limited forever; " + atomicForm
	never      = "this rate-limit counter is never given an expiry, so it never resets: a client that reaches the limit stays limited, and the keys pile up; " + atomicForm
	noTTL      = "this DynamoDB window counter sets no TTL attribute, so its items are never deleted and the table grows with every window of every client; SET a ttl attribute (epoch seconds past the window's end) in the same update_item and enable TTL on the table"
)

// clocks are the calls that return the current time.
var clocks = map[string]bool{
	"time.time": true, "time.time_ns": true, "time.monotonic": true,
	"datetime.datetime.now": true, "datetime.datetime.utcnow": true, "datetime.date.today": true,
}

func run(pass *pyrule.Pass) {
	for _, fn := range pass.File.Functions() {
		ops := fn.Ops()
		for _, c := range ops {
			switch {
			case c.Store() == "redis" && c.Recv != pyfile.Cache && c.Recv != pyfile.Declared && pyfile.RedisCounter(c.Method) && len(c.Args) > 0:
				checkRedis(pass, fn, ops, c)
			case c.Store() == "dynamodb" && c.Method == "update_item" && !c.Lifted() && !c.Splat:
				checkDynamo(pass, fn, c)
			}
		}
	}
}

// checkRedis judges one Redis increment as fn sees it.
func checkRedis(pass *pyrule.Pass, fn *pyfile.Func, ops []*pyfile.Call, c *pyfile.Call) {
	key := keyText(c)
	if key == "" || !fn.IsLimitOp(c) {
		return
	}
	var expiry *pyfile.Call
	for _, e := range ops {
		if e == c || keyText(e) != key {
			continue
		}
		switch {
		case pyfile.RedisScriptCall(e):
			return // a Lua script that runs next to it: judged as one unit
		case setsWindowFirst(e) && e.At().StartByte() < c.At().StartByte():
			return // SET key 0 EX w NX, then INCR
		case sameUnit(e, c) && expires(e):
			return // the same pipeline
		case expires(e) && (expiry == nil || c.Lifted() && e.Site == c.Site && expiry.Site != c.Site):
			expiry = e // the one the same call sets, if any
		}
	}
	if expiry != nil {
		if judgedInside(fn, c, expiry, 0) {
			return // both run inside one call, whose function reports them
		}
		pass.ReportFlow(c.At(), rules.Medium, separate, expiryPath(pass, c, expiry),
			pyrule.Related{Node: expiry.At(), Message: "the expiry is set here, in another round trip"})
		return
	}
	if c.Lifted() || callersExpire(fn, c, 0) {
		return // judged where the increment runs, or by a caller that sets the expiry
	}
	pass.Report(c.At(), rules.Low, never)
}

// judgedInside reports whether increment c and expiry e both run inside
// one call of fn whose function (or one it calls in turn) reports the
// pair itself, so that fn does not report it again.
func judgedInside(fn *pyfile.Func, c, e *pyfile.Call, depth int) bool {
	if !c.Lifted() || !e.Lifted() || c.Site != e.Site || depth > 4 {
		return false
	}
	g, _ := fn.Scope.Callee(c.Site)
	if g == nil {
		return false
	}
	var lc, le *pyfile.Call
	for _, o := range g.Ops() {
		switch o.Node {
		case c.Node:
			lc = o
		case e.Node:
			le = o
		}
	}
	if lc == nil || le == nil {
		return false
	}
	if judgedInside(g, lc, le, depth+1) {
		return true
	}
	key := keyText(lc)
	return key != "" && keyText(le) == key && g.IsLimitOp(lc)
}

// expiryPath is the flow of a finding whose increment or expiry runs in a
// project function.
func expiryPath(pass *pyrule.Pass, c, e *pyfile.Call) []pyrule.Related {
	if !c.Lifted() && !e.Lifted() {
		return nil
	}
	var out []pyrule.Related
	if c.Lifted() {
		out = append(out, pass.CallPath(c, "the counter is incremented here")...)
	} else {
		out = append(out, pyrule.Related{Node: c.Node, Message: "the counter is incremented here"})
	}
	if e.Lifted() {
		return append(out, pass.CallPath(e, "and its expiry set here")...)
	}
	return append(out, pyrule.Related{Node: e.Node, Message: "and its expiry set here"})
}

// callersExpire reports whether a caller of fn, given what fn counts,
// sets the counter's expiry itself: that caller's view judges the pair.
func callersExpire(fn *pyfile.Func, c *pyfile.Call, depth int) bool {
	p := fn.File.Project()
	if p == nil || depth > 4 {
		return false
	}
	for _, site := range p.CallSites(fn) {
		caller := site.Scope.Func()
		if caller == nil {
			continue
		}
		for _, l := range caller.Ops() {
			if l.Node != c.Node || l.Site != site.Call {
				continue
			}
			key := keyText(l)
			for _, e := range caller.Ops() {
				if e != l && (expires(e) || pyfile.RedisScriptCall(e) || setsWindowFirst(e)) && keyText(e) == key && key != "" {
					return true
				}
			}
			if callersExpire(caller, l, depth+1) {
				return true
			}
		}
	}
	return false
}

// keyText returns the key a Redis command names, as the analyzed
// function writes it (a lifted command must take its key from one
// argument), or "".
func keyText(c *pyfile.Call) string {
	if c.Lifted() && len(c.KeyDeps) != 1 {
		return ""
	}
	return c.KeyText()
}

// expires reports whether a Redis command gives its key an expiry: EXPIRE
// and its variants, a SET with ex= or px=, SETEX.
func expires(c *pyfile.Call) bool {
	if c.Store() != "redis" {
		return false
	}
	switch c.Method {
	case "expire", "pexpire", "expireat", "pexpireat", "setex", "psetex":
		return true
	case "set":
		return c.Kwargs["ex"] != nil || c.Kwargs["px"] != nil || c.Kwargs["exat"] != nil || c.Kwargs["pxat"] != nil
	}
	return false
}

// setsWindowFirst reports whether c is SET key value EX w NX: it creates
// the counter with its expiry, and the INCR after it cannot create a key
// without one.
func setsWindowFirst(c *pyfile.Call) bool {
	if c.Store() != "redis" || c.Method != "set" || !expires(c) {
		return false
	}
	nx := c.Kwargs["nx"]
	return nx != nil && nx.Type() == "true"
}

// sameUnit reports whether two commands travel in one pipeline: both on
// the same pipeline object of the same function.
func sameUnit(a, b *pyfile.Call) bool {
	if a.Recv != pyfile.RedisPipeline || b.Recv != pyfile.RedisPipeline || a.Lifted() != b.Lifted() {
		return false
	}
	if a.Lifted() {
		return a.Site == b.Site && receiver(a) == receiver(b)
	}
	return receiver(a) == receiver(b) && a.Scope == b.Scope
}

// receiver returns the text of a call's receiver, through chained
// pipeline commands (pipe.incr(k).expire(k, 60)).
func receiver(c *pyfile.Call) string {
	fn := c.Node.ChildByFieldName("function")
	if fn == nil || fn.Type() != "attribute" {
		return ""
	}
	obj := fn.ChildByFieldName("object")
	for obj.Type() == "call" {
		f := obj.ChildByFieldName("function")
		if f == nil || f.Type() != "attribute" {
			break
		}
		obj = f.ChildByFieldName("object")
	}
	return obj.Text()
}

// ttlNames are the attribute names of a DynamoDB item's expiry.
var ttlNames = map[string]bool{
	"ttl": true, "expires_at": true, "expire_at": true, "expiry": true, "expiration": true,
	"expires": true, "ttl_epoch": true, "expiresat": true, "expireat": true, "expiration_time": true,
}

// checkDynamo judges a DynamoDB increment: a window counter (its key
// holds the time) must set a TTL attribute.
func checkDynamo(pass *pyrule.Pass, fn *pyfile.Func, c *pyfile.Call) {
	if len(c.Increments()) == 0 || !fn.IsLimitOp(c) || !windowKey(fn, c) {
		return
	}
	text, ok := c.Scope.Constant(c.Kwargs["UpdateExpression"])
	if !ok {
		return
	}
	u, err := ddbexpr.ParseUpdate(text)
	if err != nil {
		return
	}
	names := make(map[string]string)
	if d, ok := c.Scope.Dict(c.Kwargs["ExpressionAttributeNames"]); ok {
		for k, v := range d {
			if s, ok := c.Scope.String(v); ok {
				names[k] = s
			}
		}
	}
	for _, a := range u.Set {
		if ttlNames[strings.ToLower(a.Path.Resolve(names).String())] {
			return
		}
	}
	pass.Report(c.Node, rules.Low, noTTL)
}

// windowKey reports whether the key of a DynamoDB counter is built from
// the clock: one item per window.
func windowKey(fn *pyfile.Func, c *pyfile.Call) bool {
	f := fn.File
	timed := f.DerivedBy(fn.Body(), nil, pyfile.Follow{Source: func(rhs *pyast.Node) bool { return f.CallsAny(rhs, clocks) }})
	for _, k := range c.KeyNodes() {
		if f.Mentions(k, timed) || f.CallsAny(k, clocks) {
			return true
		}
	}
	return false
}
