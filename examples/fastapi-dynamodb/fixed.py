"""The limiters of vulnerable.py, repaired."""
import time
import zlib

import boto3
import psycopg
from botocore.exceptions import ClientError
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
dynamodb = boto3.resource("dynamodb", region_name="us-east-1")
table = dynamodb.Table("rate_limits")
api_keys = dynamodb.Table("api_keys")
pg = psycopg.connect("dbname=metrics")

LIMIT = 100
WINDOW = 60
SHARDS = 16


def current_window() -> int:
    return int(time.time() // WINDOW) * WINDOW


def too_many_requests() -> HTTPException:
    return HTTPException(status_code=429, headers={"Retry-After": str(WINDOW)})


def check_quota(client_id: str) -> None:
    """One conditional update both counts and enforces the limit."""
    try:
        table.update_item(
            Key={"pk": f"quota#{client_id}", "sk": str(current_window())},
            UpdateExpression="ADD #c :one",
            ConditionExpression="attribute_not_exists(#c) OR #c < :limit",
            ExpressionAttributeNames={"#c": "count"},
            ExpressionAttributeValues={":one": 1, ":limit": LIMIT},
        )
    except ClientError as err:
        if err.response["Error"]["Code"] == "ConditionalCheckFailedException":
            raise too_many_requests() from err
        raise


def count_global_request(client_id: str) -> None:
    """A global counter split over shard rows, summed when read."""
    shard = zlib.crc32(client_id.encode()) % SHARDS
    with pg.cursor() as cur:
        cur.execute(
            "UPDATE request_totals SET hits = hits + 1 WHERE name = 'global' AND shard = %s",
            (shard,),
        )
    pg.commit()


def current_principal(x_api_key: str = Header(...)) -> str:
    """Limits are counted per verified principal, never per raw header."""
    item = api_keys.get_item(Key={"api_key": x_api_key}).get("Item")
    if item is None:
        raise HTTPException(status_code=401)
    return item["owner"]


@app.get("/reports")
def get_report(principal: str = Depends(current_principal)):
    check_quota(principal)
    count_global_request(principal)
    return {"client": principal}
