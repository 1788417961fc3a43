import redis.asyncio as redis

client = redis.from_url("redis://redis")


class Limiter:
    def __init__(self, limit):
        self.limit = limit

    async def hit(self, key):
        return await client.incr(key) <= self.limit
