import redis

r = redis.Redis()


def count(key):
    return r.incr(key)


def count_pipelined(key, ttl):
    pipe = r.pipeline()
    pipe.incr(key)
    pipe.expire(key, ttl)
    return pipe.execute()[0]
