"""A window helper that returns the whole seconds of the clock only when
the window is one second long: there the second is the window. The same
seconds under a longer window fire."""
import time
import zlib

import redis
from flask import Flask, abort, request

app = Flask(__name__)
r = redis.Redis()


def window_end(value: str, period: int) -> int:
    ts = int(time.time())
    if period == 1:
        return ts
    w = ts - (ts % period) + (zlib.crc32(value.encode()) % period)
    if w < ts:
        return w + period
    return w


def window_raw(period: int) -> int:
    ts = int(time.time())
    if period == 60:
        return ts  # want "RL006 \\[high\\]"
    return ts - ts % period


@app.route("/a")
def a():
    ip = request.remote_addr
    if r.incr(f"rl:{ip}:{window_end(ip, 60)}") > 10:
        abort(429)
    return "ok"


@app.route("/b")
def b():
    ip = request.remote_addr
    if r.incr(f"rl:{ip}:{window_raw(60)}") > 10:
        abort(429)
    return "ok"
