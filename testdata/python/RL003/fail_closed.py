"""Handlers that turn every datastore error into "rate limited"."""
import boto3
import redis.asyncio as aioredis
from fastapi import HTTPException, status

table = boto3.resource("dynamodb").Table("rate_limits")
cache = aioredis.from_url("redis://localhost")


def allow(key: str) -> bool:
    try:
        table.update_item(
            Key={"pk": key},
            UpdateExpression="ADD hits :one",
            ConditionExpression="hits < :limit",
            ExpressionAttributeValues={":one": 1, ":limit": 100},
        )
        return True
    except Exception:  # want "RL003 \\[medium\\] except Exception turns every datastore error into \"rate limited\""
        return False


async def enforce(key: str) -> None:
    try:
        hits = await cache.incr(key)
    except (ValueError, Exception):  # want "RL003 \\[medium\\]"
        raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS)
    if hits > 100:
        raise HTTPException(status_code=429)


async def is_rate_limited(key: str) -> bool:
    try:
        hits = await cache.incr(key)
        return hits > 100
    except aioredis.RedisError:  # want "RL003 \\[medium\\]"
        return True
