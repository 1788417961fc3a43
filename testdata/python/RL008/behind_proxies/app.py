"""Limit keys of a Flask app behind a CDN and a load balancer, as its
configuration describes them."""
import time

import redis
from flask import Flask, abort, request

app = Flask(__name__)
r = redis.Redis()


def hits(key: str) -> int:
    return r.incr(f"rl:{key}:{int(time.time()) // 60}")


@app.route("/edge-header")
def edge_header():
    # the edge overwrites it (compared case-insensitively)
    if hits(request.headers.get("cf-connecting-ip", "")) > 100:
        abort(429)
    return "ok"


@app.route("/client-hop")
def client_hop():
    # the second entry from the right is the one the first proxy wrote
    ip = request.headers.get("X-Forwarded-For", "").split(",")[-2].strip()
    if hits(ip) > 100:
        abort(429)
    return "ok"


@app.route("/leftmost")
def leftmost():
    ip = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()  # want "RL008 .*first X-Forwarded-For entry"
    if hits(ip) > 100:
        abort(429)
    return "ok"


@app.route("/beyond-the-proxies")
def beyond_the_proxies():
    # the third entry from the right was there before the first proxy
    ip = request.headers.get("X-Forwarded-For", "").split(",")[-3].strip()  # want "RL008"
    if hits(ip) > 100:
        abort(429)
    return "ok"


@app.route("/other-header")
def other_header():
    if hits(request.headers["X-Real-IP"]) > 10:  # want "RL008 .*the X-Real-IP header, which the client writes itself"
        abort(429)
    return "ok"
