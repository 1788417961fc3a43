package rl005

import (
	"strings"

	"github.com/rlcheck/rlcheck/analyzers/python/pyast"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/reqflow"
)

// randoms are the calls that pick a random number or element.
var randoms = map[string]bool{
	"random.randint": true, "random.randrange": true, "random.choice": true, "random.random": true,
	"random.getrandbits": true, "secrets.randbelow": true, "secrets.choice": true, "numpy.random.randint": true,
}

const randomMsg = "the counter's shard is picked at random and the limit is checked against that one shard's count, so a client's requests spread over the shards and none of them sees the full count; check the sum of all shards, or pick the shard from a stable digest of the client key (zlib.crc32)"

// checkRandomShards reports counter keys that take a random shard when
// the function's limit check reads only the shard it incremented: the
// increment's own result is compared, or the update is conditional.
// Random shards summed on read are fine.
func checkRandomShards(pass *pyrule.Pass, fn *pyfile.Func) {
	f := pass.File
	random := func(n *pyast.Node) bool { return f.CallsAny(n, randoms) }
	names := f.DerivedBy(fn.Body(), nil, pyfile.Follow{Source: random})
	seen := make(map[*pyfile.Call]bool)
	for _, sink := range reqflow.CounterSinks(fn) {
		c := sink.Call
		if sink.Role != reqflow.Key || c == nil || seen[c] {
			continue
		}
		if !f.Mentions(sink.Node, names) && !random(sink.Node) {
			continue
		}
		if checksOneShard(fn, c) {
			seen[c] = true
			pass.Report(sink.Node, 0, randomMsg)
		}
	}
}

// importsRandom reports whether f imports a random number generator.
func importsRandom(f *pyfile.File) bool {
	for _, q := range f.Imports {
		if q == "random" || q == "secrets" || strings.HasPrefix(q, "random.") || strings.HasPrefix(q, "secrets.") || strings.HasPrefix(q, "numpy") {
			return true
		}
	}
	return false
}

// checksOneShard reports whether the limit is decided on the counting
// call's own shard: the store bounds that one increment (a conditional
// update), or its result decides the limit here or in a caller.
func checksOneShard(fn *pyfile.Func, c *pyfile.Call) bool {
	return pyfile.GuardedWrite(c) || fn.IsLimitOp(c)
}
