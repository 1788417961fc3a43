import redis
from flask import Flask, abort, request

from app.utils.clock import client_time, server_time, window_of

app = Flask(__name__)
r = redis.Redis()


def hit(user, ts):
    return r.incr(f"rl:{user}:{window_of(ts)}")


@app.get("/feed")
def feed():
    if hit(request.authorization.username, client_time(request)) > 100:
        abort(429)
    return {}


@app.get("/feed2")
def feed2():
    if hit(request.authorization.username, server_time(request)) > 100:
        abort(429)
    return {}
