"""Expressions DynamoDB accepts, and ones rlcheck cannot see: RL016 stays silent."""
import boto3
from boto3.dynamodb.conditions import Attr, Key

table = boto3.resource("dynamodb").Table("rate_limits")
LIMIT = 100


def allow(key: str, expires: int) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="ADD request_count :inc SET #ttl = :ttl",
        ConditionExpression="attribute_not_exists(request_count) OR request_count < :limit",
        ExpressionAttributeNames={"#ttl": "ttl"},
        ExpressionAttributeValues={":inc": 1, ":limit": LIMIT, ":ttl": expires},
    )


def conditions_objects(key: str) -> None:
    table.query(KeyConditionExpression=Key("pk").eq(key), FilterExpression=Attr("hits").lt(LIMIT))


def run_time_values(key: str, values: dict) -> None:
    table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :limit", ExpressionAttributeValues=values)


def run_time_expression(key: str, attr: str) -> None:
    table.update_item(Key={"pk": key}, UpdateExpression=f"ADD {attr} :one", ExpressionAttributeValues={":one": 1, ":unused": 2})
