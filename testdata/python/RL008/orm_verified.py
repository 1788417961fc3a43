"""An API key looked up in the database, and refused when no row matches,
is verified: a limit keyed on it afterwards is the key owner's. Only
checking that the header is present verifies nothing."""
import redis
from fastapi import Depends, FastAPI, Header, HTTPException
from sqlmodel import Field, Session, SQLModel, select

app = FastAPI()
r = redis.Redis()


class APIKey(SQLModel, table=True):
    id: int = Field(primary_key=True)
    key: str


def get_session():
    yield Session()


def check_rate_limit(api_key: str, limit: int = 5) -> None:
    current = r.incr(f"ratelimit:{api_key}")
    if current > limit:
        raise HTTPException(status_code=429, headers={"Retry-After": "60"})


@app.get("/proxy")
def proxy(api_key: str = Header(..., alias="X-API-Key"), session: Session = Depends(get_session)):
    key_obj = session.exec(select(APIKey).where(APIKey.key == api_key)).first()
    if not key_obj:
        raise HTTPException(status_code=400, detail="keys don't match")
    check_rate_limit(api_key, 5)
    return {}


@app.get("/unchecked")
def unchecked(api_key: str = Header(..., alias="X-API-Key")):  # want "RL008 \\[medium\\] the rate-limit key comes from the X-API-Key header"
    if not api_key:
        raise HTTPException(status_code=400)
    check_rate_limit(api_key, 5)
    return {}
