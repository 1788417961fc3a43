"""FastAPI limit keys that are the server's."""
import time

import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from slowapi import Limiter
from slowapi.util import get_remote_address
from fastapi_limiter import FastAPILimiter

app = FastAPI()
r = aioredis.Redis()
limiter = Limiter(key_func=get_remote_address)
api_key_header = APIKeyHeader(name="X-API-Key")
KEYS = {"k1": "acct-1"}


async def count(key: str) -> int:
    return await r.incr(f"rl:{key}:{int(time.time()) // 60}")


async def current_account(x_api_key: str = Header()):
    account = KEYS.get(x_api_key)
    if account is None:
        raise HTTPException(status_code=401)
    return account


@app.get("/by-account")
async def by_account(account: str = Depends(current_account)):
    if await count(account) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/security")
async def security(key: str = Security(api_key_header)):
    if await count(key) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/users/{user_id}/feed")
async def feed(user_id: str):
    # a path parameter is not reported
    if await count(user_id) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/peer")
async def peer(request: Request):
    # no wildcard proxy middleware: client.host is the socket peer
    if await count(request.client.host) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/checked-inline")
async def checked_inline(x_api_key: str = Header()):
    if x_api_key not in KEYS:
        raise HTTPException(status_code=401)
    if await count(x_api_key) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/limit-from-query")
async def limit_from_query(q: str = ""):
    # a query value searched for, not counted under
    if await count("global") > 100:
        raise HTTPException(status_code=429)
    return [q]


async def identify(request: Request) -> str:
    return request.client.host


async def startup():
    await FastAPILimiter.init(r, identifier=identify)


class Settings:
    api_key = "k"


settings = Settings()


def verify_api_key(x_api_key: str = Header(...)) -> str:
    if x_api_key != settings.api_key:
        raise HTTPException(status_code=401, detail="Invalid API key")
    return x_api_key


@app.get("/compared-key")
async def compared_key(key: str = Depends(verify_api_key)):
    # the dependency compares the header with the configured key first
    if await count(key) > 100:
        raise HTTPException(status_code=429)
    return []
