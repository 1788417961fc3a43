"""Retry loops RL010 must leave alone."""
import asyncio
import random
import time

import psycopg
from fastapi import HTTPException
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

conn = psycopg.connect("dbname=limits")


async def limiter(session: AsyncSession, key: str) -> None:
    for attempt in range(5):
        try:
            async with session.begin(isolation_level="SERIALIZABLE") as tx:
                await tx.execute("UPDATE limits SET n = n + 1 WHERE k = :k", {"k": key})
            return
        except DBAPIError as err:
            if getattr(err.orig, "sqlstate", None) != "40001":
                raise
            await asyncio.sleep(random.uniform(0, 0.05 * 2 ** attempt))
    raise HTTPException(status_code=503, detail="rate limiter busy")


def with_else(key: str) -> int:
    for attempt in range(3):
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE limits SET n = n + 1 WHERE k = %s RETURNING n", (key,))
                return cur.fetchone()[0]
        except psycopg.errors.SerializationFailure:
            time.sleep(0.01 * 2 ** attempt)
    else:
        raise RuntimeError("limiter unavailable")


def not_a_retry(keys: list) -> None:
    """A loop over work items whose handler skips bad ones."""
    for key in keys:
        try:
            with conn.cursor() as cur:
                cur.execute("DELETE FROM limits WHERE k = %s", (key,))
        except psycopg.errors.ForeignKeyViolation:
            raise


def parse_all(lines: list) -> list:
    """No datastore in the loop."""
    out = []
    for line in lines:
        try:
            out.append(int(line))
        except ValueError:
            continue
    return out


def wait_ready(key: str) -> None:
    """A readiness poll that raises after its last attempt."""
    for _ in range(10):
        try:
            conn.execute("SELECT 1")
            return
        except psycopg.OperationalError:
            time.sleep(0.5)
    raise RuntimeError("database not ready")


def per_item(keys: list) -> None:
    """Each pass counts a different key: a loop over work, not a retry."""
    for key in keys:
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE limits SET n = n + 1 WHERE k = %s AND n < 100", (key,))
        except psycopg.OperationalError:
            continue


def migrate_progress(batches: int) -> None:
    """A progress counter nothing decides on, retried without backoff."""
    for _ in range(batches):
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE migration_progress SET done = done + 1")
        except psycopg.OperationalError:
            pass
