"""A local-memory cache named outright is just as per-process."""
from .base import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
