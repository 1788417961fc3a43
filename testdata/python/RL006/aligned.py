"""Windows floored to their length, and sliding logs: RL006 stays silent."""
import math
import time
from datetime import datetime, timezone

import boto3
import redis

table = boto3.resource("dynamodb").Table("rate_limits")
r = redis.Redis()
WINDOW = 60


def fixed_window(client_key: str) -> None:
    window_start = int(time.time() // WINDOW) * WINDOW
    table.update_item(
        Key={"client_key": client_key, "window_start": window_start},
        UpdateExpression="ADD request_count :one",
        ConditionExpression="attribute_not_exists(request_count) OR request_count < :limit",
        ExpressionAttributeValues={":one": 1, ":limit": 60},
    )


def modulo_window(client: str) -> int:
    now = int(time.time())
    return r.incr(f"rl:{client}:{now - now % WINDOW}")


def floor_window(client: str) -> int:
    return r.incr(f"rl:{client}:{math.floor(time.time() / WINDOW)}")


def minute_bucket(client: str) -> int:
    minute = datetime.now(timezone.utc).strftime("%Y%m%d%H%M")
    return r.incr(f"rl:{client}:{minute}")


def sliding_log(client: str) -> int:
    """One item per request under its raw timestamp, counted over a range."""
    now = time.time()
    r.zadd(f"log:{client}", {str(now): now})
    r.zremrangebyscore(f"log:{client}", 0, now - WINDOW)
    return r.zcard(f"log:{client}")
