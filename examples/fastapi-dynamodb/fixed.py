"""The limiters of vulnerable.py, repaired."""
import random
import time
import zlib

import boto3
import psycopg
import redis
from botocore.exceptions import ClientError
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
dynamodb = boto3.resource("dynamodb", region_name="us-east-1")
table = dynamodb.Table("rate_limits")
api_keys = dynamodb.Table("api_keys")
pg = psycopg.connect("dbname=metrics")
cache = redis.Redis(host="cache")

LIMIT = 100
WINDOW = 60
SHARDS = 16
BURST_WINDOW = 10


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


def record_call(client_id: str) -> None:
    """Counts calls per window and lets them expire: `#ttl` escapes the
    reserved word, and the condition enforces the limit."""
    table.update_item(
        Key={"pk": f"calls#{client_id}", "sk": str(current_window())},
        UpdateExpression="ADD hits :one SET #ttl = :expires",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeNames={"#ttl": "ttl"},
        ExpressionAttributeValues={":one": 1, ":expires": current_window() + 2 * WINDOW, ":limit": LIMIT},
    )


def burst_allowed(client_id: str) -> bool:
    """A burst limit on an aligned 10-second window and a stable shard."""
    shard = zlib.crc32(client_id.encode()) % 8
    window = int(time.time() // BURST_WINDOW)
    with cache.pipeline() as pipe:
        pipe.incr(f"burst:{shard}:{client_id}:{window}")
        pipe.expire(f"burst:{shard}:{client_id}:{window}", 2 * BURST_WINDOW)
        hits, _ = pipe.execute()
    return hits <= 100


def reserve_slot(client_id: str) -> None:
    """Retries serialization failures with jittered backoff, then fails."""
    for attempt in range(3):
        try:
            with pg.cursor() as cur:
                cur.execute(
                    "UPDATE slots SET used = used + 1 WHERE client_id = %s AND used < 5",
                    (client_id,),
                )
            pg.commit()
            return
        except psycopg.errors.SerializationFailure:
            pg.rollback()
            time.sleep(random.uniform(0, 0.02 * 2 ** attempt))
    raise HTTPException(status_code=503, detail="rate limiter busy")


def current_principal(x_api_key: str = Header(...)) -> str:
    """Limits are counted per verified principal, never per raw header."""
    item = api_keys.get_item(Key={"api_key": x_api_key}).get("Item")
    if item is None:
        raise HTTPException(status_code=401)
    return item["owner"]


def daily_quota_left(principal: str) -> int:
    """A strongly consistent read sees every committed increment."""
    item = table.get_item(
        Key={"pk": f"daily#{principal}", "sk": time.strftime("%Y%m%d")}, ConsistentRead=True
    ).get("Item")
    used = int(item["count"]) if item else 0
    if used >= 10_000:
        raise HTTPException(status_code=429, headers={"Retry-After": "3600"})
    return 10_000 - used


@app.post("/events")
def ingest_event(principal: str = Depends(current_principal), x_client_time: int = Header(...)):
    """The window comes from the server's clock; the client's time is data."""
    bucket = int(time.time()) // WINDOW
    if not burst_allowed(f"{principal}:{bucket}"):
        raise HTTPException(status_code=429, headers={"Retry-After": "1"})
    return {"accepted": True, "sent_at": x_client_time}


@app.get("/reports")
def get_report(principal: str = Depends(current_principal)):
    daily_quota_left(principal)
    check_quota(principal)
    record_call(principal)
    count_global_request(principal)
    if not burst_allowed(principal):
        raise HTTPException(status_code=429, headers={"Retry-After": "10"})
    reserve_slot(principal)
    return {"client": principal}


def spend_credit(principal: str) -> None:
    """One statement spends the credit only while there is one."""
    with pg.cursor() as cur:
        cur.execute("UPDATE accounts SET credits = credits - 1 WHERE id = %s AND credits > 0 RETURNING credits", (principal,))
        if cur.fetchone() is None:
            raise HTTPException(status_code=429, headers={"Retry-After": "3600"})
    pg.commit()


def exports_allowed(principal: str) -> bool:
    """Exports are counted in Redis, which every worker shares, with the
    window's expiry in the same pipeline."""
    key = f"exports:{principal}:{current_window()}"
    pipe = cache.pipeline()
    pipe.incr(key)
    pipe.expire(key, 2 * WINDOW, nx=True)
    return pipe.execute()[0] <= 10


@app.post("/exports")
def export(principal: str = Depends(current_principal)):
    if not exports_allowed(principal):
        raise too_many_requests()
    spend_credit(principal)
    return {"export": "queued"}


@app.get("/search")
def search(q: str, principal: str = Depends(current_principal)):
    if not burst_allowed(principal):
        raise HTTPException(status_code=429, headers={"Retry-After": "10"})
    return {"q": q, "results": []}
