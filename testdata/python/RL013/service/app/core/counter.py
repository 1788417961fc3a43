import redis

r = redis.Redis()


def bump(key):
    return r.incr(key)


def set_window(key, seconds):
    r.expire(key, seconds)
