"""Retry loops that fail open, never stop, or retry in lockstep."""
import asyncio
import time

import psycopg
import redis
from sqlalchemy.ext.asyncio import AsyncSession

conn = psycopg.connect("dbname=limits")
r = redis.Redis()
MAX_ATTEMPTS = 3


async def limiter(session: AsyncSession, key: str) -> None:
    for attempt in range(5):  # want "RL010 \\[high\\] when every attempt fails with asyncio.TimeoutError, the loop ends and the request goes on as if allowed; raise .*SQLSTATE 40001"
        try:
            async with session.begin(isolation_level="SERIALIZABLE") as tx:
                await tx.execute("UPDATE limits SET n = n + 1 WHERE k = :k AND n < 100", {"k": key})
            break
        except asyncio.TimeoutError:
            await asyncio.sleep(0.01)


def allow(key: str) -> bool:
    for _ in range(MAX_ATTEMPTS):  # want "RL010 \\[high\\] when every attempt fails with redis.ConnectionError"
        try:
            return r.incr(key) <= 100
        except redis.ConnectionError:
            time.sleep(0.1)
    return True


def forever(key: str) -> bool:
    while True:  # want "RL010 \\[high\\] this loop retries psycopg.errors.SerializationFailure without bound"
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE limits SET n = n + 1 WHERE k = %s RETURNING n", (key,))
                return cur.fetchone()[0] <= 100
        except psycopg.errors.SerializationFailure:
            continue


def lockstep(key: str) -> bool:
    for _ in range(MAX_ATTEMPTS):  # want "RL010 \\[medium\\] this loop retries psycopg.OperationalError immediately"
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE limits SET n = n + 1 WHERE k = %s RETURNING n", (key,))
                return cur.fetchone()[0] <= 100
        except psycopg.OperationalError:
            pass
    raise RuntimeError("limiter unavailable")


def fixed_sleep(key: str) -> bool:
    for _ in range(MAX_ATTEMPTS):  # want "RL010 \\[medium\\] this loop retries psycopg.OperationalError after a fixed sleep"
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE limits SET n = n + 1 WHERE k = %s RETURNING n", (key,))
                return cur.fetchone()[0] <= 100
        except psycopg.OperationalError:
            time.sleep(0.05)
    raise RuntimeError("limiter unavailable")
