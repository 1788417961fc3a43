from fastapi import FastAPI, HTTPException

from app.limiter import RateLimiter
from app.repositories.projects import ProjectRepository
from app.utils.clients import get_redis

app = FastAPI()
limiter = RateLimiter(get_redis(), limit=100)
projects = ProjectRepository()


@app.get("/items/{user}")
def items(user: str):
    # The race sits inside RateLimiter.check, reported there, not here.
    if not limiter.check("rl:" + user):
        raise HTTPException(status_code=429)
    return []


@app.post("/projects/{pid}/jobs")
def run_job(pid: str):
    projects.consume_quota(pid, 1000)
    return {"ok": True}
