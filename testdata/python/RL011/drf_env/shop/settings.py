"""CACHES from the environment (django-environ): rlcheck cannot tell the
backend, so nothing is reported. No throttle classes at all is silent too."""
import environ

env = environ.Env()

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"uploads": "10/hour"},
}
