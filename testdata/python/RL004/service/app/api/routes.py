from flask import Flask, g

from app.db.counters import bump, bump_for

app = Flask(__name__)


@app.post("/search")
def search():
    bump("search")  # want "RL004 \\[medium\\] every request increments the same hits row of request_counters, because this constant is its key"
    return {}


@app.post("/orders")
def orders():
    bump_for(g.user_id, "orders")
    return {}


def relay(name):
    # passes its own parameter on: the constant, if any, is its callers'
    bump(name)


@app.post("/export")
def export():
    relay("export")  # want "RL004 \\[medium\\]"
    return {}
