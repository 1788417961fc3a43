"""SQLAlchemy update() statements on counter rows."""
from fastapi import Depends, FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .models import ApiUsage, ClientUsage

app = FastAPI()


@app.get("/search")
async def search(session: AsyncSession = Depends(get_session)) -> dict:
    await session.execute(
        update(ApiUsage).where(ApiUsage.name == "search").values(request_count=ApiUsage.request_count + 1)  # want "RL004 \\[medium\\] every request increments the same request_count row of ApiUsage"
    )
    return {"ok": True}


async def count_route(session: AsyncSession, route: str) -> None:
    stmt = update(ApiUsage).filter_by(route=route).values(hits=ApiUsage.hits + 1)  # want "RL004"
    await session.execute(stmt)


async def count_client(session: AsyncSession, client_id: str, window: int) -> None:
    stmt = (
        update(ClientUsage)
        .where(ClientUsage.client_id == client_id, ClientUsage.window_start == window)
        .values(hits=ClientUsage.hits + 1)
    )
    await session.execute(stmt)


async def count_client_and_route(session: AsyncSession, client_id: str, route: str) -> None:
    stmt = update(ClientUsage).where(ClientUsage.route == route).where(ClientUsage.client_id == client_id).values(hits=ClientUsage.hits + 1)
    await session.execute(stmt)


async def refund_global(session: AsyncSession) -> None:
    await session.execute(update(ApiUsage).where(ApiUsage.name == "search").values(hits=ApiUsage.hits + -1))


async def rename(session: AsyncSession) -> None:
    await session.execute(update(ApiUsage).where(ApiUsage.name == "search").values(label="Search"))
