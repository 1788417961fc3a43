"""A Flask app whose limits live in libraries outside the scan; the
project's configuration says which calls decide a limit."""
import logging

from flask import Flask, abort, request

import acme_limits
from quota_client import QuotaClient

app = Flask(__name__)
quota = QuotaClient("https://quota.internal")
log = logging.getLogger(__name__)


@app.route("/search")
def search():
    try:
        acme_limits.check("search:" + request.remote_addr)
    except Exception:  # want "RL003 \\[high\\]"
        log.warning("limiter down")
    return "results"


@app.route("/export")
def export():
    try:
        quota.consume("export:" + request.remote_addr)
    except Exception:  # want "RL003 \\[high\\]"
        pass
    return "file"


@app.route("/strict")
def strict():
    try:
        acme_limits.check("strict:" + request.remote_addr)
    except acme_limits.LimitExceeded:
        abort(429)
    return "ok"


@app.route("/report")
def report():
    # an ordinary library call: not a limit, whatever its handler does
    try:
        quota.describe("report")
    except Exception:
        pass
    return "ok"
