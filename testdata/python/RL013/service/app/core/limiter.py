import redis

client = redis.Redis()


def limiter(key, limit):
    """Reported here, where the increment and its expiry are and the limit
    is decided: the functions that call it are not reported again."""
    req = client.incr(key)  # want "RL013 \\[medium\\] the counter's expiry is set in a separate round trip"
    if req == 1:
        client.expire(key, 60)
    if req > limit:
        return {"call": False}
    return {"call": True}


def counted(key):
    """Counts and expires, and its callers decide: reported here too, where
    the fix goes, and not at the callers."""
    n = client.incr(key)  # want "RL013 \\[medium\\] the counter's expiry is set in a separate round trip"
    if n == 1:
        client.expire(key, 60)
    return n
