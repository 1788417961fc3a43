"""Read-then-write pairs made atomic, and reads with no write: RL001 stays silent."""
import boto3
import psycopg
import redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .models import RateLimitCounter

table = boto3.resource("dynamodb").Table("rate_limits")
conn = psycopg.connect("dbname=limits")
r = redis.Redis()
LIMIT = 100


def conditional_put(key: str) -> bool:
    item = table.get_item(Key={"pk": key}, ConsistentRead=True).get("Item")
    count = int(item["count"]) if item else 0
    if count >= LIMIT:
        return False
    table.put_item(
        Item={"pk": key, "count": count + 1},
        ConditionExpression="attribute_not_exists(pk) OR #c = :seen",
        ExpressionAttributeNames={"#c": "count"},
        ExpressionAttributeValues={":seen": count},
    )
    return True


def select_for_update(key: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT count FROM rate_limits WHERE key = %s FOR UPDATE", (key,))
        count = cur.fetchone()[0]
        if count >= LIMIT:
            return False
        cur.execute("UPDATE rate_limits SET count = %s WHERE key = %s", (count + 1, key))
    conn.commit()
    return True


def advisory_lock(key: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (key,))
        cur.execute("SELECT count FROM rate_limits WHERE key = %s", (key,))
        count = cur.fetchone()[0]
        if count < LIMIT:
            cur.execute("UPDATE rate_limits SET count = %s WHERE key = %s", (count + 1, key))
    conn.commit()
    return True


def lock_table(key: str) -> None:
    with conn.cursor() as cur:
        cur.execute("LOCK TABLE rate_limits IN EXCLUSIVE MODE")
        cur.execute("SELECT count FROM rate_limits WHERE key = %s", (key,))
        count = cur.fetchone()[0]
        cur.execute("UPDATE rate_limits SET count = %s WHERE key = %s", (count + 1, key))


def conditional_sql_update(key: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT count FROM rate_limits WHERE key = %s", (key,))
        count = cur.fetchone()[0]
        if count >= LIMIT:
            return False
        cur.execute("UPDATE rate_limits SET count = count + 1 WHERE key = %s AND count < %s", (key, LIMIT))
        return cur.rowcount == 1


async def serializable(session: AsyncSession, key: str) -> None:
    async with session.begin(isolation_level="SERIALIZABLE") as tx:
        row = await tx.execute(select(RateLimitCounter).filter_by(key=key))
        counter = row.scalar_one_or_none()
        counter.count += 1
        await tx.flush()


def orm_with_for_update(session: Session, key: str) -> None:
    counter = session.execute(select(RateLimitCounter).filter_by(key=key).with_for_update()).scalar_one()
    counter.count += 1
    session.commit()


def redis_lock(key: str) -> None:
    with r.lock(f"lock:{key}", timeout=1):
        current = r.get(key)
        if current is None or int(current) < LIMIT:
            r.incr(key)


def redis_watch(key: str) -> None:
    with r.pipeline() as pipe:
        pipe.watch(key)
        current = pipe.get(key)
        if current is None or int(current) < LIMIT:
            pipe.multi()
            pipe.incr(key)
            pipe.execute()


def increment_then_decide(key: str) -> bool:
    hits = r.incr(key)
    return hits <= LIMIT


def read_only(key: str) -> int:
    item = table.get_item(Key={"pk": key}).get("Item")
    return int(item["count"]) if item else 0


INCR_IF_UNDER = r.register_script(
    "local n = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if n >= tonumber(ARGV[1]) then return 0 end "
    "redis.call('INCR', KEYS[1]) return 1"
)


def lua_script(key: str) -> bool:
    script = r.register_script("return redis.call('INCR', KEYS[1])")
    current = r.get(key)
    if current is not None and int(current) >= LIMIT:
        return False
    return bool(script(keys=[key]))


def execution_options_isolation(session: Session, key: str) -> None:
    session.connection(execution_options={"isolation_level": "SERIALIZABLE"})
    counter = session.get(RateLimitCounter, key)
    counter.count += 1
    session.commit()


def set_transaction(key: str) -> bool:
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
        cur.execute("SELECT count FROM rate_limits WHERE key = %s", (key,))
        count = cur.fetchone()[0]
        if count >= LIMIT:
            return False
        cur.execute("UPDATE rate_limits SET count = %s WHERE key = %s", (count + 1, key))
        return True


CHECK_AND_INCR = r.register_script("""
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
return 1
""")


def redis_lua(key: str) -> bool:
    current = r.get(key)
    if current is not None and int(current) >= LIMIT:
        return False
    return CHECK_AND_INCR(keys=[key], args=[LIMIT]) == 1


def repeatable_read(session: Session, key: str) -> None:
    with session.begin():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        counter = session.get(RateLimitCounter, key)
        counter.count += 1
        session.flush()
