from fastapi import Depends, FastAPI, HTTPException, Request

from app.core.keys import bucket_key
from app.core.limiter import Limiter
from app.utils.net import api_key, client_ip, peer_ip

app = FastAPI()
limiter = Limiter(100)
KNOWN_KEYS = {"k1", "k2"}


@app.get("/items")
async def items(request: Request):
    if not await limiter.hit(bucket_key(client_ip(request))):
        raise HTTPException(status_code=429)
    return []


@app.get("/peer")
async def peer(request: Request):
    if not await limiter.hit(bucket_key(peer_ip(request))):
        raise HTTPException(status_code=429)
    return []


@app.get("/keyed")
async def keyed(request: Request):
    key = api_key(request)
    if not await limiter.hit(f"rl:key:{key}"):
        raise HTTPException(status_code=429)
    return []


@app.get("/verified")
async def verified(request: Request):
    key = request.headers.get("X-Tenant")
    if key not in KNOWN_KEYS:
        raise HTTPException(status_code=401)
    if not await limiter.hit(bucket_key(key)):
        raise HTTPException(status_code=429)
    return []
