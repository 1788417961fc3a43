"""429s built without Retry-After."""
from fastapi import FastAPI, HTTPException, status
from fastapi.responses import JSONResponse

app = FastAPI()
TOO_MANY = 429


class RateLimited(HTTPException):
    def __init__(self, limit: int):
        super().__init__(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail=f"limit {limit}")  # want "RL014 \\[low\\] this 429 response carries no Retry-After header"


class Throttled(HTTPException):
    def __init__(self, seconds: int):
        super().__init__(status_code=429, detail="slow down", headers={"Retry-After": str(seconds)})


def deny():
    raise HTTPException(status_code=429, detail="rate limited")  # want "RL014 \\[low\\]"


def deny_constant():
    raise HTTPException(TOO_MANY)  # want "RL014 \\[low\\]"


def deny_json():
    return JSONResponse({"error": "rate limited"}, status_code=429)  # want "RL014 \\[low\\]"


def deny_with_header(seconds: int):
    return JSONResponse({"error": "rate limited"}, status_code=429, headers={"Retry-After": str(seconds)})


def not_found():
    raise HTTPException(status_code=404)


def limited():
    raise RateLimited(100)  # the class's own construction is the finding
