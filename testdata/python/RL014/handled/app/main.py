"""A project whose error handler adds Retry-After to every 429."""
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from .limits import check

app = FastAPI()


@app.exception_handler(HTTPException)
async def http_error(request: Request, exc: HTTPException):
    headers = dict(exc.headers or {})
    if exc.status_code == 429:
        headers.setdefault("Retry-After", "60")
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


@app.get("/")
def index():
    check("k")
    return {}
