"""Limits counted in Django's cache (Redis in production)."""
from django.core.cache import cache, caches
from django.core.exceptions import PermissionDenied


def throttled(key: str, limit: int, window: int) -> bool:
    count = cache.get(key, 0)
    if count >= limit:
        return True
    cache.set(key, count + 1, window)  # want "RL001 \\[high\\] set writes the count that get read .*cache.incr\\(key\\)"
    return False


def throttled_atomic(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, window)
    return cache.incr(key) > limit


def login_attempt(user_id: int) -> None:
    attempts = caches["ratelimit"]
    n = attempts.get(f"login:{user_id}") or 0
    if n > 5:
        raise PermissionDenied("too many attempts")
    attempts.set(f"login:{user_id}", n + 1, 300)  # want "RL001 \\[high\\]"


def remember_theme(user_id: int, theme: str) -> str:
    # settings kept in the cache: read and written, no count, no limit
    old = cache.get(f"theme:{user_id}")
    if old != theme:
        cache.set(f"theme:{user_id}", theme)
    return old


def newer_release(current: str) -> bool:
    # a cached value compared in order is a version, not a count
    latest = cache.get("latest_release")
    if latest is None:
        latest = "1.2.3"
        cache.set("latest_release", latest, 900)
    return latest > current
