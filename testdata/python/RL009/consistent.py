"""Reads RL009 must leave alone."""
import boto3
from fastapi import HTTPException

table = boto3.resource("dynamodb").Table("rate_limits")
LIMIT = 100


def check(key: str) -> None:
    item = table.get_item(Key={"pk": key}, ConsistentRead=True).get("Item")
    if item and int(item["hits"]) >= LIMIT:
        raise HTTPException(status_code=429)


def profile(user_id: str) -> dict:
    """Not a limit decision: the result is returned, not compared."""
    return table.get_item(Key={"pk": user_id}).get("Item", {})


def api_key_exists(key: str) -> bool:
    """An existence check, not a count compared with a limit."""
    item = table.get_item(Key={"pk": key}).get("Item")
    return item is not None


def by_index(key: str) -> bool:
    """Global secondary indexes cannot be read consistently."""
    resp = table.query(IndexName="by-client", KeyConditionExpression="client = :c", ExpressionAttributeValues={":c": key})
    return resp["Count"] < LIMIT
