from fastapi import APIRouter, Depends

from app.core import get_table, table
from ..core import dynamo

router = APIRouter()


@router.post("/hit/{key}")
def hit(key: str):
    table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": 1})  # want "RL002 \\[high\\]"


@router.post("/quota/{key}")
def quota(key: str, t=Depends(get_table)):
    t.update_item(Key={"pk": key}, UpdateExpression="ADD used :one", ExpressionAttributeValues={":one": 1})  # want "RL002 \\[high\\]"


@router.post("/module/{key}")
def through_module(key: str):
    dynamo.table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": 1})  # want "RL002 \\[high\\]"


@router.post("/guarded/{key}")
def guarded(key: str, t=Depends(get_table)):
    t.update_item(
        Key={"pk": key},
        UpdateExpression="ADD used :one",
        ConditionExpression="attribute_not_exists(used) OR used < :cap",
        ExpressionAttributeValues={":one": 1, ":cap": 100},
    )


class Cache:
    """Not a DynamoDB table: update_item of anything else is no finding."""

    def update_item(self, **kw):
        return kw


def not_dynamo(key):
    Cache().update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": 1})
