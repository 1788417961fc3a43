"""A FastAPI service that rate-limits API calls with counters in DynamoDB.

Every limiter in this file can be bypassed; fixed.py shows the repairs.
"""
import time

import boto3
import psycopg
import redis
from fastapi import FastAPI, Header, HTTPException

app = FastAPI()
dynamodb = boto3.resource("dynamodb", region_name="us-east-1")
table = dynamodb.Table("rate_limits")
pg = psycopg.connect("dbname=metrics")
billing = psycopg.connect("dbname=billing", autocommit=True)
cache = redis.Redis(host="cache")
EXPORTS: dict[str, int] = {}

LIMIT = 100
WINDOW = 60


def current_window() -> int:
    return int(time.time() // WINDOW) * WINDOW


def check_quota(client_id: str) -> None:
    """Read the count, compare, write it back: concurrent requests all pass."""
    key = {"pk": f"quota#{client_id}", "sk": str(current_window())}
    item = table.get_item(Key=key, ConsistentRead=True).get("Item")
    count = int(item["count"]) if item else 0
    if count >= LIMIT:
        raise HTTPException(status_code=429, headers={"Retry-After": str(WINDOW)})
    table.put_item(Item={**key, "count": count + 1})


def record_call(client_id: str) -> None:
    """Counts calls, but nothing ever enforces the limit; and `ttl` is a
    reserved word, so DynamoDB rejects every one of these updates."""
    table.update_item(
        Key={"pk": f"calls#{client_id}", "sk": str(current_window())},
        UpdateExpression="ADD hits :one SET ttl = :expires",
        ExpressionAttributeValues={":one": 1, ":expires": current_window() + 2 * WINDOW},
    )


def allow(client_id: str) -> bool:
    """Conditional increment, but any DynamoDB error lets the request through."""
    try:
        table.update_item(
            Key={"pk": f"rl#{client_id}", "sk": str(current_window())},
            UpdateExpression="ADD hits :one",
            ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
            ExpressionAttributeValues={":one": 1, ":limit": LIMIT},
        )
        return True
    except Exception:
        return True


def count_global_request() -> None:
    """Every request of every client updates the same row."""
    with pg.cursor() as cur:
        cur.execute("UPDATE request_totals SET hits = hits + 1 WHERE name = 'global'")
    pg.commit()


def burst_allowed(client_id: str) -> bool:
    """A per-second burst limit keyed on the raw clock and a salted hash:
    every second starts a new key, and every worker picks a different shard."""
    shard = hash(client_id) % 8
    hits = cache.incr(f"burst:{shard}:{client_id}:{int(time.time())}")
    return hits <= 100


def reserve_slot(client_id: str) -> None:
    """Retries contention, then lets the request through anyway."""
    for _ in range(3):
        try:
            with pg.cursor() as cur:
                cur.execute(
                    "UPDATE slots SET used = used + 1 WHERE client_id = %s AND used < 5",
                    (client_id,),
                )
            pg.commit()
            break
        except psycopg.errors.SerializationFailure:
            pg.rollback()


def daily_quota_left(client_id: str) -> int:
    """An eventually consistent read decides: a burst all sees a stale count."""
    item = table.get_item(Key={"pk": f"daily#{client_id}", "sk": time.strftime("%Y%m%d")}).get("Item")
    used = int(item["count"]) if item else 0
    if used >= 10_000:
        raise HTTPException(status_code=429, headers={"Retry-After": "3600"})
    return 10_000 - used


@app.post("/events")
def ingest_event(x_api_key: str = Header(...), x_client_time: int = Header(...)):
    """Buckets the limit by the time the client claims to send at."""
    bucket = x_client_time // WINDOW
    if not burst_allowed(f"{x_api_key}:{bucket}"):
        raise HTTPException(status_code=429, headers={"Retry-After": "1"})
    return {"accepted": True}


@app.get("/reports")
def get_report(x_api_key: str = Header(...)):
    """Limits are keyed by whatever X-API-Key the caller sends."""
    client_id = x_api_key
    daily_quota_left(client_id)
    check_quota(client_id)
    record_call(client_id)
    if not allow(client_id):
        raise HTTPException(status_code=429, headers={"Retry-After": str(WINDOW)})
    count_global_request()
    if not burst_allowed(client_id):
        raise HTTPException(status_code=429, headers={"Retry-After": "1"})
    reserve_slot(client_id)
    return {"client": client_id}


def spend_credit(client_id: str) -> None:
    """Reads the balance and writes it back in autocommit mode: two requests
    both see the last credit and both spend it."""
    credits = billing.execute("SELECT credits FROM accounts WHERE id = %s", (client_id,)).fetchone()[0]
    if credits <= 0:
        raise HTTPException(status_code=429, headers={"Retry-After": "3600"})
    billing.execute("UPDATE accounts SET credits = %s WHERE id = %s", (credits - 1, client_id))


@app.post("/exports")
def export(x_api_key: str = Header(...)):
    """Counts exports in this worker's memory, and answers 429 without
    telling the client when to come back."""
    if not burst_allowed(x_api_key):
        raise HTTPException(status_code=429, headers={"Retry-After": "1"})
    EXPORTS[x_api_key] = EXPORTS.get(x_api_key, 0) + 1
    if EXPORTS[x_api_key] > 10:
        raise HTTPException(status_code=429)
    spend_credit(x_api_key)
    return {"export": "queued"}


@app.get("/search")
def search(q: str):
    """The one route of the app that nothing limits."""
    return {"q": q, "results": []}
