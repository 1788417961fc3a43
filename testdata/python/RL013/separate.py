"""INCR and EXPIRE in separate round trips, and counters never expired."""
import redis
import redis.asyncio as aioredis
from fastapi import HTTPException

r = redis.Redis()
ar = aioredis.from_url("redis://cache")
LIMIT = 100


def classic(key: str) -> None:
    n = r.incr(key)  # want "RL013 \\[medium\\] the counter's expiry is set in a separate round trip"
    if n == 1:
        r.expire(key, 60)
    if n > LIMIT:
        raise HTTPException(status_code=429)


async def classic_async(ip: str) -> None:
    key = f"rl:{ip}"
    n = await ar.incr(key)  # want "RL013 \\[medium\\]"
    if n == 1:
        await ar.expire(key, 60)
    if n > LIMIT:
        raise HTTPException(status_code=429)


def never_expires(user: str) -> bool:
    return r.incr(f"rl:{user}") <= LIMIT  # want "RL013 \\[low\\] this rate-limit counter is never given an expiry"


def hash_counter(user: str) -> bool:
    n = r.hincrby("rl", user, 1)  # want "RL013 \\[medium\\]"
    r.expire("rl", 60)
    return n <= LIMIT
