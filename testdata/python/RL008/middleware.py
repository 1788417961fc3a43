"""Class-based middleware limiters: clients resolved through self."""
import redis.asyncio as redis
from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse


class ForwardedLimiter(BaseHTTPMiddleware):
    def __init__(self, app, client: redis.Redis):
        super().__init__(app)
        self.client = client
        self.limit = 100

    async def dispatch(self, request: Request, call_next):
        xff = request.headers.get("x-forwarded-for")  # want "RL008 .*first X-Forwarded-For entry"
        ip = xff.split(",")[0].strip() if xff else request.client.host
        async with self.client.pipeline() as pipe:
            pipe.incr(f"rl:{ip}")
            count = (await pipe.execute())[0]
        if count > self.limit:
            return JSONResponse(status_code=429, content={})
        return await call_next(request)


class PrincipalLimiter(BaseHTTPMiddleware):
    def __init__(self, app):
        super().__init__(app)
        self.redis = redis.from_url("redis://cache")

    async def dispatch(self, request: Request, call_next):
        # set by the authentication middleware that runs first
        if await self.redis.incr(f"rl:{request.state.user_id}") > 100:
            return JSONResponse(status_code=429, content={})
        return await call_next(request)


class LocalCounts:
    def __init__(self):
        self.counts = {}

    def hit(self, request: Request):
        # a dict, not a datastore: not a counter key of this rule
        self.counts[request.headers.get("X-API-Key")] = 1
