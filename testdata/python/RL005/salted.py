"""Shards and keys computed with the per-process salted hash()."""
import psycopg
import redis
from fastapi import Header

conn = psycopg.connect("dbname=limits")
r = redis.Redis()
SHARDS = 16


def shard_for(api_key: str) -> int:
    return hash(api_key) % SHARDS  # want "RL005 \\[high\\] hash\\(\\) of a string is salted per process"


def hit(api_key: str) -> int:
    return r.incr(f"rl:{api_key}:{shard_for(api_key)}")


def mock_user_id(access_token: str) -> int:
    # a display id taken modulo a range, never a key, shard or lock
    return abs(hash(access_token)) % 1000000


def count(x_api_key: str = Header(...)) -> int:
    slot = hash(f"client:{x_api_key}")  # want "RL005"
    return r.incr(f"hits:{slot}")


def lock(client_id: str) -> None:
    lock_id = hash((client_id, "limits"))  # want "RL005"
    with conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (lock_id,))
