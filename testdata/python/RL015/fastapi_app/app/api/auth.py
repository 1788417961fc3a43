from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter

router = APIRouter(prefix="/auth")


@router.post("/login", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
async def login():
    return {}


@router.post("/login/mfa")  # want "RL015 \\[medium\\] POST /api/auth/login/mfa has no rate limit while 3 of the 4 routes"
async def login_mfa():
    return {}


@router.post("/reset", dependencies=[Depends(RateLimiter(times=5, seconds=60))])
async def reset():
    return {}


@router.post("/register")
async def register(limit=Depends(RateLimiter(times=2, seconds=60))):
    return {}


@router.get("/healthz")
async def healthz():
    return {"ok": True}
