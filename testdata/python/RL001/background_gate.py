"""A timestamp gate that only periodic jobs pass through: two overlapping
runs may both go ahead, but no client drives them, so no limit is
bypassed. The same read-then-write behind a route fires."""
import time

import redis
from celery import shared_task
from flask import Flask, abort

r = redis.Redis()
app = Flask(__name__)


def _fanout_due(task: str, every: int) -> bool:
    key = f"last_fanout:{task}"
    raw = r.get(key)
    elapsed = raw is None or int(raw) <= time.time() - every
    if elapsed:
        r.set(key, str(int(time.time())))
    return elapsed


@shared_task
def generator(task: str) -> None:
    if not _fanout_due(task, 600):
        return
    print("fan out", task)


def _export_due(user: str) -> bool:
    key = f"export:{user}"
    raw = r.get(key)
    count = int(raw or 0)
    if count >= 5:
        return False
    r.set(key, count + 1)  # want "RL001 \\[high\\]"
    return True


@shared_task
def nightly_export(user: str) -> None:
    _export_due(user)


@app.route("/export/<user>", methods=["POST"])
def export(user: str):
    if not _export_due(user):
        abort(429)
    return "queued"
