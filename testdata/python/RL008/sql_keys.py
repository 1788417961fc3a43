"""SQL counters keyed by request values."""
import asyncpg
import psycopg
import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from flask import Flask, abort, request

app = Flask(__name__)
api = FastAPI()
conn = psycopg.connect("dbname=limits")


@app.route("/sql")
def sql_counter():
    tenant = request.headers.get("X-Tenant")  # want "RL008 .*the X-Tenant header, which nothing authenticates"
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO hits (tenant, n) VALUES (%s, 1) ON CONFLICT (tenant) DO UPDATE SET n = hits.n + 1 RETURNING n",
            (tenant,),
        )
        if cur.fetchone()[0] > 100:
            abort(429)
    return "ok"


@app.route("/sql-verified")
def sql_verified():
    key = request.headers.get("X-API-Key", "")
    with conn.cursor() as cur:
        cur.execute("SELECT account_id FROM api_keys WHERE key = %s", (key,))
        row = cur.fetchone()
        if row is None:
            abort(401)
        cur.execute("UPDATE quotas SET used = used + 1 WHERE key = %s", (key,))
    return "ok"


async def verify_key(x_api_key: str = Header()):
    pool = await asyncpg.create_pool()
    if await pool.fetchval("SELECT 1 FROM api_keys WHERE key = $1", x_api_key) is None:
        raise HTTPException(status_code=401)


@api.get("/route-deps", dependencies=[Depends(verify_key)])
async def route_deps(x_api_key: str = Header()):
    pool = await asyncpg.create_pool()
    await pool.execute("UPDATE quotas SET used = used + 1 WHERE key = $1", x_api_key)
    return {}


@api.get("/peer-behind-any-proxy")
async def peer(request: Request):
    pool = await asyncpg.create_pool()
    await pool.execute("UPDATE quotas SET used = used + 1 WHERE ip = $1", request.client.host)  # want "RL008 .*first X-Forwarded-For entry"
    return {}


if __name__ == "__main__":
    uvicorn.run(api, forwarded_allow_ips="*")
