"""Windows from the server's clock; client times used for other things."""
import hmac
import time

import redis
from flask import Flask, abort, request

app = Flask(__name__)
r = redis.Redis()
SECRET = b"s"


@app.route("/ingest", methods=["POST"])
def ingest():
    sent = int(request.headers["X-Request-Timestamp"])
    # freshness check of a signed request: never reaches a counter
    if abs(time.time() - sent) > 300:
        abort(401)
    if not hmac.compare_digest(request.headers["X-Signature"], "sig"):
        abort(401)
    bucket = int(time.time()) // 60
    if r.incr(f"rl:{request.remote_addr}:{bucket}") > 100:
        abort(429)
    return "ok"


@app.route("/report")
def report():
    # a client time stored as data, not as the window
    r.set(f"last:{request.remote_addr}", request.args.get("ts", "0"))
    now = time.time()
    key = f"rl:{request.remote_addr}:{int(now // 60)}"
    if r.incr(key) > 100:
        abort(429)
    return "ok"
