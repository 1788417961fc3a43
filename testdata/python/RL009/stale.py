"""Limit decisions on eventually consistent reads."""
import boto3
from fastapi import HTTPException

table = boto3.resource("dynamodb").Table("rate_limits")
client = boto3.client("dynamodb")
LIMIT = 100


def check(key: str) -> None:
    item = table.get_item(Key={"pk": key}).get("Item")  # want "RL009 \\[medium\\] get_item reads the count that decides the limit without ConsistentRead=True"
    if item and int(item["hits"]) >= LIMIT:
        raise HTTPException(status_code=429)


def check_explicitly_inconsistent(key: str) -> bool:
    resp = client.get_item(TableName="rate_limits", Key={"pk": {"S": key}}, ConsistentRead=False)  # want "RL009"
    hits = int(resp["Item"]["hits"]["N"])
    return hits < LIMIT


def count_window(key: str) -> bool:
    resp = table.query(KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": key})  # want "RL009 \\[medium\\] query reads"
    return resp["Count"] < LIMIT
