"""Flask limit keys the client chooses: unverified headers, query values,
cookies, and forwarding headers."""
import hashlib
import time

import boto3
import redis
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
r = redis.Redis()
table = boto3.resource("dynamodb").Table("api_request_counts")


def is_rate_limited(client_key, limit=60, window_seconds=60):
    window = int(time.time() // window_seconds) * window_seconds
    response = table.update_item(
        Key={"client_key": client_key, "window_start": window},
        UpdateExpression="ADD request_count :inc",
        ExpressionAttributeValues={":inc": 1},
        ReturnValues="UPDATED_NEW",
    )
    return response["Attributes"]["request_count"] > limit


def hits(key: str) -> int:
    return r.incr(f"rl:{key}:{int(time.time()) // 60}")


def over_limit(key):
    # one more hop: the parameter reaches the counter through hits()
    return hits(key) > 100


@app.route("/api/data")
def get_data():
    client_key = request.headers.get("X-API-Key", request.remote_addr)  # want "RL008 \\[medium\\] the rate-limit key comes from the X-API-Key header, which nothing authenticates"
    if is_rate_limited(client_key, limit=60, window_seconds=60):
        abort(429, description="Rate limit exceeded")
    return jsonify({"status": "ok"})


@app.route("/search")
def search():
    ip = request.headers.get("X-Forwarded-For", request.remote_addr).split(",")[0].strip()  # want "RL008 \\[medium\\] the rate-limit key comes from the first X-Forwarded-For entry, which the client writes itself"
    if over_limit(ip):
        abort(429)
    return jsonify([])


@app.route("/real-ip")
def real_ip():
    if hits(request.headers["X-Real-IP"]) > 10:  # want "RL008 .*the X-Real-IP header, which the client writes itself"
        abort(429)
    return "ok"


@app.route("/access-route")
def access_route():
    if hits(request.access_route[0]) > 10:  # want "RL008 .*first X-Forwarded-For entry"
        abort(429)
    return "ok"


@app.route("/by-query")
def by_query():
    tenant = request.args.get("tenant", "anonymous")  # want "RL008 .*the query parameter tenant"
    key = "rl:%s" % tenant
    if r.incr(key) > 100:
        abort(429)
    return "ok"


@app.route("/by-cookie")
def by_cookie():
    session_id = request.cookies.get("sid")  # want "RL008 .*the sid cookie"
    digest = hashlib.sha256(session_id.encode()).hexdigest()
    if hits(digest) > 100:
        abort(429)
    return "ok"


@app.route("/by-json", methods=["POST"])
def by_json():
    body = request.get_json()  # want "RL008 .*the request body"
    if hits("user:{}".format(body["user"])) > 5:
        abort(429)
    return "ok"


@app.route("/presence-only")
def presence_only():
    key = request.headers.get("X-API-Key")  # want "RL008 .*X-API-Key"
    if not key:
        abort(401)  # a presence test authenticates nothing
    if hits(key) > 100:
        abort(429)
    return "ok"


@app.route("/login-required-xff")
@login_required
def login_required_xff():
    # authentication does not make a forwarding header trustworthy
    xff = request.environ.get("HTTP_X_FORWARDED_FOR", "")  # want "RL008 .*first X-Forwarded-For entry"
    if hits(xff) > 100:
        abort(429)
    return "ok"


def login_required(view):
    return view


def record_auth_attempt(key):
    pass


@app.route("/recorded")
def recorded():
    key = request.headers.get("X-Device-Key")  # want "RL008 .*X-Device-Key"
    record_auth_attempt(key)  # records, authenticates nothing
    if hits(key) > 100:
        abort(429)
    return "ok"
