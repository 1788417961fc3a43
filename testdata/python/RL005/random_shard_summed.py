"""Random shards summed on read: the limit sees the whole count."""
import random

import redis

r = redis.Redis()
SHARDS = 8
LIMIT = 100


def summed(client: str) -> bool:
    r.incr(f"rl:{client}:{random.randrange(SHARDS)}")
    total = sum(int(v or 0) for v in r.mget([f"rl:{client}:{i}" for i in range(SHARDS)]))
    return total <= LIMIT


def global_counter() -> None:
    # a global counter spread over shards, never compared per shard
    r.incr(f"requests:{random.randrange(SHARDS)}")


def jitter(client: str) -> bool:
    # randomness that is not part of the key
    count = r.incr(f"rl:{client}")
    r.expire(f"rl:{client}", 60 + random.randint(0, 5))
    return count <= LIMIT
