"""Flask 429s and limiters."""
from flask import Flask, abort, jsonify
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import TooManyRequests

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)  # want "RL014 \\[low\\] this Limiter sends its 429s without Retry-After"
quiet_limiter = Limiter(get_remote_address, app=app, headers_enabled=True)


@app.get("/a")
def a():
    abort(429)  # want "RL014 \\[low\\] abort\\(429\\) sends a 429 without a Retry-After header"


@app.get("/b")
def b():
    return jsonify(error="slow down"), 429  # want "RL014 \\[low\\]"


@app.get("/c")
def c():
    return jsonify(error="slow down"), 429, {"Retry-After": "60"}


@app.get("/d")
def d():
    raise TooManyRequests(retry_after=60)


@app.get("/e")
def e():
    resp = jsonify(error="slow down")
    resp.status_code = 429  # want "RL014 \\[low\\]"
    return resp


@app.get("/f")
def f():
    resp = jsonify(error="slow down")
    resp.status_code = 429
    resp.headers["Retry-After"] = "60"
    return resp
