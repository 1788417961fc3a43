"""Limiter key functions that return what the client sends."""
from fastapi import Depends, FastAPI, Request
from fastapi_limiter.depends import RateLimiter
from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def get_ip_address():
    ip = request.headers.get("X-Forwarded-For", None)  # want "RL008 .*first X-Forwarded-For entry"
    if ip:
        return ip
    return request.remote_addr


limiter = Limiter(get_ip_address, storage_uri="redis://localhost:6379")


def get_ip():
    return request.headers.get("X-Real-IP") or request.remote_addr  # want "RL008 .*X-Real-IP header"


by_real_ip = Limiter(key_func=get_ip)
by_api_key = Limiter(key_func=lambda: request.headers.get("X-API-Key", ""))  # want "RL008 .*X-API-Key header"
by_peer = Limiter(key_func=get_remote_address)


def rightmost_hop():
    return request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()


by_hop = Limiter(key_func=rightmost_hop)

api = FastAPI()


async def client_id(request: Request):
    return request.query_params.get("client_id", "anon")  # want "RL008 .*the query parameter client_id"


@api.get("/", dependencies=[Depends(RateLimiter(times=2, seconds=5, identifier=client_id))])
async def index():
    return {}


def describe(identifier):
    return identifier


describe(identifier=client_id)  # not a limiter: not a key
