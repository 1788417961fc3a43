import redis

r = redis.Redis()


class Limiter:
    def __init__(self, limit: int):
        self.limit = limit

    def allow(self, key: str) -> bool:
        return r.incr(key) <= self.limit

    def record_view(self, key: str) -> None:
        r.incr(f"views:{key}")
