module example.com/go-redis

go 1.22

require github.com/redis/go-redis/v9 v9.7.0

// The example loads offline (rlcheck's loader never downloads modules):
// third_party/go-redis is a minimal stand-in with go-redis's API. Drop
// this line to build the example against the real client.
replace github.com/redis/go-redis/v9 => ./third_party/go-redis
