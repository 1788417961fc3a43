"""Check-then-act on the redis commands beyond GET and SET."""
import uuid

import redis
from fastapi import HTTPException

r = redis.Redis()
MAX_CONCURRENT = 5

RELEASE_OR_ACQUIRE = """
local n = redis.call('HLEN', KEYS[1])
if n >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], 1)
return 1
"""
acquire_script = r.register_script(RELEASE_OR_ACQUIRE)


def acquire_slot(user: str) -> str:
    """A hash of active requests: its size is read, then a slot is added."""
    request_id = str(uuid.uuid4())
    active = r.hlen(f"active:{user}")
    if active >= MAX_CONCURRENT:
        raise HTTPException(status_code=429)
    r.hset(f"active:{user}", request_id, 1)  # want "RL001 \\[high\\] hset writes the count that hlen read"
    return request_id


def acquire_slot_atomically(user: str) -> str:
    request_id = str(uuid.uuid4())
    if not acquire_script(keys=[f"active:{user}"], args=[request_id, MAX_CONCURRENT]):
        raise HTTPException(status_code=429)
    return request_id


def spend_token(user: str) -> None:
    """A token bucket read, then decremented: two clients spend one token."""
    tokens = int(r.get(f"tokens:{user}") or 0)
    if tokens <= 0:
        raise HTTPException(status_code=429)
    r.decr(f"tokens:{user}")  # want "RL001 \\[high\\] decr writes the count that get read"


def spend_token_atomically(user: str) -> None:
    if r.decr(f"tokens:{user}") < 0:
        r.incr(f"tokens:{user}")
        raise HTTPException(status_code=429)


def enqueue_unless_busy(job_id: str) -> None:
    # a queue-length check before writing another key: no read-then-write
    if r.llen("jobs") > 1000:
        return
    r.set(f"job:{job_id}", "queued", ex=3600)
