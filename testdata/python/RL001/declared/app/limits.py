from fastapi import FastAPI, HTTPException, Request

import acme_counters
from acme_counters import Counters, get_count, set_count

app = FastAPI()
counters = Counters("redis://cache:6379")
LIMIT = 100


@app.post("/send")
def send(request: Request):
    key = "rl:" + request.client.host
    n = get_count(key)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    set_count(key, n + 1)  # want "RL001 \\[high\\] acme_counters.set_count .* acme_counters.get_count"
    return {"ok": True}


@app.post("/send-qualified")
def send_qualified(request: Request):
    key = "rl:q:" + request.client.host
    n = acme_counters.get_count(key)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    acme_counters.set_count(key, n + 1)  # want "RL001 \\[high\\]"
    return {"ok": True}


@app.post("/upload")
def upload(request: Request):
    # the declared increment is atomic and its result decides: no pair
    n = counters.incr(60, key="rl:u:" + request.client.host)
    if n > LIMIT:
        raise HTTPException(status_code=429)
    return {"ok": True}


@app.post("/undeclared")
def undeclared(request: Request):
    # acme_counters.peek is not declared: nothing is known about it
    key = "rl:p:" + request.client.host
    n = acme_counters.peek(key)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    acme_counters.poke(key, n + 1)
    return {"ok": True}
