from fastapi import APIRouter, HTTPException

from app.core.limiter import counted, limiter

router = APIRouter()


async def add(email: str) -> dict:
    if not limiter(email, 10)["call"]:
        raise HTTPException(status_code=429, headers={"Retry-After": "60"})
    return {}


@router.post("/articles")
async def add_article(email: str):
    return await add(email)


@router.post("/comments")
async def add_comment(email: str):
    if counted("c:" + email) > 10:
        raise HTTPException(status_code=429, headers={"Retry-After": "60"})
    return {}


@router.post("/drafts")
async def add_draft(email: str):
    if not limiter(email, 10)["call"]:
        raise HTTPException(status_code=429, headers={"Retry-After": "60"})
    if not limiter(email, 10)["call"]:
        raise HTTPException(status_code=429, headers={"Retry-After": "60"})
    return {}
