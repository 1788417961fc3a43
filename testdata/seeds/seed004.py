"""Seed 004 (FastAPI + CockroachDB): the article's "fixed" code, verbatim.

The SERIALIZABLE transaction makes the read-then-write atomic: no RL001.
"""
import asyncio
import random
from datetime import datetime, timezone
from typing import Annotated

import orjson
from fastapi import Depends, HTTPException, status
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db import get_session, engine  # your Cockroachdb SQLAlchemy setup
class RateLimitExceeded(HTTPException):
    def __init__(self, limit: int, window_seconds: int):
        super().__init__(  # want "RL014 \\[low\\]"
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            detail={
                "error": "rate_limit_exceeded",
                "limit": limit,
                "window_seconds": window_seconds,
                "retry_after": window_seconds,
            },
        )
async def get_rate_limiter(
    session: AsyncSession = Depends(get_session),
    api_key: str = Depends(extract_api_key),  # your auth extractor
    calls_limit: int = 100,
    window_seconds: int = 60,
) -> None:
    # Use a time bucket aligned to window boundaries to avoid edge drift
    now = datetime.now(timezone.utc)
    bucket = int(now.timestamp() // window_seconds)
    # Shard the key to reduce contention; shard_id can be derived from API key hash
    shard_id = hash(api_key) % 10  # want "RL005 \\[high\\] hash\\(\\) of a string is salted per process"
    client_key = f"{api_key}:bucket:{bucket}:shard:{shard_id}"

    for attempt in range(5):  # want "RL010 \\[high\\] when every attempt fails with asyncio.TimeoutError, the loop ends .*SQLSTATE 40001"
        try:
            async with session.begin(isolation_level="SERIALIZABLE") as tx:
                stmt = select(RateLimitCounter).filter_by(key=client_key)
                row = await tx.execute(stmt)
                counter = row.scalar_one_or_none()
                if counter is None:
                    counter = RateLimitCounter(key=client_key, count=1)
                    tx.add(counter)
                else:
                    counter.count += 1
                    if counter.count > calls_limit:
                        raise RateLimitExceeded(limit=calls_limit, window_seconds=window_seconds)
                await tx.flush()
            # Commit succeeds only if no serialization conflict
            break
        except asyncio.TimeoutError:
            # Cockroachdb may raise on contention; retry with jitter
            await asyncio.sleep(random.uniform(0.01, 0.05))
        except Exception as e:  # want "RL003 \\[medium\\]"
            # Map Cockroachdb-specific errors if available
            raise RateLimitExceeded(limit=calls_limit, window_seconds=window_seconds) from e
class RateLimitCounter(Base):
    __tablename__ = "rate_limit_counters"
    key = Column(String, primary_key=True)
    count = Column(Integer, default=0)
    updated_at = Column(TIMESTAMP, default=datetime.utcnow, onupdate=datetime.utcnow)
