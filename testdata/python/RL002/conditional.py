"""Updates RL002 must leave alone."""
import boto3

table = boto3.resource("dynamodb").Table("rate_limits")
LIMIT = 100


def conditional(key: str) -> None:
    table.update_item(
        Key={"pk": key},
        UpdateExpression="ADD hits :one",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeValues={":one": 1, ":limit": LIMIT},
    )


def legacy_expected(key: str) -> None:
    table.update_item(
        Key={"pk": key},
        AttributeUpdates={"hits": {"Value": 1, "Action": "ADD"}},
        Expected={"hits": {"Value": LIMIT, "ComparisonOperator": "LT"}},
    )


def release_slot(key: str) -> None:
    """A decrement releases a slot; it is not counted against a limit."""
    table.update_item(Key={"pk": key}, UpdateExpression="ADD in_flight :minus", ExpressionAttributeValues={":minus": -1})
    table.update_item(Key={"pk": key}, UpdateExpression="SET in_flight = in_flight - :one", ExpressionAttributeValues={":one": 1})


def touch(key: str, now: int) -> None:
    """A plain SET of a timestamp is not a counter."""
    table.update_item(Key={"pk": key}, UpdateExpression="SET last_seen = :now", ExpressionAttributeValues={":now": now})


def passthrough(**kwargs) -> None:
    """The arguments are not known here."""
    table.update_item(UpdateExpression="ADD hits :one", **kwargs)


class Cache:
    """Not DynamoDB: a method that happens to have the same name."""

    def update_item(self, **kwargs):
        return kwargs


def not_dynamodb(cache: Cache, key: str) -> None:
    cache.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one")
    other = Cache()
    other.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one")
