import redis


def get_redis():
    return redis.Redis(host="redis")
