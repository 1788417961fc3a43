"""A record stamped with the current time (token.last_used_at = now())
is no raw time, and neither is the request it is attached to: the key the
helper counts under is aligned. A raw time passed in still fires."""
import datetime
import time

import redis
from flask import Flask, abort, g, request

app = Flask(__name__)
r = redis.Redis()
TOKENS = {}


def touch(token_id: str):
    token = TOKENS[token_id]
    token.last_used_at = datetime.datetime.now(datetime.timezone.utc)
    return token


def hit(ip: str) -> int:
    bucket = int(time.time() // 3600)
    return r.incr(f"rl:{ip}:{bucket}")


def hit_raw(ip: str, at: int) -> int:
    return r.incr(f"rl:{ip}:{at}")


@app.route("/items")
def items():
    token = touch(request.headers.get("X-Token", ""))
    request.token = token
    g.user = token.user
    if hit(request.remote_addr) > 100:
        abort(429)
    return "ok"


@app.route("/raw")
def raw():
    if hit_raw(request.remote_addr, int(time.time())) > 100:  # want "RL006 \\[high\\]"
        abort(429)
    return "ok"
