"""PynamoDB counters updated with no condition."""
from fastapi import FastAPI, HTTPException
from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

LIMIT = 100
app = FastAPI()


class RateLimit(Model):
    class Meta:
        table_name = "rate_limits"

    key = UnicodeAttribute(hash_key=True)
    hits = NumberAttribute(default=0)


class ApiQuota(RateLimit):
    used = NumberAttribute(default=0)


@app.post("/items")
def create_item(client_id: str) -> dict:
    item = RateLimit(client_id)
    item.update(actions=[RateLimit.hits.add(1)])  # want "RL002 \\[high\\] update increments RateLimit.hits with no condition"
    return {"ok": True}


@app.post("/search")
def search(client_id: str) -> dict:
    item = RateLimit.get(client_id)
    item.update(actions=[RateLimit.hits.set(RateLimit.hits + 1)])  # want "RL002 \\[medium\\] update increments RateLimit.hits with no condition and compares"
    if item.hits > LIMIT:
        raise HTTPException(status_code=429)
    return {"ok": True}


def spend(client_id: str) -> None:
    quota = ApiQuota(client_id)
    quota.update(actions=[ApiQuota.used.add(1)])  # want "RL002 \\[high\\] update increments ApiQuota.used"
