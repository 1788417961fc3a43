import redis

from app.utils.clients import get_redis


class RateLimiter:
    """Reads the count in one method and writes it in another."""

    def __init__(self, client: redis.Redis, limit: int):
        self.client = client
        self.limit = limit

    def _read(self, key):
        return self.client.get(key)

    def _write(self, key, value):
        self.client.set(key, value, ex=60)

    def check(self, key):
        count = int(self._read(key) or 0)
        if count >= self.limit:
            return False
        self._write(key, count + 1)  # want "RL001 \\[high\\] set in RateLimiter._write writes the count that get in RateLimiter._read read"
        return True


class AtomicLimiter:
    """Increments first and decides on the value INCR returns."""

    def __init__(self, limit: int):
        self.client = get_redis()
        self.limit = limit

    def _incr(self, key):
        n = self.client.incr(key)
        if n == 1:
            self.client.expire(key, 60)
        return n

    def check(self, key):
        return self._incr(key) <= self.limit


class LockedLimiter(RateLimiter):
    """The same pair, under a redis lock held across it."""

    def check(self, key):
        with self.client.lock("lock:" + key, timeout=5):
            count = int(self._read(key) or 0)
            if count >= self.limit:
                return False
            self._write(key, count + 1)
            return True
