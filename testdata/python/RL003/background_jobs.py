"""Broad handlers in background jobs and worker loops: no request waits
on them, so falling through lets nobody past a limit. The same gate in a
request handler fires."""
import logging
import threading

import redis
from celery import Celery, shared_task
from flask import Flask, abort

log = logging.getLogger(__name__)
r = redis.Redis()
celery_app = Celery("jobs")
app = Flask(__name__)
stop = threading.Event()
MAX_IN_FLIGHT = 10


def in_flight(queue: str) -> int:
    return int(r.get(f"inflight:{queue}") or 0)


@shared_task
def fan_out(queue: str) -> None:
    try:
        if in_flight(queue) >= MAX_IN_FLIGHT:
            raise RuntimeError("too many in flight")
    except Exception:
        log.exception("gate failed, fanning out anyway")


@celery_app.task(bind=True)
def nightly(self, queue: str) -> None:
    try:
        if in_flight(queue) >= MAX_IN_FLIGHT:
            raise RuntimeError("too many in flight")
    except Exception:
        log.exception("gate failed")


def poller(queue: str) -> None:
    while not stop.is_set():
        try:
            if in_flight(queue) >= MAX_IN_FLIGHT:
                raise RuntimeError("too many in flight")
        except Exception:
            log.exception("poll failed")
        stop.wait(5)


@app.route("/enqueue/<queue>", methods=["POST"])
def enqueue(queue: str):
    try:
        if in_flight(queue) >= MAX_IN_FLIGHT:
            abort(429)
    except Exception:  # want "RL003 \\[high\\]"
        log.exception("gate failed, letting the request in")
    return "queued"


def _gate(queue: str) -> bool:
    # a private helper that only the beat task calls
    try:
        return in_flight(queue) < MAX_IN_FLIGHT
    except Exception:
        return True


@shared_task
def beat(queue: str) -> None:
    if _gate(queue):
        fan_out.delay(queue)


def _request_gate(queue: str) -> bool:
    try:
        return in_flight(queue) < MAX_IN_FLIGHT
    except Exception:  # want "RL003 \\[high\\]"
        return True


@app.route("/submit/<queue>", methods=["POST"])
def submit(queue: str):
    if not _request_gate(queue):
        abort(429)
    return "queued"
