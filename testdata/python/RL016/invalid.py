"""Expressions DynamoDB rejects at run time."""
import time

import boto3
from fastapi import HTTPException

table = boto3.resource("dynamodb").Table("rate_limits")
client = boto3.client("dynamodb")
LIMIT = 100


def allow(key: str) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="ADD request_count :inc",
        ConditionExpression="request_count + :inc <= :limit",  # want "RL016 \\[high\\] DynamoDB rejects this ConditionExpression .*arithmetic \\(\\+\\) is not allowed"
        ExpressionAttributeValues={":inc": 1, ":limit": LIMIT},
    )


def with_ttl(key: str) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="ADD hits :one SET ttl = :ttl",  # want "RL016 \\[high\\] UpdateExpression uses the reserved word ttl"
        ExpressionAttributeValues={":one": 1, ":ttl": int(time.time()) + 3600},
    )


def undefined_value(key: str) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="ADD hits :one",
        ConditionExpression="hits < :limit",  # want "RL016 \\[high\\] :limit is used in the expression but not defined in ExpressionAttributeValues"
        ExpressionAttributeValues={":one": 1},
    )


def unused_value(key: str) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="ADD hits :one",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeValues={":one": 1, ":limit": LIMIT, ":zero": 0},  # want "RL016 \\[high\\] ExpressionAttributeValues defines :zero, which no expression uses"
    )


def undefined_name(key: str) -> None:
    client.update_item(
        TableName="rate_limits",
        Key={"pk": {"S": key}},
        UpdateExpression="ADD #c :one",  # want "RL016 \\[high\\] #c is used in the expression but not defined in ExpressionAttributeNames"
        ConditionExpression="attribute_not_exists(pk)",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )


def overlapping(key: str, now: int) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="SET meta = :m, meta.seen = :now",  # want "RL016 \\[medium\\] UpdateExpression updates meta and meta.seen"
        ExpressionAttributeValues={":m": {}, ":now": now},
    )


def profile(key: str) -> dict:
    return table.get_item(Key={"pk": key}, ProjectionExpression="name, email").get("Item")  # want "RL016 \\[medium\\] ProjectionExpression uses the reserved word name"


def syntax_error(key: str) -> None:
    resp = table.query(KeyConditionExpression="pk = :pk AND", ExpressionAttributeValues={":pk": key})  # want "RL016 \\[medium\\] DynamoDB rejects this KeyConditionExpression"
    if resp["Count"] > LIMIT:
        raise HTTPException(status_code=503)
