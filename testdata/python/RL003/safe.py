"""Handlers RL003 must leave alone."""
import asyncio
import json
import logging

import boto3
from botocore.exceptions import ClientError
from fastapi import HTTPException

table = boto3.resource("dynamodb").Table("rate_limits")
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
    except ClientError as err:
        if err.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise


def allow_logged(key: str) -> bool:
    try:
        table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :l", ExpressionAttributeValues={":one": 1, ":l": 5})
        return True
    except Exception:
        log.exception("rate limiter failed")
        raise


def allow_or_503(key: str) -> bool:
    try:
        table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :l", ExpressionAttributeValues={":one": 1, ":l": 5})
        return True
    except Exception as err:
        raise HTTPException(status_code=503, detail="rate limiter unavailable") from err


def narrow_only(key: str) -> bool:
    try:
        table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :l", ExpressionAttributeValues={":one": 1, ":l": 5})
        return True
    except table.meta.client.exceptions.ConditionalCheckFailedException:
        return False


def load_settings(path: str) -> dict:
    """A broad except outside datastore and limiter code."""
    try:
        with open(path) as fh:
            return json.load(fh)
    except Exception:
        return {}


async def with_retries(key: str) -> None:
    """Retrying is RL010's business."""
    for _ in range(3):
        try:
            table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :l", ExpressionAttributeValues={":one": 1, ":l": 5})
            return
        except Exception:
            await asyncio.sleep(0.1)
            continue
    raise RuntimeError("limiter unavailable")
