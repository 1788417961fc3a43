"""The default cache is local, but django-ratelimit is told to count in a
Redis cache every process shares."""
INSTALLED_APPS = ["site"]

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379/2"},
}

RATELIMIT_USE_CACHE = "ratelimit"
