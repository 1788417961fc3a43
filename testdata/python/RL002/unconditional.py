"""DynamoDB counters that nothing conditions."""
import aioboto3
import boto3 as b3

dynamodb = b3.resource("dynamodb", region_name="us-east-1")
table = dynamodb.Table("rate_limits")
client = b3.client("dynamodb")

LIMIT = 100


def record_hit(key: str) -> None:
    table.update_item(  # want "RL002 \\[high\\] update_item increments hits with no ConditionExpression"
        Key={"pk": key},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": 1},
    )


def record_hit_low_level(key: str) -> None:
    client.update_item(  # want "RL002 \\[high\\] update_item increments count"
        TableName="rate_limits",
        Key={"pk": {"S": key}},
        UpdateExpression="SET #c = if_not_exists(#c, :zero) + :one",
        ExpressionAttributeNames={"#c": "count"},
        ExpressionAttributeValues={":zero": {"N": "0"}, ":one": {"N": "1"}},
    )


def record_legacy(key: str) -> None:
    table.update_item(  # want "RL002 \\[high\\]"
        Key={"pk": key},
        AttributeUpdates={"hits": {"Value": 1, "Action": "ADD"}},
    )


INCREMENT = "SET hits = hits + :one"


def record_from_constant(key: str) -> None:
    table.update_item(Key={"pk": key}, UpdateExpression=INCREMENT, ExpressionAttributeValues={":one": 1})  # want "RL002 \\[high\\]"


def allow(key: str) -> bool:
    """The limit holds, but every rejected request still writes."""
    resp = table.update_item(  # want "RL002 \\[medium\\] .*every rejected request still writes"
        Key={"pk": key},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": 1},
        ReturnValues="UPDATED_NEW",
    )
    return resp["Attributes"]["hits"] <= LIMIT


def returned_but_ignored(key: str) -> None:
    table.update_item(  # want "RL002 \\[high\\]"
        Key={"pk": key},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": 1},
        ReturnValues="UPDATED_NEW",
    )


async def record_async(key: str) -> None:
    session = aioboto3.Session()
    async with session.resource("dynamodb") as ddb:
        t = await ddb.Table("rate_limits")
        await t.update_item(  # want "RL002 \\[high\\]"
            Key={"pk": key},
            UpdateExpression="ADD hits :one",
            ExpressionAttributeValues={":one": 1},
        )
