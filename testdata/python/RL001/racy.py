"""Counters read in one operation and written in another."""
import boto3
import psycopg
import redis
from sqlalchemy.orm import Session

from .models import RateLimitCounter

table = boto3.resource("dynamodb").Table("rate_limits")
conn = psycopg.connect("dbname=limits")
r = redis.Redis()
LIMIT = 100


def dynamodb_read_then_put(key: str) -> bool:
    item = table.get_item(Key={"pk": key}, ConsistentRead=True).get("Item")
    count = int(item["count"]) if item else 0
    if count >= LIMIT:
        return False
    table.put_item(Item={"pk": key, "count": count + 1})  # want "RL001 \\[high\\] put_item writes the count that get_item read on line 16"
    return True


def first_request_only(client_key: str, window: int) -> None:
    """Seed 001's TOCTOU: an existence check, then an insert."""
    existing = table.get_item(Key={"client_key": client_key, "window_start": window})
    if "Item" not in existing:
        table.put_item(Item={"client_key": client_key, "window_start": window, "request_count": 1})  # want "RL001"


def sql_select_then_update(key: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT count FROM rate_limits WHERE key = %s", (key,))
        row = cur.fetchone()
        count = row[0] if row else 0
        if count >= LIMIT:
            return False
        cur.execute("UPDATE rate_limits SET count = %s WHERE key = %s", (count + 1, key))  # want "RL001 \\[high\\] UPDATE of rate_limits writes the count that SELECT from rate_limits read"
    conn.commit()
    return True


def redis_get_then_incr(key: str) -> bool:
    current = r.get(key)
    if current is not None and int(current) >= LIMIT:
        return False
    r.incr(key)  # want "RL001"
    return True


def orm_load_then_increment(session: Session, key: str) -> bool:
    counter = session.get(RateLimitCounter, key)
    counter.count += 1  # want "RL001 \\[high\\] the update of counter.count"
    session.commit()
    return counter.count <= LIMIT


def read_committed_is_not_enough(session: Session, key: str) -> None:
    session.connection(execution_options={"isolation_level": "READ COMMITTED"})
    counter = session.get(RateLimitCounter, key)
    counter.count += 1  # want "RL001"
    session.commit()
