from flask import Flask, abort

from app.repo.usage import UsageRepository

app = Flask(__name__)
usage = UsageRepository()


@app.get("/items/<key>")
def items(key):
    if usage.current(key) >= 100:
        abort(429)
    return {}


@app.get("/safe/<key>")
def safe(key):
    if usage.current_consistent(key) >= 100:
        abort(429)
    return {"profile": usage.profile(key)}
