"""Whole SQL driver error families caught around rate-limit counters."""
import asyncpg
import psycopg
from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session

LIMIT = 100
app = FastAPI()
conn = psycopg.connect("dbname=limits")


@app.post("/orders")
async def create_order(session: AsyncSession = Depends(get_session), client_id: str = "") -> dict:
    try:
        await session.execute(text("UPDATE quotas SET used = used + 1 WHERE client_id = :c AND used < :cap"), {"c": client_id, "cap": LIMIT})
    except SQLAlchemyError:  # want "RL003 \\[high\\]"
        return None
    return {"ok": True}


def bump(client_id: str) -> None:
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE quotas SET used = used + 1 WHERE client_id = %s AND used < %s", (client_id, LIMIT))
    except psycopg.Error:  # want "RL003 \\[medium\\]"
        raise HTTPException(status_code=429, detail="rate limited")


async def consume(pool: asyncpg.Pool, client_id: str) -> bool:
    try:
        used = await pool.fetchval("UPDATE quotas SET used = used + 1 WHERE client_id = $1 RETURNING used", client_id)
    except asyncpg.PostgresError:  # want "RL003 \\[high\\]"
        return True
    return used <= LIMIT


def register(session, client_id: str) -> None:
    try:
        session.execute(text("INSERT INTO quotas (client_id, used) VALUES (:c, 0)"), {"c": client_id})
    except IntegrityError:
        pass


async def consume_or_reraise(pool: asyncpg.Pool, client_id: str) -> bool:
    try:
        used = await pool.fetchval("UPDATE quotas SET used = used + 1 WHERE client_id = $1 RETURNING used", client_id)
    except asyncpg.PostgresError as err:
        raise RuntimeError("quota store unavailable") from err
    return used <= LIMIT
