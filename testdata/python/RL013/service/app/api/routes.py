from flask import Flask, abort, request

from app.core.counter import bump, set_window

app = Flask(__name__)


@app.get("/")
def index():
    key = "rl:" + request.remote_addr
    n = bump(key)  # want "RL013 \\[medium\\] the counter's expiry is set in a separate round trip"
    if n == 1:
        set_window(key, 60)
    if n > 100:
        abort(429)
    return {}
