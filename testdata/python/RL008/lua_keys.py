"""Lua limiters count under the KEYS they are given."""
import redis
from flask import Flask, abort, request

app = Flask(__name__)
r = redis.Redis()

LIMIT_LUA = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""
limit_script = r.register_script(LIMIT_LUA)
READ_LUA = "return redis.call('GET', KEYS[1])"


@app.get("/registered")
def registered():
    ip = request.headers.get("X-Real-IP")  # want "RL008 \\[medium\\] the rate-limit key comes from the X-Real-IP header"
    if limit_script(keys=[f"rl:{ip}"], args=[60]) > 100:
        abort(429)
    return {}


@app.get("/eval")
def evaluated():
    ip = request.headers.get("X-Real-IP")  # want "RL008 \\[medium\\] the rate-limit key comes from the X-Real-IP header"
    if r.eval(LIMIT_LUA, 1, f"rl:{ip}", 60) > 100:
        abort(429)
    return {}


@app.get("/read-only")
def read_only():
    # a script that counts nothing: its key is no rate-limit key
    ip = request.headers.get("X-Real-IP")
    return {"v": r.eval(READ_LUA, 1, f"seen:{ip}")}
