"""DynamoDB handles, built once and shared by the service."""
from functools import lru_cache

import boto3

_resource = boto3.resource("dynamodb")
table = _resource.Table("rate_limits")

CLIENTS = {"ddb": boto3.client("dynamodb")}


def get_table():
    return _resource.Table("quotas")


@lru_cache
def get_client():
    return boto3.client("dynamodb")


async def get_async_table():
    return _resource.Table("quotas")
