import asyncpg
import psycopg
import redis.asyncio
from fastapi import HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from .db import cache, connection

LIMIT = 100


def through_subclass(key):
    n = int(cache.get(key) or 0)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    cache.set(key, n + 1)  # want "RL001 \\[high\\] set writes the count that get read"


def through_context_manager(client_id):
    with connection() as conn:
        used = conn.execute("SELECT used FROM quotas WHERE client_id = %s", (client_id,)).fetchone()[0]
        if used >= LIMIT:
            raise HTTPException(status_code=429)
        conn.execute("UPDATE quotas SET used = %s WHERE client_id = %s", (used + 1, client_id))  # want "RL001 \\[high\\] UPDATE of quotas writes the count"


async def through_annotation(r: redis.asyncio.Redis, key: str):
    n = int(await r.get(key) or 0)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    await r.set(key, n + 1)  # want "RL001 \\[high\\]"


async def through_pool(pool: asyncpg.Pool, client_id: str):
    async with pool.acquire() as conn:
        used = await conn.fetchval("SELECT used FROM quotas WHERE client_id = $1", client_id)
        if used >= LIMIT:
            raise HTTPException(status_code=429)
        await conn.execute("UPDATE quotas SET used = $1 WHERE client_id = $2", used + 1, client_id)  # want "RL001 \\[high\\]"


def through_psycopg(conn: psycopg.Connection, client_id: str):
    used = conn.execute("SELECT used FROM quotas WHERE client_id = %s FOR UPDATE", (client_id,)).fetchone()[0]
    if used >= LIMIT:
        raise HTTPException(status_code=429)
    conn.execute("UPDATE quotas SET used = %s WHERE client_id = %s", (used + 1, client_id))


async def through_session(session: AsyncSession, client_id: str):
    used = (await session.execute("SELECT used FROM quotas WHERE client_id = :c", {"c": client_id})).scalar()
    if used >= LIMIT:
        raise HTTPException(status_code=429)
    await session.execute("UPDATE quotas SET used = :u WHERE client_id = :c", {"u": used + 1, "c": client_id})  # want "RL001 \\[high\\]"


def multi_after_the_read(key):
    # MULTI does not protect a GET that ran before it
    n = int(cache.get(key) or 0)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    with cache.pipeline(transaction=True) as pipe:
        pipe.set(key, n + 1)  # want "RL001 \\[high\\] set writes the count that get read"
        pipe.expire(key, 60)
        pipe.execute()


def watched(key):
    with cache.pipeline() as pipe:
        pipe.watch(key)
        n = int(pipe.get(key) or 0)
        if n >= LIMIT:
            raise HTTPException(status_code=429)
        pipe.multi()
        pipe.set(key, n + 1)
        pipe.execute()
