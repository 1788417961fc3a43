"""FastAPI limit keys the client chooses."""
import time
from typing import Annotated, Optional

import boto3
import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from pydantic import BaseModel
from slowapi import Limiter
from slowapi.util import get_ipaddr
from fastapi_limiter import FastAPILimiter
from starlette.middleware.base import BaseHTTPMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

app = FastAPI()
app.add_middleware(ProxyHeadersMiddleware, trusted_hosts="*")
table = boto3.resource("dynamodb").Table("api_rates")
r = aioredis.Redis()
limiter = Limiter(key_func=get_ipaddr)  # want "RL008 .*get_ipaddr, which returns the first X-Forwarded-For entry"


class Event(BaseModel):
    account: str
    payload: str


@app.post("/check-rate-limit")
def check_rate_limit(client_id: str):  # want "RL008 \\[medium\\] the rate-limit key comes from the query parameter client_id"
    window = 3600
    current_window = int(time.time() // window) * window
    pk = f"RATE_LIMIT#{client_id}"
    sk = f"WINDOW#{current_window}"
    table.update_item(
        Key={"pk": pk, "sk": sk},
        UpdateExpression="ADD request_count :inc",
        ExpressionAttributeValues={":inc": 1},
    )
    return {"allowed": True}


async def client_key(x_api_key: Annotated[Optional[str], Header()] = None):
    return x_api_key


async def count(key: str) -> int:
    return await r.incr(f"rl:{key}:{int(time.time()) // 60}")


@app.get("/items")
async def items(key: str = Depends(client_key)):  # want "RL008 .*the x-api-key header \\(read by client_key\\)"
    if await count(key) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/forwarded")
async def forwarded(x_forwarded_for: str = Header(default="")):  # want "RL008 .*first X-Forwarded-For entry, which the client writes itself"
    if await count(x_forwarded_for.split(",")[0]) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/client-host")
async def client_host(request: Request):
    # ProxyHeadersMiddleware with trusted_hosts="*" rewrites client.host
    # from X-Forwarded-For for any peer
    if await count(request.client.host) > 100:  # want "RL008 .*first X-Forwarded-For entry"
        raise HTTPException(status_code=429)
    return []


@app.post("/events")
async def events(event: Event):  # want "RL008 .*the request body"
    if await count(event.account) > 100:
        raise HTTPException(status_code=429)
    return {}


@app.get("/q")
async def by_query(tenant: Annotated[str, Query(alias="t")]):  # want "RL008 .*the query parameter t"
    if await count(tenant) > 100:
        raise HTTPException(status_code=429)
    return []


@app.get("/raw-header")
async def raw_header(request: Request):
    token = request.headers.get("authorization", "")  # want "RL008 .*the authorization header"
    if await count(token.removeprefix("Bearer ")) > 100:
        raise HTTPException(status_code=429)
    return []


async def startup():
    await FastAPILimiter.init(r)  # want "RL008 .*FastAPILimiter.init without identifier="
