"""A Flask app limited by a private library the configuration names."""
from flask import Flask

import acme_limits
from acme_limits import throttle

app = Flask(__name__)
limiter = acme_limits.Limiter(app)


@app.route("/login", methods=["POST"])
@limiter.limit("5/minute")
def login():
    return "ok"


@app.route("/signup", methods=["POST"])
@throttle("3/hour")
def signup():
    return "ok"


@app.route("/reset", methods=["POST"])
@acme_limits.throttle("3/hour")
def reset():
    return "ok"


@app.route("/verify", methods=["POST"])  # want "RL015 \\[medium\\] POST /verify has no rate limit"
def verify():
    return "ok"
