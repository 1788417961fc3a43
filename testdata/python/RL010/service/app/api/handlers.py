import time

import psycopg
from flask import Flask, abort, g

from app.db.quota import consume, touch

app = Flask(__name__)


@app.post("/jobs")
def jobs():
    for _ in range(3):  # want "RL010 \\[high\\] when every attempt fails with psycopg.OperationalError, the loop ends and the request goes on as if allowed"
        try:
            if not consume(g.client_id):
                abort(429)
            break
        except psycopg.OperationalError:
            time.sleep(0.1)
    return {}


@app.post("/ping")
def ping():
    for _ in range(3):
        try:
            touch(g.client_id)
            break
        except psycopg.OperationalError:
            time.sleep(0.1)
    return {}
