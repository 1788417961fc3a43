"""Counters whose expiry travels with the increment."""
import redis
from fastapi import HTTPException

r = redis.Redis()
LIMIT = 100

SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""


def pipelined(key: str) -> None:
    pipe = r.pipeline()
    pipe.incr(key)
    pipe.expire(key, 60, nx=True)
    n, _ = pipe.execute()
    if n > LIMIT:
        raise HTTPException(status_code=429)


def chained(key: str) -> None:
    n = r.pipeline().incr(key).expire(key, 60).execute()[0]
    if n > LIMIT:
        raise HTTPException(status_code=429)


def window_first(key: str) -> None:
    r.set(key, 0, ex=60, nx=True)
    if r.incr(key) > LIMIT:
        raise HTTPException(status_code=429)


def scripted(key: str) -> None:
    if r.eval(SCRIPT, 1, key, 60) > LIMIT:
        raise HTTPException(status_code=429)


def page_views(path: str) -> None:
    # not a rate limit: nothing decides on it, so no expiry is owed
    r.incr(f"views:{path}")
