import redis
from flask import Blueprint, Flask, abort, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, storage_uri="redis://cache")
r = redis.Redis()
api = Blueprint("api", __name__, url_prefix="/api")


def hit(key):
    n = r.incr(key)
    if n > 100:
        abort(429)


@api.post("/search")
@limiter.limit("10/minute")
def search():
    return {}


@api.route("/export", methods=["GET", "POST"])  # want "RL015 \\[medium\\] GET /v1/api/export has no rate limit" "RL015 \\[medium\\] POST /v1/api/export"
def export():
    return {}


@api.get("/suggest")
def suggest():
    hit("suggest:" + request.remote_addr)  # limited inline, through a helper
    return {}


@api.get("/public")
@limiter.exempt
def public():
    return {}


@api.get("/metrics")
def metrics():
    return ""


app.register_blueprint(api, url_prefix="/v1/api")
