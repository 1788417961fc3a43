import boto3

from app.db import expressions
from app.db.expressions import UPDATE_HITS, Conditions

table = boto3.resource("dynamodb").Table("rate_limits")


def hit(key, ttl):
    table.update_item(
        Key={"pk": key},
        UpdateExpression=UPDATE_HITS,
        ConditionExpression=Conditions.UNDER_LIMIT_FIXED,
        ExpressionAttributeValues={":ttl": ttl, ":one": 1, ":limit": 100},
    )


def hit_checked(key, ttl):
    table.update_item(
        Key={"pk": key},
        UpdateExpression=expressions.UPDATE_HITS_FIXED,
        ConditionExpression=Conditions.UNDER_LIMIT,
        ExpressionAttributeNames={"#ttl": "ttl"},
        ExpressionAttributeValues={":ttl": ttl, ":one": 1, ":limit": 100},
    )


def hit_fixed(key, ttl):
    table.update_item(
        Key={"pk": key},
        UpdateExpression=expressions.UPDATE_HITS_FIXED,
        ConditionExpression=Conditions.UNDER_LIMIT_FIXED,
        ExpressionAttributeNames={"#ttl": "ttl"},
        ExpressionAttributeValues={":ttl": ttl, ":one": 1, ":limit": 100},
    )
