"""Rate-limit counts kept in process memory."""
import time
from collections import defaultdict

from fastapi import FastAPI, HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()
HITS = defaultdict(list)  # want "RL011 \\[medium\\] this container holds rate-limit counts in process memory"
COUNTS = {}  # want "RL011 \\[medium\\]"
ALLOWED_IPS = {"10.0.0.1": True}
PAGE_VIEWS = defaultdict(int)


def sliding_log(ip: str) -> None:
    now = time.time()
    HITS[ip] = [t for t in HITS[ip] if t > now - 60]
    if len(HITS[ip]) >= 100:
        raise HTTPException(status_code=429)
    HITS[ip].append(now)


def fixed_window(ip: str) -> bool:
    n = COUNTS.get(ip, 0) + 1
    COUNTS[ip] = n
    return n <= 100


def allow_list(ip: str) -> None:
    # read only: configuration
    if ALLOWED_IPS.get(ip, 0) < 1:
        raise HTTPException(status_code=403)


def count_view(path: str) -> None:
    # written, but nothing decides on it
    PAGE_VIEWS[path] += 1


class LimitMiddleware(BaseHTTPMiddleware):
    def __init__(self, app):
        super().__init__(app)
        self.hits = defaultdict(int)  # want "RL011 \\[medium\\]"

    async def dispatch(self, request: Request, call_next):
        key = request.client.host
        self.hits[key] += 1
        if self.hits[key] > 100:
            raise HTTPException(status_code=429)
        return await call_next(request)


def per_request(ip: str) -> None:
    # a local dict lives for one request
    seen = {}
    seen[ip] = seen.get(ip, 0) + 1
    if seen[ip] > 100:
        raise HTTPException(status_code=429)
