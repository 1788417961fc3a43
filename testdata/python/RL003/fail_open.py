"""Handlers that let the request through when the datastore fails."""
import logging

import boto3
import redis
from botocore.exceptions import ClientError
from fastapi import Depends, HTTPException, Request

table = boto3.resource("dynamodb").Table("rate_limits")
r = redis.Redis()
log = logging.getLogger(__name__)


def allow(key: str) -> bool:
    try:
        table.update_item(
            Key={"pk": key},
            UpdateExpression="ADD hits :one",
            ConditionExpression="hits < :limit",
            ExpressionAttributeValues={":one": 1, ":limit": 100},
        )
        return True
    except Exception:  # want "RL003 \\[high\\] except Exception lets the request through"
        return True


def count(key: str) -> None:
    try:
        if r.incr(key) > 100:
            raise HTTPException(status_code=429)
    except:  # want "RL003 \\[high\\] bare except"
        pass


def count_views(key: str) -> None:
    # A page-view counter: nothing decides on it, so this is no rate-limit code.
    try:
        r.incr(key)
    except:
        pass


def allow_narrowed(key: str) -> bool:
    try:
        table.update_item(
            Key={"pk": key},
            UpdateExpression="ADD hits :one",
            ConditionExpression="hits < :limit",
            ExpressionAttributeValues={":one": 1, ":limit": 100},
        )
    except ClientError as err:  # want "RL003 \\[high\\] except ClientError narrows to the expected error but lets every other"
        if err.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        log.warning("limiter error: %s", err)
    return True


def limiter(request: Request) -> None:
    """A FastAPI dependency: returning normally lets the request in."""
    try:
        if int(r.incr(request.client.host)) > 100:
            raise HTTPException(status_code=429)
    except redis.RedisError:  # want "RL003 \\[high\\] except redis.RedisError"
        return None
