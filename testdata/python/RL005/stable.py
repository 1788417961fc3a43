"""Stable digests, and hash() where per-process salt does not matter."""
import hashlib
import zlib

import redis

r = redis.Redis()
SHARDS = 16


def shard_for(api_key: str) -> int:
    return zlib.crc32(api_key.encode()) % SHARDS


def digest_key(api_key: str) -> int:
    slot = int(hashlib.sha256(api_key.encode()).hexdigest(), 16) % SHARDS
    return r.incr(f"hits:{slot}")


def of_an_int(user_id: int) -> int:
    """hash() of an int is not salted."""
    return hash(user_id) % SHARDS


def local_cache_key(name: str) -> int:
    """Stays inside the process: no datastore, no shard."""
    return hash(name)
