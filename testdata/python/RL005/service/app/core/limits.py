import redis

from .shards import fingerprint, shard_of, stable_shard_of

r = redis.Redis()


def hit(api_key: str) -> bool:
    return r.incr(f"rl:{api_key}:{shard_of(api_key)}") <= 100


def hit_stable(api_key: str) -> bool:
    return r.incr(f"rl:{api_key}:{stable_shard_of(api_key)}") <= 100


def hit_fingerprint(api_key: str) -> bool:
    key = f"rl:{fingerprint(api_key)}"
    return r.incr(key) <= 100
