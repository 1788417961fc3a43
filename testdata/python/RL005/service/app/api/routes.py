from fastapi import FastAPI, Header, HTTPException

from app.core.limits import hit
from app.core.shards import cache_slot

app = FastAPI()


@app.get("/")
def index(x_api_key: str = Header(...)):
    if not hit(x_api_key):
        raise HTTPException(status_code=429)
    return {"slot": cache_slot(x_api_key)}
