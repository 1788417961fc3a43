import time

from fastapi import FastAPI, HTTPException, Request

from app.core.counter import count, count_pipelined
from app.core.keys import WINDOW, aligned_key, bucket_key, now

app = FastAPI()


@app.get("/a")
def a(request: Request):
    if count(bucket_key(request.client.host)) > 100:
        raise HTTPException(status_code=429)


@app.get("/b")
def b(request: Request):
    # the raw time is put into the key right here
    if count(f"rl:{request.client.host}:{int(time.time())}") > 100:  # want "RL006 \\[high\\]"
        raise HTTPException(status_code=429)


@app.get("/c")
def c(request: Request):
    key = f"rl:{request.client.host}:{now() - now() % WINDOW}"
    if count_pipelined(key, WINDOW) > 100:
        raise HTTPException(status_code=429)


@app.get("/d")
def d(request: Request):
    if count(aligned_key(request.client.host)) > 100:
        raise HTTPException(status_code=429)
