"""Counter windows keyed by the raw current time."""
import time
from datetime import datetime

import boto3
import redis

table = boto3.resource("dynamodb").Table("rate_limits")
r = redis.Redis()


def is_rate_limited(client_key: str, window_seconds: int = 60) -> bool:
    now = int(time.time())
    window_start = now - window_seconds
    resp = table.update_item(
        Key={"client_key": client_key, "window_start": window_start},  # want "RL006 \\[high\\] the counter's window is keyed by the raw current time"
        UpdateExpression="ADD request_count :one",
        ConditionExpression="attribute_not_exists(request_count) OR request_count < :limit",
        ExpressionAttributeValues={":one": 1, ":limit": 60},
        ReturnValues="UPDATED_NEW",
    )
    return resp["Attributes"]["request_count"] > 60


def redis_counter(client: str) -> int:
    return r.incr(f"rl:{client}:{int(time.time())}")  # want "RL006"


def datetime_key(client: str) -> int:
    stamp = datetime.now().isoformat()
    return r.incrby(f"rl:{client}:{stamp}", 1)  # want "RL006"
