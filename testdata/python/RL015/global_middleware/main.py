"""A middleware limits every route: no route is without a limit."""
import redis.asyncio as redis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()
r = redis.from_url("redis://cache")


class Limit(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        if await r.incr("rl:" + request.client.host) > 100:
            return JSONResponse({"error": "slow down"}, status_code=429, headers={"Retry-After": "60"})
        return await call_next(request)


app.add_middleware(Limit)


@app.get("/a")
async def a():
    return {}


@app.get("/b")
async def b():
    return {}
