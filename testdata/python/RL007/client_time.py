"""Rate-limit windows computed from a time the client sends."""
import time
from datetime import datetime

import boto3
import redis
from fastapi import Depends, FastAPI, Header, HTTPException
from flask import Flask, abort, request
from pydantic import BaseModel

app = Flask(__name__)
api = FastAPI()
r = redis.Redis()
table = boto3.resource("dynamodb").Table("rate_limits")


def hits(key: str) -> int:
    return r.incr(key)


@app.route("/ingest", methods=["POST"])
def ingest():
    ts = int(request.headers["X-Request-Timestamp"])  # want "RL007 \\[high\\] the rate-limit window is computed from the X-Request-Timestamp header, a time the client chooses"
    bucket = ts // 60
    if hits(f"rl:{request.remote_addr}:{bucket}") > 100:
        abort(429)
    return "ok"


@app.route("/since")
def since():
    start = request.args.get("window_start", "0")  # want "RL007 .*the query parameter window_start"
    table.update_item(
        Key={"client": request.remote_addr, "window_start": start},
        UpdateExpression="ADD n :one",
        ExpressionAttributeValues={":one": 1},
    )
    return "ok"


@app.route("/log")
def sliding_log():
    now = float(request.args["now"])  # want "RL007 .*the query parameter now"
    key = f"log:{request.remote_addr}"
    r.zremrangebyscore(key, 0, now - 60)
    r.zadd(key, {str(now): now})
    if r.zcard(key) > 100:
        abort(429)
    return "ok"


@app.route("/iso")
def iso():
    body = request.get_json()  # want "RL007 .*the request body"
    sent = datetime.fromisoformat(body["sent"])
    if hits(f"rl:{request.remote_addr}:{sent:%Y%m%d%H%M}") > 10:
        abort(429)
    return "ok"


class Event(BaseModel):
    timestamp: float


async def current_client(authorization: str = Header()) -> str:
    client = KEYS.get(authorization)
    if client is None:
        raise HTTPException(status_code=401)
    return client


KEYS = {"t": "c"}


@api.post("/events")
def events(event: Event, client: str = Depends(current_client)):  # want "RL007 .*the request body"
    # an authenticated client still must not choose its window
    bucket = int(event.timestamp) // 60
    r.incr(f"rl:{client}:{bucket}")
    return {}
