"""DynamoDB window counters and their TTL."""
import time

import boto3
from fastapi import HTTPException

table = boto3.resource("dynamodb").Table("rate_limits")
LIMIT = 100


def window_without_ttl(client: str) -> None:
    window = int(time.time() // 60)
    resp = table.update_item(  # want "RL013 \\[low\\] this DynamoDB window counter sets no TTL attribute"
        Key={"pk": client, "window": window},
        UpdateExpression="ADD hits :one",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeValues={":one": 1, ":limit": LIMIT},
        ReturnValues="UPDATED_NEW",
    )


def window_with_ttl(client: str) -> None:
    window = int(time.time() // 60)
    table.update_item(
        Key={"pk": client, "window": window},
        UpdateExpression="SET #ttl = :ttl ADD hits :one",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeNames={"#ttl": "ttl"},
        ExpressionAttributeValues={":one": 1, ":limit": LIMIT, ":ttl": (window + 2) * 60},
    )


def lifetime_cap(client: str) -> None:
    # one item per client, never meant to expire
    table.update_item(
        Key={"pk": client},
        UpdateExpression="ADD trials :one",
        ConditionExpression="attribute_not_exists(trials) OR trials < :cap",
        ExpressionAttributeValues={":one": 1, ":cap": 3},
    )
