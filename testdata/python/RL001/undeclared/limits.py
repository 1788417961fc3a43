# The same calls as in ../declared without a configuration that declares
# acme_counters' functions: rlcheck knows nothing about them.
from fastapi import FastAPI, HTTPException, Request

from acme_counters import get_count, set_count

app = FastAPI()
LIMIT = 100


@app.post("/send")
def send(request: Request):
    key = "rl:" + request.client.host
    n = get_count(key)
    if n >= LIMIT:
        raise HTTPException(status_code=429)
    set_count(key, n + 1)
    return {"ok": True}
