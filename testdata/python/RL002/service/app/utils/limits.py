from mypy_boto3_dynamodb.client import DynamoDBClient

from app.core.dynamo import CLIENTS, get_async_table, get_client


def record(client_id):
    CLIENTS["ddb"].update_item(  # want "RL002 \\[high\\]"
        TableName="rate_limits",
        Key={"pk": {"S": client_id}},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )


def record_cached(client_id):
    get_client().update_item(  # want "RL002 \\[high\\]"
        TableName="rate_limits",
        Key={"pk": {"S": client_id}},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )


async def record_async(client_id):
    t = await get_async_table()
    await t.update_item(  # want "RL002 \\[high\\]"
        Key={"pk": client_id}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": 1}
    )


def record_guarded(client_id, limit):
    get_client().update_item(
        TableName="rate_limits",
        Key={"pk": {"S": client_id}},
        UpdateExpression="ADD hits :one",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeValues={":one": {"N": "1"}, ":limit": {"N": str(limit)}},
    )


def count_returned(client_id):
    # the new count goes back to the caller, which compares it
    resp = get_client().update_item(  # want "RL002 \\[medium\\] update_item increments hits with no ConditionExpression and compares the returned count"
        TableName="rate_limits",
        Key={"pk": {"S": client_id}},
        UpdateExpression="ADD hits :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
        ReturnValues="UPDATED_NEW",
    )
    return int(resp["Attributes"]["hits"]["N"])


def record_typed(client: "DynamoDBClient", client_id: str) -> None:
    # a string annotation: a forward reference to the imported type
    client.update_item(TableName="t", Key={"pk": {"S": client_id}}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": {"N": "1"}})  # want "RL002 \\[high\\]"


def record_annotated(client: DynamoDBClient, client_id: str) -> None:
    client.update_item(  # want "RL002 \\[high\\]"
        TableName="t", Key={"pk": {"S": client_id}}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": {"N": "1"}}
    )
