"""A limiter counting in Flask-Caching, which is Redis in production."""
from flask import Flask, abort, jsonify, request
from flask_caching import Cache

app = Flask(__name__)


class AppCache(Cache):
    pass


cache = AppCache()


def ratelimit(limit=50, interval=300):
    def decorator(f):
        def wrapped(*args, **kwargs):
            key = "rl:{}:{}".format(request.remote_addr, request.endpoint)
            current = cache.get(key)
            if current and int(current) > limit - 1:
                resp = jsonify({"code": 429})
                resp.status_code = 429
                return resp
            if current is None:
                cache.set(key, 1, timeout=interval)  # want "RL001 \\[high\\] set writes the count that get read .*cache.inc"
            else:
                cache.set(key, int(current) + 1, timeout=interval)
            return f(*args, **kwargs)

        return wrapped

    return decorator


def ratelimit_atomic(limit=50, interval=300):
    def decorator(f):
        def wrapped(*args, **kwargs):
            key = "rl:{}:{}".format(request.remote_addr, request.endpoint)
            cache.add(key, 0, timeout=interval)
            if cache.inc(key) > limit:
                abort(429)
            return f(*args, **kwargs)

        return wrapped

    return decorator


def remember_theme(user_id, theme):
    # a cache of settings, read and written: no counter, no limit
    if cache.get(f"theme:{user_id}") != theme:
        cache.set(f"theme:{user_id}", theme)
