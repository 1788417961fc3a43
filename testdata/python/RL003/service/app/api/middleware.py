from flask import Flask, abort, request

from app.limits.store import Limiter

app = Flask(__name__)
limiter = Limiter(100)


@app.before_request
def limit():
    try:
        allowed = limiter.allow(request.remote_addr)
    except Exception:  # want "RL003 \\[high\\] except Exception lets the request through"
        allowed = True
    if not allowed:
        abort(429)


@app.after_request
def count_view(response):
    # a page-view counter behind a project method: no rate-limit code
    try:
        limiter.record_view(request.path)
    except Exception:
        pass
    return response
