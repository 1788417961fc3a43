// Package summary is the one shared pass of rlcheck's Go analyzers: it
// summarizes what the functions of a package do with counter stores and
// request values, so that every rule follows values across functions,
// methods, interfaces and packages, and builds each function's def-use
// index (flow.Func) once for all rules.
//
// # Summaries
//
// For each function declaration it computes, to a fixpoint over the
// functions in scope:
//
//   - whether it wraps one store operation (store.Wrapper): a Storage
//     method implemented with go-redis, a helper that runs one SQL
//     statement, which parameter is the key or a bind value, which results
//     carry the reply and the error. A call of a wrapper classifies as that
//     operation (store.Classify), so RL001 sees l.storage.Get then
//     l.storage.Set as a Redis GET then SET, RL004 a constant key passed to
//     an increment helper, RL005 and RL006 the key a caller builds;
//   - whether it is a limit decision: it decides on a counter or a limiter
//     and its error result carries the store's or the limiter's error
//     (decide.Deciders), so RL003 judges the err != nil branch of the
//     middleware that calls it, and RL010 the retry loop around it;
//   - what it does with request values (reqflow.Summary): which request
//     values it returns (utils.ClientIP reading X-Forwarded-For), which
//     parameters it counts a limit under, whether it only checks a value's
//     form; RL007 and RL008 follow them into keys;
//   - which parameters name a Redis key it gives a time to live (EXPIRE, a
//     SET with an expiration, directly, in a pipeline callback or through
//     another such function), so that RL013 sees the expiry a
//     SetWindow(ctx, key, d) helper sets (Expiry);
//   - the text of package-level string variables initialised with a
//     constant and never assigned again (SQL or DynamoDB expressions kept
//     in a var), for flow.ConstString.
//
// Lookup hands a rule the summary (and so the body) of any function of
// the module, for rules that read a callee themselves (RL014's helpers
// that set Retry-After).
//
// # Two modes
//
// Analyzer is the pass as go vet -vettool runs it, one package at a
// time: the summaries of the package's functions are exported as analysis
// facts (FuncFact, VarFact), and those of its dependencies imported, so a
// helper or wrapper in an imported package is followed. An interface
// method call resolves to the implementations vet can see: methods of the
// package and of its dependencies that have summaries (class hierarchy
// analysis over what is visible).
//
// rlcheck scan analyzes each module as a whole (NewModule, bound to the
// rules with Module.Bind): the summaries are solved over all the module's
// packages together, and dynamic calls are resolved by a call graph built
// on the module's SSA form (golang.org/x/tools/go/ssa). What that adds
// over vet: implementations in packages that import the interface (the
// Redis store in package redisstore behind limiter.Storage, which the
// limiter package cannot see), function values stored in fields and
// variables (a key function set in a constructor), and the module's proxy
// settings wherever the engine is created (gin.New in main, c.ClientIP()
// in a handlers package).
//
// # VTA, with CHA where it has no answer
//
// The call graph is VTA (golang.org/x/tools/go/callgraph/vta): it follows
// the types and function values that reach each call site through the
// program, so an interface call resolves to the implementations the
// module actually wires in, and a call of a function value to the
// functions stored there. Precision comes first in rlcheck: CHA resolves a
// call of a func(*http.Request) string to every function of that
// signature, and an interface call to every implementation anywhere,
// including ones that are never used there, and either can make a finding
// out of code that never runs. VTA alone, though, has no answer where the
// module does not show the wiring: a library whose constructors take the
// Storage from its users, or packages that did not type-check (no SSA is
// built for them). There an interface method call falls back to the
// module's implementations with a summary (CHA restricted to methods that
// do something the rules care about); a call of a function value
// resolves to nothing, since guessing by signature is what precision
// rules out.
//
// SSA is built only for the module's packages that can matter (those that
// import a store, a web framework, net/http or another such package of
// the module), to bound memory on large modules.
package summary
