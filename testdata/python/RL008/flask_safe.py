"""Flask limit keys that are the server's: verified API keys, the
authenticated principal, the peer address, the right-most hop."""
import hmac
import time

import redis
from flask import Flask, abort, g, request

app = Flask(__name__)
r = redis.Redis()
API_KEYS = {"k1": "acct-1"}
SECRET = "s"


def hits(key: str) -> int:
    return r.incr(f"rl:{key}:{int(time.time()) // 60}")


def lookup_account(api_key):
    return API_KEYS.get(api_key)


@app.route("/verified-membership")
def verified_membership():
    key = request.headers.get("X-API-Key", "")
    if key not in API_KEYS:
        abort(401)
    if hits(key) > 100:
        return "slow down", 429
    return "ok"


@app.route("/verified-lookup")
def verified_lookup():
    account = lookup_account(request.headers.get("X-API-Key", ""))
    if account is None:
        abort(401)
    if hits(account) > 100:
        abort(429)
    return "ok"


@app.route("/verified-compare")
def verified_compare():
    key = request.headers.get("X-API-Key", "")
    if not hmac.compare_digest(key, SECRET):
        abort(403)
    if hits(key) > 100:
        abort(429)
    return "ok"


def verify_api_key(key):
    if key not in API_KEYS:
        abort(401)


@app.route("/verifier-call")
def verifier_call():
    key = request.headers["X-API-Key"]
    verify_api_key(key)
    if hits(key) > 100:
        abort(429)
    return "ok"


@app.route("/peer")
def peer():
    if hits(request.remote_addr) > 100:
        abort(429)
    return "ok"


@app.route("/rightmost")
def rightmost():
    hop = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
    if hits(hop) > 100:
        abort(429)
    return "ok"


@app.route("/principal")
def principal():
    if hits(g.user.id) > 100:
        abort(429)
    return "ok"


@app.route("/not-a-limit")
def not_a_limit():
    # a header stored, not counted under
    r.set("last-agent", request.headers.get("User-Agent", ""))
    return "ok"


@app.route("/page")
def page():
    # a query value used for the data, not for the limit key
    n = int(request.args.get("page", "1"))
    if hits(request.remote_addr) > 100:
        abort(429)
    return str(n)


def jwt_required(view):
    return view


@app.route("/jwt")
@jwt_required
def jwt_route():
    # the handler is authenticated: the account header is trusted
    if hits(request.headers["X-Account"]) > 100:
        abort(429)
    return "ok"


@app.route("/gateway-user")
def gateway_user():
    # oauth2-proxy / an AWS ALB verified the user and wrote these headers.
    if hits(request.headers["X-Forwarded-User"]) > 100:
        return "slow down", 429
    if hits(request.headers.get("X-Amzn-Oidc-Identity", "")) > 100:
        return "slow down", 429
    return "ok"


@app.route("/articles/view")
def track_view():
    # A page-view counter keyed by the article the client asks for: no
    # rate limit, nothing to bypass.
    r.incr(f"views:{request.args.get('article', '')}")
    return "ok"


@app.route("/login", methods=["POST"])
def login():
    # Failed attempts counted per submitted account: the limit protects
    # that account, and rotating the username attacks another one.
    username = request.form["username"]
    if r.incr(f"login_attempts:{username}") > 5:
        abort(429)
    if not check_password(username, request.form["password"]):
        abort(401)
    return "ok"


def check_password(username, password):
    return False


@app.route("/articles/<slug>")
def article(slug):
    # The per-user limit is keyed on the session's user; the view counter
    # beside it is keyed on a query value but counts no limit.
    if r.incr(f"rl:{g.user_id}") > 100:
        abort(429)
    r.incr(f"views:{request.args.get('ref', '')}")
    return "ok"
